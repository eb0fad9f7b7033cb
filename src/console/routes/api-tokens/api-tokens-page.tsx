import { Button, Group, Modal, Paper, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createLazyRoute } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import type { ApiToken } from '../../../contract/admin.js';
import { apiRequest } from '../../api/api-client.js';
import { PageHeader } from '../../components/page-header.js';
import { RelativeTime } from '../../components/relative-time.js';
import { showError } from '../../lib/show-error.js';
import { type ApiTokenCreated, ApiTokenCreatedDialog } from './api-token-created-dialog.js';
import { TableStatusRows } from '../../components/table-status-rows.js';

export const Route = createLazyRoute('/account/api-tokens')({ component: ApiTokensPage });

const tokensKey = ['api-tokens'];

function ApiTokensPage() {
  const queryClient = useQueryClient();
  const tokens = useQuery({
    queryKey: tokensKey,
    queryFn: async () => (await apiRequest<{ items: ApiToken[] }>('GET', '/api/v1/auth/api-tokens')).items,
  });
  const [created, setCreated] = useState<ApiTokenCreated | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);

  const revoke = useMutation({
    mutationFn: (token: ApiToken) => apiRequest<void>('DELETE', `/api/v1/auth/api-tokens/${encodeURIComponent(token.id)}`),
    onSuccess: (_result, token) => {
      setRevoking(null);
      void queryClient.invalidateQueries({ queryKey: tokensKey });
      notifications.show({ role: 'status', color: 'green', title: 'API token revoked', message: `“${token.name}” no longer works.` });
    },
    onError: (error) => showError('Could not revoke the token', error),
  });

  return (
    <Stack gap="md">
      <PageHeader title="API tokens" />
      <Text c="dimmed" maw={720}>
        An API token lets scripts and the <Text span ff="monospace">dmp</Text> command-line tool use the admin API as you,
        with your roles in each domain. Revoke a token you no longer need.
      </Text>
      <CreateTokenForm
        onCreated={(token) => {
          setCreated(token);
          void queryClient.invalidateQueries({ queryKey: tokensKey });
        }}
      />
      <Table.ScrollContainer minWidth={560}>
        <Table striped aria-label="API tokens">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Created</Table.Th>
              <Table.Th>Last used</Table.Th>
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <TableStatusRows columns={4} isPending={tokens.isPending} error={tokens.error} loadingText="Loading tokens…" isEmpty={tokens.data?.length === 0} emptyText="No API tokens yet." />
            {tokens.data?.map((token) => (
              <Table.Tr key={token.id}>
                <Table.Td>{token.name}</Table.Td>
                <Table.Td>
                  <RelativeTime iso={token.createdAt} />
                </Table.Td>
                <Table.Td>{token.lastUsedAt ? <RelativeTime iso={token.lastUsedAt} /> : 'never'}</Table.Td>
                <Table.Td>
                  <Button size="xs" variant="subtle" color="red" onClick={() => setRevoking(token)} aria-label={`Revoke ${token.name}`}>
                    Revoke
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      <ApiTokenCreatedDialog created={created} onClose={() => setCreated(null)} />
      <Modal opened={revoking !== null} onClose={() => setRevoking(null)} title="Revoke this API token?">
        <Stack>
          <Text>
            Scripts and command-line logins using “{revoking?.name}” stop working at once. This cannot be undone.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRevoking(null)}>
              Cancel
            </Button>
            <Button color="red" loading={revoke.isPending} onClick={() => revoking && revoke.mutate(revoking)}>
              Revoke token
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

function CreateTokenForm({ onCreated }: { onCreated: (token: ApiTokenCreated) => void }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | undefined>();
  const create = useMutation({
    mutationFn: (tokenName: string) => apiRequest<ApiTokenCreated>('POST', '/api/v1/auth/api-tokens', { name: tokenName }),
    onSuccess: (token) => {
      setName('');
      onCreated(token);
    },
    onError: (err) => showError('Could not create the token', err),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return setError('Give the token a name, e.g. where it is used.');
    if (trimmed.length > 100) return setError('The name can be at most 100 characters.');
    setError(undefined);
    create.mutate(trimmed);
  };
  return (
    <Paper withBorder p="md" component="form" onSubmit={onSubmit} noValidate aria-labelledby="create-token-heading">
      <Title order={2} size="h4" mb="sm" id="create-token-heading">
        Create an API token
      </Title>
      <Group align="flex-start" wrap="wrap">
        <TextInput
          label="Token name"
          placeholder="e.g. Inventory sync script"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={error}
          maxLength={100}
          w={300}
        />
        <Button type="submit" loading={create.isPending} mt={25}>
          Create token
        </Button>
      </Group>
    </Paper>
  );
}
