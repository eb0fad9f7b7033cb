import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../../src/core/ports.js';
import type { EnrollmentKeyRecord } from '../../src/core/records.js';
import { BACKENDS, domainRecord, type OpenedStorage } from './backends.js';

const key = (id: string, maxUses: number | null): EnrollmentKeyRecord => ({
  id, domain: 'keys', label: null, keyHash: `hash-${id}`, prefix: id.slice(0, 4), createdAt: Date.now(), createdBy: null,
  expiresAt: null, maxUses, uses: 0, lastUsedAt: null, lastUsedDeviceId: null, revokedAt: null,
});

for (const backend of BACKENDS) {
  describe.skipIf(Boolean(backend.skip))(`enrollment-key uses on ${backend.name}`, () => {
    let opened: OpenedStorage;
    let storage: Storage;
    beforeAll(async () => {
      opened = await backend.open();
      storage = opened.storage;
      await storage.domains.insert(domainRecord('keys'));
    });
    afterAll(() => opened?.cleanup());

    it('30 racing enrollments take exactly the 3 uses a key has', async () => {
      await storage.enrollmentKeys.insert(key('k-three', 3));
      const taken = await Promise.all(Array.from({ length: 30 }, (_, i) => storage.enrollmentKeys.consumeUse('k-three', Date.now(), `Dev-${i}`)));
      expect(taken.filter(Boolean)).toHaveLength(3);
      expect((await storage.enrollmentKeys.get('keys', 'k-three'))?.uses).toBe(3);
    });

    it('a key without a limit counts every use', async () => {
      await storage.enrollmentKeys.insert(key('k-open', null));
      const taken = await Promise.all(Array.from({ length: 25 }, (_, i) => storage.enrollmentKeys.consumeUse('k-open', Date.now(), `Dev-${i}`)));
      expect(taken.every(Boolean)).toBe(true);
      expect((await storage.enrollmentKeys.get('keys', 'k-open'))?.uses).toBe(25);
    });

    it('a revoked key has no use left', async () => {
      await storage.enrollmentKeys.insert(key('k-revoked', null));
      expect(await storage.enrollmentKeys.revoke('keys', 'k-revoked', Date.now())).toBe(true);
      expect(await storage.enrollmentKeys.revoke('keys', 'k-revoked', Date.now())).toBe(false);
      expect(await storage.enrollmentKeys.consumeUse('k-revoked', Date.now(), 'Dev-1')).toBe(false);
    });

    it('a use inside a transaction that rolls back is given back', async () => {
      await storage.enrollmentKeys.insert(key('k-one', 1));
      await expect(
        storage.transaction(async (tx) => {
          expect(await tx.enrollmentKeys.consumeUse('k-one', Date.now(), 'Dev-1')).toBe(true);
          throw new Error('enrollment lost its race');
        }),
      ).rejects.toThrow();
      expect(await storage.enrollmentKeys.consumeUse('k-one', Date.now(), 'Dev-2')).toBe(true);
    });
  });
}
