import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../../src/core/ports.js';
import { BACKENDS, deviceRecord, domainRecord, type OpenedStorage } from './backends.js';

for (const backend of BACKENDS) {
  describe.skipIf(Boolean(backend.skip))(`compare-and-set writes on ${backend.name}`, () => {
    let opened: OpenedStorage;
    let storage: Storage;
    beforeAll(async () => {
      opened = await backend.open();
      storage = opened.storage;
      await storage.domains.insert(domainRecord('cas'));
    });
    afterAll(() => opened?.cleanup());

    it('a second insert of one Device ID loses, and leaves the first untouched', async () => {
      expect(await storage.devices.insert(deviceRecord('cas', 'Once-1', { tokenHash: 'first' }))).toBe(true);
      expect(await storage.devices.insert(deviceRecord('cas', 'Once-1', { tokenHash: 'second' }))).toBe(false);
      expect((await storage.devices.get('cas', 'Once-1'))?.tokenHash).toBe('first');
    });

    it('racing inserts of one new Device ID: exactly one wins', async () => {
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => storage.devices.insert(deviceRecord('cas', 'Race-1', { tokenHash: `t${i}` }))));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('an update with a stale version is refused; racing updates of one version: exactly one lands', async () => {
      await storage.devices.insert(deviceRecord('cas', 'Cas-1', { version: 1 }));
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => storage.devices.update(deviceRecord('cas', 'Cas-1', { version: 2, tokenHash: `w${i}` }), { version: 1, authState: 'ok' })),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      const after = await storage.devices.get('cas', 'Cas-1');
      expect(after?.version).toBe(2);
      expect(await storage.devices.update(deviceRecord('cas', 'Cas-1', { version: 3 }), { version: 1, authState: 'ok' })).toBe(false);
      expect(await storage.devices.update(deviceRecord('cas', 'Cas-1', { version: 3, authState: 'missing' }), { version: 2, authState: 'ok' })).toBe(true);
      expect((await storage.devices.get('cas', 'Cas-1'))?.authState).toBe('missing');
    });

    it('read-then-write transactions on one device serialise: every one of them lands', async () => {
      await storage.devices.insert(deviceRecord('cas', 'Counter-1', { version: 1 }));
      const increment = async () => {
        for (let round = 0; round < 50; round++) {
          const landed = await storage.transaction(async (tx) => {
            const current = await tx.devices.get('cas', 'Counter-1');
            if (!current) throw new Error('gone');
            return tx.devices.update({ ...current, version: current.version + 1 }, current);
          });
          if (landed) return round;
        }
        throw new Error('never landed');
      };
      const rounds = await Promise.all(Array.from({ length: 12 }, increment));
      expect((await storage.devices.get('cas', 'Counter-1'))?.version).toBe(13);
      // PostgreSQL locks the row it reads in a transaction; SQLite runs one transaction at a time.
      expect(Math.max(...rounds)).toBe(0);
    });

    it('authState changes of many devices at once keep the counts exact and never deadlock', async () => {
      await storage.domains.insert(domainRecord('flip'));
      const ids = Array.from({ length: 16 }, (_, i) => `Flip-${i}`);
      for (const [i, id] of ids.entries()) await storage.devices.insert(deviceRecord('flip', id, { authState: i % 2 ? 'reset' : 'ok' }));
      // Half go ok→reset while the other half go reset→ok, each in its own transaction, ten times over.
      const flip = async (id: string) => {
        for (let n = 0; n < 10; n++) {
          for (;;) {
            const landed = await storage.transaction(async (tx) => {
              const current = (await tx.devices.get('flip', id))!;
              const next = current.authState === 'ok' ? 'reset' : 'ok';
              return tx.devices.update({ ...current, authState: next, version: current.version + 1 }, current);
            });
            if (landed) break;
          }
        }
      };
      await Promise.all(ids.map(flip));
      expect(await storage.devices.countByAuthState('flip')).toMatchObject({ ok: 8, reset: 8, missing: 0, invalid: 0 });
    });

    it('a transaction that throws writes nothing', async () => {
      await expect(
        storage.transaction(async (tx) => {
          await tx.devices.insert(deviceRecord('cas', 'Rollback-1'));
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      expect(await storage.devices.get('cas', 'Rollback-1')).toBeUndefined();
    });

    it('times survive as exact epoch milliseconds (bigint columns read back as numbers)', async () => {
      const at = 4_102_444_800_123; // 2100-01-01T00:00:00.123Z
      await storage.devices.insert(deviceRecord('cas', 'Time-1', { enrolledAt: at, lastSeenAt: at, tokenIssuedAt: at }));
      const device = await storage.devices.get('cas', 'Time-1');
      expect(device?.enrolledAt).toBe(at);
      expect(typeof device?.lastSeenAt).toBe('number');
      expect(await storage.devices.count({ domain: 'cas' })).toBeTypeOf('number');
    });
  });
}
