import { Paper, SimpleGrid, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Device } from '../../../contract/admin.js';
import { RelativeTime } from '../../components/relative-time.js';
import { formatExactTime } from '../../lib/format-time.js';

function FactRows({ rows }: { rows: Array<[string, ReactNode]> }) {
  return (
    <Table variant="vertical" layout="fixed" verticalSpacing={6}>
      <Table.Tbody>
        {rows.map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Th w={170}>{label}</Table.Th>
            <Table.Td>{value ?? <Text c="dimmed" span>—</Text>}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

const exact = (iso: string | null) => (iso ? formatExactTime(iso) : null);

/** What the device reported about itself, and the identity panel: token and reset history. */
export function DeviceFacts({ device }: { device: Device }) {
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="sm">
          Device
        </Title>
        <FactRows
          rows={[
            ['Name', device.name],
            ['Model', device.model],
            ['OS', [device.os, device.osVersion].filter(Boolean).join(' ') || null],
            ['Agent version', device.agentVersion],
            ['Last seen', device.lastSeenAt ? <RelativeTime iso={device.lastSeenAt} /> : 'never'],
            ['Last seen from', device.lastSeenIp],
          ]}
        />
      </Paper>
      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="sm">
          Identity
        </Title>
        <FactRows
          rows={[
            ['Enrolled', exact(device.enrolledAt)],
            ['Enrolled with key (ID)', device.enrolledWithKeyId ? <Text ff="monospace" size="sm" span>{device.enrolledWithKeyId}</Text> : null],
            ['Token issued', device.tokenIssuedAt ? exact(device.tokenIssuedAt) : device.authState === 'reset' ? 'none (reset; waiting for re-enrollment)' : null],
            ['Last reset', device.lastResetAt ? `${exact(device.lastResetAt)}${device.lastResetBy ? ` by ${device.lastResetBy}` : ''}` : 'never'],
            [
              'Re-enrollment window',
              device.authState === 'reset' && device.reenrollWindowEndsAt ? (
                <>
                  open until {exact(device.reenrollWindowEndsAt)} (<RelativeTime iso={device.reenrollWindowEndsAt} />)
                </>
              ) : (
                'closed (opens when the auth token is reset)'
              ),
            ],
          ]}
        />
      </Paper>
    </SimpleGrid>
  );
}
