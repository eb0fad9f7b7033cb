import { queryOptions } from '@tanstack/react-query';
import type { BulkResetResponse, Device, DeviceCounts, DeviceList, DeviceSort } from '../../contract/admin.js';
import type { AuthState } from '../../contract/common.js';
import { apiRequest, domainPath, queryString } from './api-client.js';

export interface DeviceListParams {
  authState?: AuthState;
  /** Device ID prefix, case-sensitive. */
  q?: string;
  sort: DeviceSort;
  limit: number;
  cursor?: string;
}

/** Query keys: everything of one domain starts with ['domain', domain], so one call refreshes it all. */
export const deviceKeys = {
  domain: (domain: string) => ['domain', domain] as const,
  lists: (domain: string) => ['domain', domain, 'devices'] as const,
  list: (domain: string, params: DeviceListParams) => ['domain', domain, 'devices', params] as const,
  counts: (domain: string) => ['domain', domain, 'device-counts'] as const,
  device: (domain: string, deviceId: string) => ['domain', domain, 'device', deviceId] as const,
  activity: (domain: string, deviceId: string) => ['domain', domain, 'audit-log', { deviceId }] as const,
};

export function deviceListQuery(domain: string, params: DeviceListParams) {
  return queryOptions({
    queryKey: deviceKeys.list(domain, params),
    queryFn: ({ signal: _signal }) => apiRequest<DeviceList>('GET', domainPath(domain, '/devices' + queryString({ ...params }))),
    staleTime: 30_000,
  });
}

export function deviceCountsQuery(domain: string) {
  return queryOptions({
    queryKey: deviceKeys.counts(domain),
    queryFn: () => apiRequest<DeviceCounts>('GET', domainPath(domain, '/device-counts')),
    staleTime: 30_000,
  });
}

export function deviceQuery(domain: string, deviceId: string) {
  return queryOptions({
    queryKey: deviceKeys.device(domain, deviceId),
    queryFn: () => apiRequest<Device>('GET', domainPath(domain, `/devices/${encodeURIComponent(deviceId)}`)),
    staleTime: 30_000,
  });
}

export function resetAuthToken(domain: string, deviceId: string): Promise<Device> {
  return apiRequest<Device>('POST', domainPath(domain, `/devices/${encodeURIComponent(deviceId)}/auth-token/reset`));
}

export function resetAuthTokens(domain: string, deviceIds: string[]): Promise<BulkResetResponse> {
  return apiRequest<BulkResetResponse>('POST', domainPath(domain, '/auth-token-resets'), { deviceIds });
}
