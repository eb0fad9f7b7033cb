import { Badge, Stack, Text } from '@mantine/core';
import type { Device } from '../../contract/admin.js';
import { AUTH_STATE_LABELS } from '../lib/auth-state-labels.js';
import { RelativeTime } from './relative-time.js';

/** The device's authState in words; `reset` says it waits for re-enrollment and until when. */
export function AuthStateBadge({ device }: { device: Device }) {
  const label = AUTH_STATE_LABELS[device.authState];
  if (device.authState !== 'reset') {
    return (
      <Badge color={label.color} variant="light">
        {label.label}
      </Badge>
    );
  }
  const windowOver = device.reenrollWindowEndsAt !== null && new Date(device.reenrollWindowEndsAt).getTime() < Date.now();
  return (
    <Stack gap={2}>
      <Badge color={windowOver ? 'gray' : label.color} variant="light">
        {windowOver ? 'Re-enrollment window over' : 'Waiting for re-enrollment'}
      </Badge>
      {device.reenrollWindowEndsAt && (
        <Text size="xs" c="dimmed">
          {windowOver ? 'ended ' : 'until '}
          <RelativeTime iso={device.reenrollWindowEndsAt} />
        </Text>
      )}
    </Stack>
  );
}
