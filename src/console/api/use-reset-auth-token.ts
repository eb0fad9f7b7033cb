import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { patchDeviceInCache, refreshDeviceLists } from './device-cache.js';
import { resetAuthToken, resetAuthTokens } from './devices-api.js';
import { showError } from '../lib/show-error.js';

/** Resets one device's auth token; the table and dashboard change at once, then a notification says so. */
export function useResetAuthToken(domain: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (deviceId: string) => resetAuthToken(domain, deviceId),
    onSuccess: (device) => {
      patchDeviceInCache(queryClient, device);
      void refreshDeviceLists(queryClient, domain);
      notifications.show({
        role: 'status',
        color: 'green',
        title: 'Auth token reset',
        message: `The auth token of ${device.deviceId} was reset. Next step: retry the enrollment on the device.`,
      });
    },
    onError: (error, deviceId) => showError(`Could not reset the auth token of ${deviceId}`, error),
  });
}

/** Resets many tokens in one request; one notification sums up what worked and what did not. */
export function useBulkResetAuthTokens(domain: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (deviceIds: string[]) => resetAuthTokens(domain, deviceIds),
    onSuccess: ({ items }) => {
      for (const item of items) if (item.device) patchDeviceInCache(queryClient, item.device);
      void refreshDeviceLists(queryClient, domain);
      const failed = items.filter((item) => !item.ok);
      const done = items.length - failed.length;
      notifications.show({
        role: failed.length ? 'alert' : 'status',
        color: failed.length ? 'orange' : 'green',
        title: `Auth token reset for ${done} of ${items.length} devices`,
        message: failed.length
          ? `Not reset: ${failed.map((item) => `${item.deviceId} (${item.error?.message ?? 'error'})`).join(', ')}`
          : 'Next step: retry the enrollment on those devices.',
      });
    },
    onError: (error) => showError('Could not reset the auth tokens', error),
  });
}
