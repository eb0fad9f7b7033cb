import { Button, Group, Modal, Text, Tooltip } from '@mantine/core';
import type { Device } from '../../contract/admin.js';
import { useResetAuthToken } from '../api/use-reset-auth-token.js';
import { AuthWarningExplanation } from './auth-warning-explanation.js';

/** The warning window: what happened, the facts, and `Reset Auth Token` (disabled for viewers). */
export function AuthWarningDialog({ domain, device, canManage, onClose }: { domain: string; device: Device | null; canManage: boolean; onClose: () => void }) {
  const reset = useResetAuthToken(domain);
  const lost = device?.authState === 'missing';
  return (
    <Modal
      opened={device !== null}
      onClose={onClose}
      size="lg"
      title={
        device ? (
          <Text fw={600} component="span">
            {lost ? 'Lost auth token' : 'Invalid auth token'}: {device.deviceId}
          </Text>
        ) : null
      }
    >
      {device && (
        <>
          <AuthWarningExplanation device={device} />
          <Group justify="flex-end" mt="lg">
            <Button variant="default" onClick={onClose}>
              Close
            </Button>
            <Tooltip label="Viewers cannot reset auth tokens" disabled={canManage}>
              <Button
                color="red"
                disabled={!canManage}
                loading={reset.isPending}
                onClick={() => reset.mutate(device.deviceId, { onSuccess: onClose })}
              >
                Reset Auth Token
              </Button>
            </Tooltip>
          </Group>
        </>
      )}
    </Modal>
  );
}
