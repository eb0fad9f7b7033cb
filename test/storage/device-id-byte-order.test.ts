import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../../src/core/ports.js';
import { BACKENDS, byBytes, deviceRecord, domainRecord, type OpenedStorage } from './backends.js';

// Case, punctuation and digits that a locale-aware collation would fold, ignore or reorder.
const IDS = ['Dev-1', 'dev-1', 'DEV-1', 'Dev-10', 'Dev-2', 'Dev_1', 'Dev.1', 'Dev:1', 'Dev1', 'dev', 'Device', 'a', 'B', 'Z9', '0', 'z'];


for (const backend of BACKENDS) {
  describe.skipIf(Boolean(backend.skip))(`Device IDs compare byte for byte on ${backend.name}`, () => {
    let opened: OpenedStorage;
    let storage: Storage;
    beforeAll(async () => {
      opened = await backend.open();
      storage = opened.storage;
      await storage.domains.insert(domainRecord('bytes'));
      for (const id of IDS) await storage.devices.insert(deviceRecord('bytes', id, { name: id }));
    });
    afterAll(() => opened?.cleanup());

    const list = (options: { prefix?: string; sort?: 'deviceId' | '-deviceId' } = {}) =>
      storage.devices.list({ domain: 'bytes', sort: options.sort ?? 'deviceId', limit: 100, prefix: options.prefix });

    it('the test database itself orders text the locale way (so byte order here is the code\'s doing)', async ({ skip }) => {
      if (!opened.url) skip();
      const pg = await import('pg');
      const client = new pg.default.Client({ connectionString: opened.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ folded: boolean }>(`select 'a' < 'B' as folded`);
        expect(rows[0]?.folded).toBe(true);
      } finally {
        await client.end();
      }
    });

    it('Dev-1 and dev-1 are two devices', async () => {
      expect((await storage.devices.get('bytes', 'Dev-1'))?.name).toBe('Dev-1');
      expect((await storage.devices.get('bytes', 'dev-1'))?.name).toBe('dev-1');
      expect(await storage.devices.get('bytes', 'DEV-2')).toBeUndefined();
    });

    it('sorts in byte order both ways', async () => {
      expect((await list()).map((d) => d.deviceId)).toEqual([...IDS].sort(byBytes));
      expect((await list({ sort: '-deviceId' })).map((d) => d.deviceId)).toEqual([...IDS].sort(byBytes).reverse());
    });

    it.each([
      ['Dev-1', ['Dev-1', 'Dev-10']],
      ['dev', ['dev', 'dev-1']],
      ['Dev', ['Dev-1', 'Dev-10', 'Dev-2', 'Dev.1', 'Dev1', 'Dev:1', 'Dev_1', 'Device']],
      ['DEV', ['DEV-1']],
      ['Dev_', ['Dev_1']],
      ['x', []],
    ])('prefix %s matches exactly its own case', async (prefix, expected) => {
      expect((await list({ prefix })).map((d) => d.deviceId)).toEqual(expected);
      expect(await storage.devices.count({ domain: 'bytes', prefix })).toBe(expected.length);
    });
  });
}
