import { Alert, Code, List, Stack, Table, Text } from '@mantine/core';
import type { Attempts, Device } from '../../contract/admin.js';
import { formatExactTime, formatRelativeTime } from '../lib/format-time.js';

/**
 * What happened to a device in `missing` or `invalid`, in plain words, with the facts the
 * server recorded; shared by the warning dialog and the Device Dashboard.
 */
export function AuthWarningExplanation({ device }: { device: Device }) {
  const lost = device.authState === 'missing';
  const attempts = lost ? device.refusedEnrollments : device.invalidTokens;
  return (
    <Stack gap="sm">
      {lost ? (
        <Text>
          An installation tried to enroll as <DeviceIdText id={device.deviceId} /> although this Device ID is already enrolled,
          and the server refused it. Usually the device was reinstalled, factory-reset or wiped and lost its auth token.
        </Text>
      ) : (
        <Text>
          A request for <DeviceIdText id={device.deviceId} /> came with an auth token that is not its current one: for
          example an old token restored from a backup, a copied configuration, or someone trying tokens.
        </Text>
      )}
      {device.validCheckinSinceWarning && (
        <Alert color="red" title="A second installation claims this Device ID">
          The enrolled device is still checking in with its valid token
          {device.lastSeenAt ? ` (last seen ${formatRelativeTime(device.lastSeenAt)})` : ''}. So another installation uses the
          same Device ID — a cloned disk image or a copied configuration, for instance. Find out which one is the real device
          before resetting: after a reset, the next installation to enroll takes this ID.
        </Alert>
      )}
      {attempts && <AttemptFacts attempts={attempts} lost={lost} />}
      <Text size="sm" c="dimmed">
        Until the token is reset, the current token keeps working. Reset Auth Token stops it at once and lets the next
        enrollment of this Device ID (with a valid enrollment key) succeed within the domain’s re-enrollment window. The
        device’s record and history are kept.
      </Text>
    </Stack>
  );
}

function AttemptFacts({ attempts, lost }: { attempts: Attempts; lost: boolean }) {
  const info = attempts.lastInfo;
  const reported = info ? [info.name, info.model, [info.os, info.osVersion].filter(Boolean).join(' '), info.agentVersion && `agent ${info.agentVersion}`].filter(Boolean) : [];
  return (
    <Table variant="vertical" withTableBorder layout="fixed" aria-label="What the server saw">
      <Table.Tbody>
        <Table.Tr>
          <Table.Th w={170}>{lost ? 'Refused enrollments' : 'Requests with a wrong token'}</Table.Th>
          <Table.Td>{attempts.count}</Table.Td>
        </Table.Tr>
        <Table.Tr>
          <Table.Th>First</Table.Th>
          <Table.Td>{formatExactTime(attempts.firstAt)}</Table.Td>
        </Table.Tr>
        <Table.Tr>
          <Table.Th>Last</Table.Th>
          <Table.Td>
            {formatExactTime(attempts.lastAt)} ({formatRelativeTime(attempts.lastAt)})
          </Table.Td>
        </Table.Tr>
        <Table.Tr>
          <Table.Th>From IP address</Table.Th>
          <Table.Td>{attempts.lastIp ?? 'unknown'}</Table.Td>
        </Table.Tr>
        {lost && (
          <Table.Tr>
            <Table.Th>It reported</Table.Th>
            <Table.Td>{reported.length ? <List size="sm">{reported.map((line) => <List.Item key={String(line)}>{line}</List.Item>)}</List> : 'nothing about itself'}</Table.Td>
          </Table.Tr>
        )}
      </Table.Tbody>
    </Table>
  );
}

/** A Device ID exactly as stored (case-sensitive), in monospace so `l`, `1` and `I` differ. */
export function DeviceIdText({ id }: { id: string }) {
  return <Code fz="inherit">{id}</Code>;
}
