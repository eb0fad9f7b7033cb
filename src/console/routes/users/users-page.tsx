import { ActionIcon, Badge, Button, Group, Paper, PasswordInput, Select, Stack, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createLazyRoute } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import type { Role } from '../../../contract/common.js';
import type { User } from '../../../contract/admin.js';
import { apiRequest } from '../../api/api-client.js';
import { domainsQuery, meQuery } from '../../api/session-api.js';
import { PageHeader } from '../../components/page-header.js';
import { RelativeTime } from '../../components/relative-time.js';
import { showError } from '../../lib/show-error.js';
import { TableStatusRows } from '../../components/table-status-rows.js';

export const Route = createLazyRoute('/users')({ component: UsersPage });

const ROLE_OPTIONS = [
  { value: 'admin', label: 'Admin (may reset tokens, manage keys)' },
  { value: 'viewer', label: 'Viewer (read only)' },
];
const usersKey = ['users'];

function UsersPage() {
  const me = useQuery(meQuery);
  if (!me.data?.user.isPlatformAdmin) {
    return (
      <Stack>
        <PageHeader title="Users" />
        <Text>Only platform administrators manage users. Ask one to add people to your domains.</Text>
      </Stack>
    );
  }
  return <UsersAdmin />;
}

function UsersAdmin() {
  const queryClient = useQueryClient();
  const users = useQuery({ queryKey: usersKey, queryFn: async () => (await apiRequest<{ items: User[] }>('GET', '/api/v1/users')).items });
  const domains = useQuery(domainsQuery);
  const domainOptions = (domains.data ?? []).map((d) => ({ value: d.slug, label: `${d.name} (${d.slug})` }));
  const refresh = () => void queryClient.invalidateQueries({ queryKey: usersKey });

  const setMembership = useMutation({
    mutationFn: ({ user, domain, role }: { user: User; domain: string; role: Role }) =>
      apiRequest<User>('PUT', `/api/v1/users/${encodeURIComponent(user.id)}/memberships/${encodeURIComponent(domain)}`, { role }),
    onSuccess: refresh,
    onError: (error) => showError('Could not change the membership', error),
  });
  const removeMembership = useMutation({
    mutationFn: ({ user, domain }: { user: User; domain: string }) =>
      apiRequest<User>('DELETE', `/api/v1/users/${encodeURIComponent(user.id)}/memberships/${encodeURIComponent(domain)}`),
    onSuccess: refresh,
    onError: (error) => showError('Could not remove the membership', error),
  });

  return (
    <Stack gap="md">
      <PageHeader title="Users" />
      <CreateUserForm domainOptions={domainOptions} onCreated={refresh} />
      <Table.ScrollContainer minWidth={760}>
        <Table striped aria-label="Users">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Email</Table.Th>
              <Table.Th>Domains and roles</Table.Th>
              <Table.Th>Add to a domain</Table.Th>
              <Table.Th>Created</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <TableStatusRows columns={4} isPending={users.isPending} error={users.error} loadingText="Loading users…" />
            {users.data?.map((user) => (
              <Table.Tr key={user.id}>
                <Table.Td>
                  {user.email}
                  {user.isPlatformAdmin && (
                    <Badge ml="xs" size="xs" variant="light">
                      platform admin
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Stack gap={4}>
                    {user.memberships.length === 0 && <Text size="sm" c="dimmed">none</Text>}
                    {user.memberships.map((m) => (
                      <Group key={m.domain} gap={6} wrap="nowrap">
                        <Text size="sm" ff="monospace">
                          {m.domain}
                        </Text>
                        <Select
                          size="xs"
                          w={110}
                          aria-label={`Role of ${user.email} in ${m.domain}`}
                          data={['admin', 'viewer']}
                          value={m.role}
                          allowDeselect={false}
                          onChange={(role) => role && setMembership.mutate({ user, domain: m.domain, role: role as Role })}
                        />
                        <Tooltip label={`Remove ${user.email} from ${m.domain}`}>
                          <ActionIcon
                            size="sm"
                            variant="subtle"
                            color="red"
                            aria-label={`Remove ${user.email} from ${m.domain}`}
                            onClick={() => removeMembership.mutate({ user, domain: m.domain })}
                          >
                            ×
                          </ActionIcon>
                        </Tooltip>
                      </Group>
                    ))}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <AddMembership
                    user={user}
                    domainOptions={domainOptions.filter((o) => !user.memberships.some((m) => m.domain === o.value))}
                    onAdd={(domain, role) => setMembership.mutate({ user, domain, role })}
                  />
                </Table.Td>
                <Table.Td>
                  <RelativeTime iso={user.createdAt} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function AddMembership({ user, domainOptions, onAdd }: { user: User; domainOptions: Array<{ value: string; label: string }>; onAdd: (domain: string, role: Role) => void }) {
  const [domain, setDomain] = useState<string | null>(null);
  const [role, setRole] = useState<Role>('viewer');
  if (domainOptions.length === 0) return <Text size="sm" c="dimmed">in every domain</Text>;
  return (
    <Group gap={6} wrap="nowrap">
      <Select size="xs" w={150} aria-label={`Domain for ${user.email}`} placeholder="Domain" data={domainOptions} value={domain} onChange={setDomain} />
      <Select size="xs" w={100} aria-label={`Role for ${user.email}`} data={['admin', 'viewer']} value={role} allowDeselect={false} onChange={(r) => r && setRole(r as Role)} />
      <Button size="xs" variant="light" disabled={!domain} onClick={() => domain && onAdd(domain, role)}>
        Add
      </Button>
    </Group>
  );
}

function CreateUserForm({ domainOptions, onCreated }: { domainOptions: Array<{ value: string; label: string }>; onCreated: () => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [domain, setDomain] = useState<string | null>(null);
  const [role, setRole] = useState<Role>('viewer');
  const create = useMutation({
    mutationFn: () =>
      apiRequest<User>('POST', '/api/v1/users', { email, password, memberships: domain ? [{ domain, role }] : [] }),
    onSuccess: () => {
      setEmail('');
      setPassword('');
      onCreated();
    },
    onError: (error) => showError('Could not create the user', error),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <Paper withBorder p="md" component="form" onSubmit={onSubmit} aria-labelledby="add-user-heading">
      <Title order={2} size="h4" mb="sm" id="add-user-heading">
        Add a user
      </Title>
      <Group align="flex-end" wrap="wrap">
        <TextInput label="New user’s email" type="email" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} w={240} />
        <PasswordInput label="Initial password" description="At least 8 characters" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} w={200} />
        <Select label="Domain" placeholder="None" data={domainOptions} value={domain} onChange={setDomain} clearable w={200} />
        <Select label="Role" data={ROLE_OPTIONS} value={role} onChange={(r) => r && setRole(r as Role)} allowDeselect={false} w={260} />
        <Button type="submit" loading={create.isPending} disabled={!email || password.length < 8}>
          Add user
        </Button>
      </Group>
    </Paper>
  );
}
