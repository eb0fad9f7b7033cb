import { Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { createLazyRoute, useNavigate } from '@tanstack/react-router';
import type { AuditList } from '../../../contract/admin.js';
import { apiRequest, domainPath, queryString } from '../../api/api-client.js';
import { actorText } from '../../components/actor-text.js';
import { AnchorLink } from '../../components/links.js';
import { PageHeader } from '../../components/page-header.js';
import { RelativeTime } from '../../components/relative-time.js';
import { AUDIT_ACTION_OPTIONS, auditActionLabel } from '../../lib/audit-action-labels.js';
import type { AuditSearch } from '../audit-search.js';
import { useCurrentDomain } from '../domain-context.js';
import { useUrlTextField } from '../../lib/use-url-text-field.js';
import { TableStatusRows } from '../../components/table-status-rows.js';

export const Route = createLazyRoute('/domains/$domain/audit-log')({ component: AuditLogPage });

const PAGE_SIZE = 50;

function AuditLogPage() {
  const { domain, liveStatus } = useCurrentDomain();
  const search: AuditSearch = Route.useSearch();
  const navigate = useNavigate({ from: '/domains/$domain/audit-log' });

  // Text filters update the URL once typing pauses; the URL drives the query.
  const [deviceIdText, setDeviceIdText] = useUrlTextField(
    search.deviceId,
    (deviceId) => void navigate({ search: (prev: AuditSearch) => ({ ...prev, deviceId }), replace: true }),
    300,
  );
  const [actorTextValue, setActorTextValue] = useUrlTextField(
    search.actor,
    (actor) => void navigate({ search: (prev: AuditSearch) => ({ ...prev, actor }), replace: true }),
    300,
  );

  const log = useInfiniteQuery({
    queryKey: ['domain', domain.slug, 'audit-log', 'page', search],
    queryFn: ({ pageParam }) =>
      apiRequest<AuditList>('GET', domainPath(domain.slug, '/audit-log' + queryString({ ...search, limit: PAGE_SIZE, cursor: pageParam }))),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const entries = log.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="md">
      <PageHeader title="Audit log" liveStatus={liveStatus} />
      <Group align="flex-end" wrap="wrap">
        <TextInput label="Device ID" description="Exact, case-sensitive" value={deviceIdText} onChange={(e) => setDeviceIdText(e.currentTarget.value)} w={220} spellCheck={false} />
        <Select
          label="Action"
          description="Any action when empty"
          data={AUDIT_ACTION_OPTIONS}
          value={search.action ?? null}
          clearable
          searchable
          onChange={(action) => void navigate({ search: (prev: AuditSearch) => ({ ...prev, action: action ?? undefined }) })}
          w={280}
        />
        <TextInput label="Actor" description="Email or Device ID, exact" value={actorTextValue} onChange={(e) => setActorTextValue(e.currentTarget.value)} w={240} spellCheck={false} />
      </Group>
      <Table.ScrollContainer minWidth={860}>
        <Table striped aria-label="Audit log">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>Action</Table.Th>
              <Table.Th>Actor</Table.Th>
              <Table.Th>Device ID</Table.Th>
              <Table.Th>Source IP</Table.Th>
              <Table.Th>Details</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <TableStatusRows columns={6} isPending={log.isPending} error={log.error} isEmpty={entries.length === 0} emptyText="No entries match." />
            {entries.map((entry) => (
              <Table.Tr key={entry.id}>
                <Table.Td>
                  <RelativeTime iso={entry.at} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{auditActionLabel(entry.action)}</Text>
                  <Text size="xs" c="dimmed" ff="monospace">
                    {entry.action}
                  </Text>
                </Table.Td>
                <Table.Td>{actorText(entry.actor)}</Table.Td>
                <Table.Td>
                  {entry.deviceId ? (
                    <AnchorLink to="/domains/$domain/devices/$deviceId" params={{ domain: domain.slug, deviceId: entry.deviceId }} ff="monospace" size="sm">
                      {entry.deviceId}
                    </AnchorLink>
                  ) : (
                    '—'
                  )}
                </Table.Td>
                <Table.Td>{entry.sourceIp ?? '—'}</Table.Td>
                <Table.Td>
                  {entry.details ? (
                    <Text size="xs" ff="monospace" style={{ wordBreak: 'break-all' }}>
                      {JSON.stringify(entry.details)}
                    </Text>
                  ) : (
                    '—'
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {log.hasNextPage && (
        <Group justify="center">
          <Button variant="default" loading={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>
            Load older entries
          </Button>
        </Group>
      )}
    </Stack>
  );
}
