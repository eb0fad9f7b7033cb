import { Badge, Button, Group, Modal, NumberInput, Paper, Stack, Table, Text, TextInput, Title, Tooltip, VisuallyHidden } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createLazyRoute } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import type { EnrollmentKey, EnrollmentKeyCreated } from '../../../contract/admin.js';
import { apiRequest, domainPath } from '../../api/api-client.js';
import { AnchorLink } from '../../components/links.js';
import { PageHeader } from '../../components/page-header.js';
import { RelativeTime } from '../../components/relative-time.js';
import { showError } from '../../lib/show-error.js';
import { useCurrentDomain } from '../domain-context.js';
import { EnrollmentKeyCreatedDialog } from './enrollment-key-created-dialog.js';
import { TableStatusRows } from '../../components/table-status-rows.js';

export const Route = createLazyRoute('/domains/$domain/enrollment-keys')({ component: EnrollmentKeysPage });

const STATUS_COLORS: Record<EnrollmentKey['status'], string> = { active: 'green', expired: 'gray', used_up: 'gray', revoked: 'red' };
const STATUS_LABELS: Record<EnrollmentKey['status'], string> = { active: 'Active', expired: 'Expired', used_up: 'Used up', revoked: 'Revoked' };

function EnrollmentKeysPage() {
  const { domain, canManage } = useCurrentDomain();
  const queryClient = useQueryClient();
  const keysKey = ['domain', domain.slug, 'enrollment-keys'];
  const keys = useQuery({
    queryKey: keysKey,
    queryFn: async () => (await apiRequest<{ items: EnrollmentKey[] }>('GET', domainPath(domain.slug, '/enrollment-keys'))).items,
  });
  const [created, setCreated] = useState<EnrollmentKeyCreated | null>(null);
  const [revoking, setRevoking] = useState<EnrollmentKey | null>(null);

  const revoke = useMutation({
    mutationFn: (key: EnrollmentKey) => apiRequest<void>('DELETE', domainPath(domain.slug, `/enrollment-keys/${encodeURIComponent(key.id)}`)),
    onSuccess: () => {
      setRevoking(null);
      void queryClient.invalidateQueries({ queryKey: keysKey });
    },
    onError: (error) => showError('Could not revoke the key', error),
  });

  return (
    <Stack gap="md">
      <PageHeader title="Enrollment keys" />
      <Text c="dimmed" maw={720}>
        A device enrolls with an enrollment key of this domain and gets its own auth token. Revoking a key stops new
        enrollments with it; devices already enrolled with it are not affected.
      </Text>
      {canManage ? (
        <CreateKeyForm domain={domain.slug} onCreated={(key) => {
          setCreated(key);
          void queryClient.invalidateQueries({ queryKey: keysKey });
        }} />
      ) : (
        <Text size="sm" c="dimmed">
          You are a viewer of this domain: you can see the keys but not create or revoke them.
        </Text>
      )}
      <Table.ScrollContainer minWidth={860}>
        <Table striped aria-label="Enrollment keys">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Label</Table.Th>
              <Table.Th>Key starts with</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Uses</Table.Th>
              <Table.Th>Last used</Table.Th>
              <Table.Th>Created</Table.Th>
              <Table.Th>Expires</Table.Th>
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <TableStatusRows columns={8} isPending={keys.isPending} error={keys.error} loadingText="Loading keys…" isEmpty={keys.data?.length === 0} emptyText="No enrollment keys yet." />
            {keys.data?.map((key) => (
              <Table.Tr key={key.id}>
                <Table.Td>{key.label ?? <Text c="dimmed" span>(no label)</Text>}</Table.Td>
                <Table.Td ff="monospace">{key.prefix}…</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={STATUS_COLORS[key.status]}>
                    {STATUS_LABELS[key.status]}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {key.uses}
                  {key.maxUses !== null ? ` of ${key.maxUses}` : ''}
                </Table.Td>
                <Table.Td>
                  <RelativeTime iso={key.lastUsedAt} />
                  {key.lastUsedDeviceId && (
                    <>
                      {' by '}
                      <AnchorLink to="/domains/$domain/devices/$deviceId" params={{ domain: domain.slug, deviceId: key.lastUsedDeviceId }} ff="monospace" size="sm">
                        {key.lastUsedDeviceId}
                      </AnchorLink>
                    </>
                  )}
                </Table.Td>
                <Table.Td>
                  <RelativeTime iso={key.createdAt} />
                  {key.createdBy ? ` by ${key.createdBy}` : ''}
                </Table.Td>
                <Table.Td>{key.expiresAt ? <RelativeTime iso={key.expiresAt} /> : 'never'}</Table.Td>
                <Table.Td>
                  {key.status !== 'revoked' && (
                    <Tooltip label="Viewers cannot revoke keys" disabled={canManage}>
                      <Button size="xs" variant="subtle" color="red" disabled={!canManage} onClick={() => setRevoking(key)}>
                        Revoke
                      </Button>
                    </Tooltip>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      <EnrollmentKeyCreatedDialog domain={domain.slug} created={created} onClose={() => setCreated(null)} />
      <Modal opened={revoking !== null} onClose={() => setRevoking(null)} title="Revoke this enrollment key?">
        <Stack>
          <Text>
            No device can enroll with “{revoking?.label ?? revoking?.prefix}” any more. Devices already enrolled with it keep
            working.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRevoking(null)}>
              Cancel
            </Button>
            <Button color="red" loading={revoke.isPending} onClick={() => revoking && revoke.mutate(revoking)}>
              Revoke key
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

function CreateKeyForm({ domain, onCreated }: { domain: string; onCreated: (key: EnrollmentKeyCreated) => void }) {
  const [label, setLabel] = useState('');
  const [expiresAt, setExpiresAt] = useState('');
  const [maxUses, setMaxUses] = useState<string | number>('');
  const create = useMutation({
    mutationFn: () =>
      apiRequest<EnrollmentKeyCreated>('POST', domainPath(domain, '/enrollment-keys'), {
        label: label || undefined,
        // datetime-local is local time without a zone; the API wants an instant.
        expiresAt: expiresAt ? new Date(expiresAt).toISOString() : undefined,
        maxUses: typeof maxUses === 'number' ? maxUses : undefined,
      }),
    onSuccess: (key) => {
      setLabel('');
      setExpiresAt('');
      setMaxUses('');
      onCreated(key);
    },
    onError: (error) => showError('Could not create the key', error),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <Paper withBorder p="md" component="form" onSubmit={onSubmit} aria-labelledby="create-key-heading">
      <Title order={2} size="h4" mb="sm" id="create-key-heading">
        Create an enrollment key
      </Title>
      <Group align="flex-end" wrap="wrap">
        <TextInput label="Label" placeholder="e.g. Warehouse tablets" value={label} onChange={(e) => setLabel(e.currentTarget.value)} w={240} />
        <TextInput label="Expires" description="Optional" type="datetime-local" value={expiresAt} onChange={(e) => setExpiresAt(e.currentTarget.value)} w={220} />
        <NumberInput label="Max uses" description="Optional" min={1} allowDecimal={false} value={maxUses} onChange={setMaxUses} w={140} />
        <Button type="submit" loading={create.isPending}>
          Create key
        </Button>
      </Group>
    </Paper>
  );
}
