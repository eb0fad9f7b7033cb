import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { Device } from '../../contract/admin.js';
import { useResetAuthToken } from '../api/use-reset-auth-token.js';
import { DeviceIdText } from './auth-warning-explanation.js';

/** Confirmation before a reset, with what it does in one paragraph. */
export function ResetAuthTokenDialog({ domain, device, opened, onClose, reenrollWindowSeconds }: {
  domain: string;
  device: Device;
  opened: boolean;
  onClose: () => void;
  reenrollWindowSeconds: number;
}) {
  const reset = useResetAuthToken(domain);
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={600} component="span">Reset the auth token of {device.deviceId}?</Text>}>
      <Stack gap="sm">
        <Text>
          The current token of <DeviceIdText id={device.deviceId} /> stops working at once. The next enrollment of this Device
          ID with a valid enrollment key succeeds within {formatWindow(reenrollWindowSeconds)}; the device’s record and history
          are kept.
        </Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="red" loading={reset.isPending} onClick={() => reset.mutate(device.deviceId, { onSuccess: onClose })}>
            Reset Auth Token
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function formatWindow(seconds: number): string {
  if (seconds % 86400 === 0) return `${seconds / 86400} day${seconds === 86400 ? '' : 's'}`;
  if (seconds % 3600 === 0) return `${seconds / 3600} hour${seconds === 3600 ? '' : 's'}`;
  return `${Math.round(seconds / 60)} minutes`;
}
