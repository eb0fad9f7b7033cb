import type { Device, DeviceCounts, DeviceList, DeviceListQuery } from '../contract/admin.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { toDeviceView } from './device-view.js';
import { AppError } from './errors.js';
import type { Storage } from './ports.js';
import type { DeviceRecord } from './records.js';

type SortValue = string | number;
const sortValue = (device: DeviceRecord, sort: DeviceListQuery['sort']): SortValue => {
  switch (sort.replace('-', '')) {
    case 'lastSeenAt': return device.lastSeenAt ?? 0;
    case 'enrolledAt': return device.enrolledAt;
    default: return device.deviceId;
  }
};

/** Reading devices: one device, keyset pages, and counts per authState. */
export function createDeviceQueryService({ storage }: { storage: Storage }) {
  return {
    async get(domain: string, deviceId: string): Promise<Device> {
      const device = await storage.devices.get(domain, deviceId);
      if (!device) throw new AppError('not_found', `No device "${deviceId}" in domain "${domain}".`);
      return toDeviceView(device);
    },

    async list(domain: string, query: DeviceListQuery): Promise<DeviceList> {
      const after = query.cursor ? decodeCursor<{ v: SortValue; id: string }>(query.cursor, { v: query.sort.endsWith('deviceId') ? 'string' : 'number', id: 'string' }) : undefined;
      const filter = { domain, authState: query.authState, prefix: query.q || undefined };
      // One extra row tells whether there is a next page without a second query.
      const [rows, total] = await Promise.all([
        storage.devices.list({ ...filter, sort: query.sort, limit: query.limit + 1, after: after && { value: after.v, deviceId: after.id } }),
        storage.devices.count(filter),
      ]);
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map(toDeviceView),
        nextCursor: rows.length > query.limit && last ? encodeCursor({ v: sortValue(last, query.sort), id: last.deviceId }) : null,
        total,
      };
    },

    async counts(domain: string): Promise<DeviceCounts> {
      const byState = await storage.devices.countByAuthState(domain);
      return { all: byState.ok + byState.missing + byState.invalid + byState.reset, ...byState };
    },
  };
}

export type DeviceQueryService = ReturnType<typeof createDeviceQueryService>;
