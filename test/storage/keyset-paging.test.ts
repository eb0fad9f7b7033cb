import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceSort } from '../../src/contract/admin.js';
import type { DeviceListFilter, Storage } from '../../src/core/ports.js';
import type { DeviceRecord } from '../../src/core/records.js';
import { BACKENDS, deviceRecord, domainRecord, type OpenedStorage } from './backends.js';

const BASE = 1_700_000_000_000;
// 30 devices, many sharing one lastSeenAt, so the Device ID must break ties.
const SEED = Array.from({ length: 30 }, (_, i) => ({ id: `${i % 2 ? 'n' : 'N'}-${String(i).padStart(2, '0')}`, seenAt: BASE + (i % 4) * 1000 }));

const keyOf = (sort: DeviceSort, d: DeviceRecord) => ({ value: sort.includes('lastSeenAt') ? (d.lastSeenAt ?? 0) : sort.includes('enrolledAt') ? d.enrolledAt : d.deviceId, deviceId: d.deviceId });

for (const backend of BACKENDS) {
  describe.skipIf(Boolean(backend.skip))(`keyset paging on ${backend.name}`, () => {
    let opened: OpenedStorage;
    let storage: Storage;
    beforeAll(async () => {
      opened = await backend.open();
      storage = opened.storage;
      await storage.domains.insert(domainRecord('pages'));
      for (const { id, seenAt } of SEED) await storage.devices.insert(deviceRecord('pages', id, { lastSeenAt: seenAt, enrolledAt: seenAt - 5000, authState: id.startsWith('n') ? 'ok' : 'missing' }));
    });
    afterAll(() => opened?.cleanup());

    async function pageThrough(filter: Omit<DeviceListFilter, 'after' | 'limit'>, limit: number, between?: (page: number) => Promise<void>) {
      const seen: string[] = [];
      let after: DeviceListFilter['after'];
      for (let page = 0; page < 100; page++) {
        const rows = await storage.devices.list({ ...filter, limit, after });
        seen.push(...rows.map((d) => d.deviceId));
        if (rows.length < limit) return seen;
        after = keyOf(filter.sort, rows[rows.length - 1]!);
        await between?.(page);
      }
      throw new Error('paging never ended');
    }

    it.each(['deviceId', '-deviceId', 'lastSeenAt', '-lastSeenAt', 'enrolledAt', '-enrolledAt'] as DeviceSort[])(
      'pages of 7 sorted by %s equal the whole list, with no row twice',
      async (sort) => {
        const whole = (await storage.devices.list({ domain: 'pages', sort, limit: 500 })).map((d) => d.deviceId);
        expect(whole).toHaveLength(SEED.length);
        expect(await pageThrough({ domain: 'pages', sort }, 7)).toEqual(whole);
      },
    );

    it('paging with an authState filter stays inside it', async () => {
      const paged = await pageThrough({ domain: 'pages', sort: '-lastSeenAt', authState: 'missing' }, 4);
      expect(paged).toHaveLength(15);
      expect(paged.every((id) => id.startsWith('N'))).toBe(true);
    });

    it('rows added while paging never make an old row repeat or vanish', async () => {
      const before = (await storage.devices.list({ domain: 'pages', sort: 'lastSeenAt', limit: 500 })).map((d) => d.deviceId);
      let added = 0;
      const paged = await pageThrough({ domain: 'pages', sort: 'lastSeenAt' }, 6, async () => {
        // One new device sorting first (already passed) and one sorting last (still ahead).
        await storage.devices.insert(deviceRecord('pages', `early-${added}`, { lastSeenAt: BASE - 1 }));
        await storage.devices.insert(deviceRecord('pages', `late-${added}`, { lastSeenAt: BASE + 60_000 }));
        added++;
      });
      expect(new Set(paged).size).toBe(paged.length);
      expect(paged.filter((id) => before.includes(id))).toEqual(before);
      expect(paged.filter((id) => id.startsWith('early-'))).toEqual([]);
      expect(paged.filter((id) => id.startsWith('late-'))).toHaveLength(added);
    });

    it('counts per authState', async () => {
      const counts = await storage.devices.countByAuthState('pages');
      expect(counts.missing).toBe(15);
      expect(counts.reset).toBe(0);
      expect(typeof counts.ok).toBe('number');
    });
  });
}
