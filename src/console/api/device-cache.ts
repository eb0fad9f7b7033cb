import type { QueryClient } from '@tanstack/react-query';
import type { Device, DeviceList } from '../../contract/admin.js';
import { deviceKeys } from './devices-api.js';

/**
 * Puts a fresh copy of a device into every cached place that shows it (its dashboard and any
 * page of the table holding it), so the screen changes at once, before any refetch.
 */
export function patchDeviceInCache(queryClient: QueryClient, device: Device): void {
  queryClient.setQueryData(deviceKeys.device(device.domain, device.deviceId), device);
  queryClient.setQueriesData<DeviceList>({ queryKey: deviceKeys.lists(device.domain) }, (list) => {
    if (!list || !list.items.some((item) => item.deviceId === device.deviceId)) return list;
    return { ...list, items: list.items.map((item) => (item.deviceId === device.deviceId ? device : item)) };
  });
}

/** Refetches what a change of membership (a new device, a changed authState) can move: lists and counts. */
export function refreshDeviceLists(queryClient: QueryClient, domain: string): Promise<void> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: deviceKeys.lists(domain) }),
    queryClient.invalidateQueries({ queryKey: deviceKeys.counts(domain) }),
    queryClient.invalidateQueries({ queryKey: ['domain', domain, 'audit-log'] }),
  ]).then(() => undefined);
}
