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

/** Refetches what a new device or a changed authState can move: lists, counts, the audit log, key uses. */
export function refreshDeviceLists(queryClient: QueryClient, domain: string): Promise<void> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: deviceKeys.lists(domain) }),
    queryClient.invalidateQueries({ queryKey: deviceKeys.counts(domain) }),
    queryClient.invalidateQueries({ queryKey: ['domain', domain, 'audit-log'] }),
    // Enrollments use up keys: the keys page shows uses and last use live too.
    queryClient.invalidateQueries({ queryKey: ['domain', domain, 'enrollment-keys'] }),
  ]).then(() => undefined);
}
