import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFleet } from '../../src/simulator/fleet.js';
import { createDomain, type DomainFixture } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
let fixture: DomainFixture;

beforeAll(async () => {
  server = await startTestServer();
  fixture = await createDomain(server);
});
afterAll(async () => {
  await server?.stop();
});

async function until(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('fleet simulator', () => {
  it('enrolls its devices, loses some to wipes, shows one old token, and recovers after admin resets', async () => {
    const fleet = createFleet({
      server: server.url,
      domain: fixture.domain,
      key: fixture.key,
      devices: 30,
      idPrefix: 'sim-',
      wipeEveryMs: 100,
      staleToken: true,
      enrollConcurrency: 8,
      maxSockets: 8,
      retryMinMs: 50,
      retryMaxMs: 200,
      firstCheckinSpreadMs: 0,
    });
    fleet.start();
    try {
      await until(() => fleet.stats().enrolled === 30 && fleet.stats().counts.lost >= 2 && fleet.stats().counts.invalid === 1);
      const devices = (await fixture.admin.request('GET', `/api/v1/domains/${fixture.domain}/devices?limit=100`)).body.items as Array<{ deviceId: string; authState: string }>;
      const byState = (state: string) => devices.filter((d) => d.authState === state).map((d) => d.deviceId);
      expect(byState('invalid')).toEqual(['sim-old-token']);
      expect(byState('missing').length).toBeGreaterThanOrEqual(2);

      // The admin resets the lost ones; they were waiting, and enroll by themselves.
      const lost = byState('missing');
      const reset = await fixture.admin.request('POST', `/api/v1/domains/${fixture.domain}/auth-token-resets`, { deviceIds: lost });
      expect(reset.status).toBe(200);
      await until(() => fleet.stats().recovered >= lost.length);
    } finally {
      await fleet.stop();
    }
  });
});
