import { ActionIcon } from '@mantine/core';
import type { Device } from '../../contract/admin.js';
import { IconInvalidToken, IconLostToken } from './icons.js';

/** The warning icon next to a Device ID: a different icon and wording for a lost and an invalid token. */
export function AuthWarningButton({ device, onOpen }: { device: Device; onOpen: () => void }) {
  const lost = device.authState === 'missing';
  const wording = lost ? 'lost token' : 'invalid token';
  const hint = lost
    ? 'Lost token: an installation tried to enroll this Device ID again'
    : 'Invalid token: a request came with a token that is not this device’s';
  return (
    // A native title rather than a Tooltip component: cheap enough for every row of a page.
    <ActionIcon
      variant="light"
      color={lost ? 'orange' : 'red'}
      size="sm"
      aria-label={`Auth token warning: ${wording} for ${device.deviceId}`}
      title={hint}
      onClick={onOpen}
    >
      {lost ? <IconLostToken size={15} /> : <IconInvalidToken size={15} />}
    </ActionIcon>
  );
}
