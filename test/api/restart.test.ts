import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { call, signIn } from '../helpers/admin-client.js';
import { checkin, createDomain, enroll, enrollDevice } from '../helpers/fixtures.js';
import { startTestServer } from '../helpers/test-server.js';

// On PostgreSQL, the test server maps the same data directory to the same database.
const dataDir = mkdtempSync(join(tmpdir(), 'dmp-restart-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('a restart on the same data directory', () => {
  it('loses nothing: devices, tokens, states, keys, sessions, audit', async () => {
    const first = await startTestServer({ dataDir });
    const fx = await createDomain(first);
    const token = await enrollDevice(first, fx, 'Persist-1', { name: 'Survivor' });
    await enroll(first, { domain: fx.domain, enrollmentKey: fx.key, deviceId: 'Persist-1' });
    await enrollDevice(first, fx, 'Persist-2');
    await fx.admin.request('POST', `/api/v1/domains/${fx.domain}/devices/Persist-2/auth-token/reset`);
    const auditBefore = (await fx.admin.request('GET', `/api/v1/domains/${fx.domain}/audit-log?limit=500`)).body.items;
    await first.stop();

    const second = await startTestServer({ dataDir });
    try {
      // The session cookie from before the restart still works: sessions live in the database.
      const get = (path: string) => call(second.url, 'GET', path, undefined, { cookie: fx.admin.cookie });
      const device = await get(`/api/v1/domains/${fx.domain}/devices/Persist-1`);
      expect(device.status).toBe(200);
      expect(device.body).toMatchObject({ authState: 'missing', name: 'Survivor', refusedEnrollments: { count: 1 } });
      expect((await checkin(second, token, { domain: fx.domain, deviceId: 'Persist-1' })).status).toBe(200);
      expect((await enroll(second, { domain: fx.domain, enrollmentKey: fx.key, deviceId: 'Persist-2' })).status).toBe(201);
      const auditAfter = (await get(`/api/v1/domains/${fx.domain}/audit-log?limit=500`)).body.items;
      expect(auditAfter.slice(-auditBefore.length)).toEqual(auditBefore);
      // No second bootstrap admin, and the first one still signs in.
      await signIn(second.url, second.admin.email, second.admin.password);
      expect(second.server.bootstrapAdmin).toBeNull();
    } finally {
      await second.stop();
    }
  });
});
