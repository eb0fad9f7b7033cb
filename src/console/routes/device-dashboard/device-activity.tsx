import { Paper, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { AuditList } from '../../../contract/admin.js';
import { apiRequest, domainPath, queryString } from '../../api/api-client.js';
import { deviceKeys } from '../../api/devices-api.js';
import { actorText } from '../../components/actor-text.js';
import { AnchorLink } from '../../components/links.js';
import { RelativeTime } from '../../components/relative-time.js';
import { auditActionLabel } from '../../lib/audit-action-labels.js';

/** The device's latest audit entries: enrollments, refusals, invalid tokens, resets. */
export function DeviceActivity({ domain, deviceId }: { domain: string; deviceId: string }) {
  const activity = useQuery({
    queryKey: deviceKeys.activity(domain, deviceId),
    queryFn: () => apiRequest<AuditList>('GET', domainPath(domain, '/audit-log' + queryString({ deviceId, limit: 20 }))),
  });
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="sm">
        Activity
      </Title>
      {activity.isError && <Text c="red">{activity.error.message}</Text>}
      {activity.data?.items.length === 0 && <Text c="dimmed">No activity recorded yet.</Text>}
      {activity.data && activity.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={560}>
          <Table aria-label="Device activity" verticalSpacing={6}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>What</Table.Th>
                <Table.Th>Who</Table.Th>
                <Table.Th>From</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {activity.data.items.map((entry) => (
                <Table.Tr key={entry.id}>
                  <Table.Td>
                    <RelativeTime iso={entry.at} />
                  </Table.Td>
                  <Table.Td>{auditActionLabel(entry.action)}</Table.Td>
                  <Table.Td>{actorText(entry.actor)}</Table.Td>
                  <Table.Td>{entry.sourceIp ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <AnchorLink to="/domains/$domain/audit-log" params={{ domain }} search={{ deviceId }} size="sm" mt="sm" display="inline-block">
        Open in the audit log
      </AnchorLink>
    </Paper>
  );
}
