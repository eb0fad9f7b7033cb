import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../../src/core/ports.js';
import { BACKENDS, type OpenedStorage } from './backends.js';

for (const backend of BACKENDS) {
  describe.skipIf(Boolean(backend.skip))(`rate-limit counters on ${backend.name}`, () => {
    let opened: OpenedStorage;
    let storage: Storage;
    beforeAll(async () => {
      opened = await backend.open();
      storage = opened.storage;
    });
    afterAll(() => opened?.cleanup());

    it('50 concurrent hits on one counter count 1..50, none lost or doubled', async () => {
      const counts = await Promise.all(Array.from({ length: 50 }, () => storage.rateLimits.hit('ip:203.0.113.9@0', 0, 60_000)));
      expect([...counts].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(await storage.rateLimits.hit('ip:203.0.113.9@0', 0, 60_000)).toBe(51);
    });

    it('counters are separate per key', async () => {
      expect(await storage.rateLimits.hit('device:Dev-1@0', 0, 60_000)).toBe(1);
      expect(await storage.rateLimits.hit('device:dev-1@0', 0, 60_000)).toBe(1);
    });

    it('prune drops spent windows only', async () => {
      await storage.rateLimits.hit('old@0', 0, 1_000);
      await storage.rateLimits.hit('live@0', 0, 10_000);
      expect(await storage.rateLimits.prune(5_000)).toBeGreaterThanOrEqual(1);
      expect(await storage.rateLimits.hit('old@0', 0, 1_000)).toBe(1);
      expect(await storage.rateLimits.hit('live@0', 0, 10_000)).toBe(2);
    });
  });
}
