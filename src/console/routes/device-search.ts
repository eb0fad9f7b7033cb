import type { DeviceSort } from '../../contract/admin.js';
import type { AuthState } from '../../contract/common.js';
import type { DeviceListParams } from '../api/devices-api.js';

/** The Devices Table's filters live in the URL, so a filtered view can be bookmarked and shared. */
export interface DeviceSearch {
  authState?: AuthState;
  q?: string;
  sort?: DeviceSort;
}

const AUTH_STATES: readonly string[] = ['ok', 'missing', 'invalid', 'reset'] satisfies AuthState[];
const SORTS: readonly string[] = ['deviceId', '-deviceId', 'lastSeenAt', '-lastSeenAt', 'enrolledAt', '-enrolledAt'] satisfies DeviceSort[];

export function parseDeviceSearch(search: Record<string, unknown>): DeviceSearch {
  const result: DeviceSearch = {};
  if (typeof search.authState === 'string' && AUTH_STATES.includes(search.authState)) result.authState = search.authState as AuthState;
  // Device IDs may look like numbers ("0042"): keep the text exactly as typed.
  if (typeof search.q === 'string' && search.q !== '') result.q = search.q;
  else if (typeof search.q === 'number') result.q = String(search.q);
  if (typeof search.sort === 'string' && SORTS.includes(search.sort)) result.sort = search.sort as DeviceSort;
  return result;
}

export const DEFAULT_PAGE_SIZE = 50;

/** The list request of the table's first page for these filters (shared by prefetch and page). */
export function firstPageParams(search: DeviceSearch, limit = DEFAULT_PAGE_SIZE): DeviceListParams {
  return { authState: search.authState, q: search.q, sort: search.sort ?? 'deviceId', limit };
}
