import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../helpers/admin-client.js';
import { checkin, createDomain, createMember, enroll, enrollDevice, type DomainFixture } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
let fx: DomainFixture;

beforeAll(async () => {
  server = await startTestServer();
  fx = await createDomain(server);
});
afterAll(() => server.stop());

const raw = (path: string, body: string, contentType = 'application/json', headers: Record<string, string> = {}) =>
  fetch(server.url + path, { method: 'POST', headers: { 'content-type': contentType, ...headers }, body }).then(async (r) => ({ status: r.status, body: await r.json() }));

function expectError(answer: { status: number; body: unknown }, status: number, code: string) {
  expect(answer.status).toBe(status);
  expect(answer.body).toEqual({ error: { code, message: expect.any(String) } });
  expect(JSON.stringify(answer.body)).not.toMatch(/at .*\.(ts|js):\d+/);
}

describe('bad input gets the contract error shape and never writes', () => {
  it.each([
    ['empty', ''],
    ['spaces', 'a b'],
    ['leading dash', '-dev'],
    ['slash', 'a/b'],
    ['unicode', 'Dév-1'],
    ['129 chars', 'a'.repeat(129)],
  ])('invalid Device ID (%s) → 400 invalid_device_id', async (_name, deviceId) => {
    expectError(await enroll(server, { domain: fx.domain, enrollmentKey: fx.key, deviceId }), 400, 'invalid_device_id');
    expectError(await checkin(server, 'x', { domain: fx.domain, deviceId }), 400, 'invalid_device_id');
  });

  it('accepts every allowed Device ID character and 128 characters', async () => {
    for (const deviceId of ['A.b_c:d-9', `Z${'z'.repeat(127)}`]) expect((await enroll(server, { domain: fx.domain, enrollmentKey: fx.key, deviceId })).status).toBe(201);
  });

  it('missing or mistyped fields → 400 invalid_request', async () => {
    expectError(await enroll(server, { domain: fx.domain, deviceId: 'NoKey-1' }), 400, 'invalid_request');
    expectError(await enroll(server, { domain: fx.domain, enrollmentKey: 42, deviceId: 'Typed-1' }), 400, 'invalid_request');
    expectError(await enroll(server, { domain: fx.domain, enrollmentKey: fx.key, deviceId: 'Info-1', info: { name: 7 } }), 400, 'invalid_request');
    expectError(await raw('/api/v1/device/enroll', '[]'), 400, 'invalid_request');
  });

  it('malformed JSON → 400, not JSON → 415, over 64 KiB → 413', async () => {
    expectError(await raw('/api/v1/device/enroll', '{"domain":'), 400, 'invalid_request');
    expectError(await raw('/api/v1/device/enroll', 'domain=acme', 'application/x-www-form-urlencoded'), 415, 'unsupported_media_type');
    expectError(await raw('/api/v1/device/enroll', 'hello', 'text/plain'), 415, 'unsupported_media_type');
    const big = JSON.stringify({ domain: fx.domain, enrollmentKey: fx.key, deviceId: 'Big-1', info: { name: 'x'.repeat(70 * 1024) } });
    expectError(await raw('/api/v1/device/enroll', big), 413, 'payload_too_large');
    expect((await fx.admin.request('GET', `/api/v1/domains/${fx.domain}/devices/Big-1`)).status).toBe(404);
  });

  it('an empty JSON body is no body: fine for a reset, refused where a body is needed', async () => {
    await enrollDevice(server, fx, 'Empty-Body-1');
    const reset = await fx.admin.request('POST', `/api/v1/domains/${fx.domain}/devices/Empty-Body-1/auth-token/reset`, undefined, { 'content-type': 'application/json' });
    expect(reset.status).toBe(200);
    expectError(await raw('/api/v1/device/enroll', ''), 400, 'invalid_request');
  });

  it('unknown fields change nothing (no mass assignment)', async () => {
    const answer = await enroll(server, {
      domain: fx.domain, enrollmentKey: fx.key, deviceId: 'Mass-1', authState: 'reset', token: 'dmpt_chosen', tokenHash: 'abc',
      info: { name: 'Kiosk', tokenHash: 'abc', authState: 'reset', enrolledAt: 0 },
    });
    expect(answer.status).toBe(201);
    expect(answer.body.token).not.toBe('dmpt_chosen');
    const device = (await fx.admin.request('GET', `/api/v1/domains/${fx.domain}/devices/Mass-1`)).body;
    expect(device).toMatchObject({ authState: 'ok', name: 'Kiosk' });
    expect(Date.parse(device.enrolledAt)).toBeGreaterThan(0);
    const patched = await fx.admin.request('PATCH', `/api/v1/domains/${fx.domain}`, { slug: 'hijacked', createdAt: 0, name: 'Still mine' });
    expect(patched.body).toMatchObject({ slug: fx.domain, name: 'Still mine' });
  });

  it('bad query strings and cursors → 400', async () => {
    const base = `/api/v1/domains/${fx.domain}`;
    expectError(await fx.admin.request('GET', `${base}/devices?limit=0`), 400, 'invalid_request');
    expectError(await fx.admin.request('GET', `${base}/devices?limit=100000`), 400, 'invalid_request');
    expectError(await fx.admin.request('GET', `${base}/devices?authState=lost`), 400, 'invalid_request');
    expectError(await fx.admin.request('GET', `${base}/devices?sort=name;drop`), 400, 'invalid_request');
    expectError(await fx.admin.request('GET', `${base}/devices?cursor=not-a-cursor`), 400, 'invalid_request');
    expectError(await fx.admin.request('GET', `${base}/audit-log?cursor=eyJ4IjoxfQ`), 400, 'invalid_request');
    expectError(await fx.admin.request('GET', `${base}/devices/${encodeURIComponent('bad id')}`), 400, 'invalid_device_id');
    expectError(await fx.admin.request('POST', `${base}/auth-token-resets`, { deviceIds: ['ok-1', 'bad id'] }), 400, 'invalid_device_id');
  });

  it('a badly encoded URL, NUL characters and oversized headers get the error shape too', async () => {
    expectError(await fx.admin.request('GET', `/api/v1/domains/${fx.domain}/devices/%E0%A4%A`), 400, 'invalid_request');
    expectError(await fx.admin.request('GET', `/api/v1/domains/${fx.domain}/devices?q=a%00`), 400, 'invalid_request');
    expectError(await enroll(server, { domain: fx.domain, enrollmentKey: fx.key, deviceId: 'Nul-1', info: { name: 'a\u0000b' } }), 400, 'invalid_request');
    expectError(await enroll(server, { domain: 'ac\u0000me', enrollmentKey: fx.key, deviceId: 'Nul-1' }), 400, 'invalid_request');
    expect((await fx.admin.request('GET', `/api/v1/domains/${fx.domain}/devices/Nul-1`)).status).toBe(404);
    const huge = await fetch(`${server.url}/healthz`, { headers: { 'x-filler': 'x'.repeat(20_000) } });
    expect(huge.status).toBe(431);
    expect(await huge.json()).toEqual({ error: { code: 'headers_too_large', message: expect.any(String) } });
    const longId = 'a'.repeat(300);
    expectError(await fx.admin.request('GET', `/api/v1/domains/${fx.domain}/devices/${longId}`), 400, 'invalid_device_id');
  });

  it('a device-protocol domain that is not a slug is an unknown domain', async () => {
    expectError(await enroll(server, { domain: 'Not A Slug', enrollmentKey: fx.key, deviceId: 'Slug-1' }), 401, 'enrollment_key_invalid');
    expectError(await checkin(server, 'dmpt_x', { domain: 'Not A Slug', deviceId: 'Slug-1' }), 401, 'auth_token_invalid');
  });

  it('cursors with numbers that are not whole milliseconds are refused', async () => {
    const cursor = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    expectError(await fx.admin.request('GET', `/api/v1/domains/${fx.domain}/devices?sort=lastSeenAt&cursor=${cursor({ v: 1.5, id: 'a' })}`), 400, 'invalid_request');
    expectError(await fx.admin.request('GET', `/api/v1/domains/${fx.domain}/audit-log?cursor=${cursor({ at: 1e300, id: 'a' })}`), 400, 'invalid_request');
  });

  it('strangers get 401 and non-members 404 before any validation of the request', async () => {
    const stranger = await call(server.url, 'POST', `/api/v1/domains/${fx.domain}/auth-token-resets`, { deviceIds: ['bad id'] });
    expectError(stranger, 401, 'unauthenticated');
    expectError(await call(server.url, 'GET', '/api/v1/domains/Bad_Slug/devices'), 401, 'unauthenticated');
    const outsider = await createMember(server, await createDomain(server), 'admin');
    expectError(await outsider.request('GET', `/api/v1/domains/${fx.domain}/devices/${encodeURIComponent('bad id')}`), 404, 'not_found');
  });

  it('the Bearer scheme is case-insensitive', async () => {
    const token = await enrollDevice(server, fx, 'Scheme-1');
    const answer = await call(server.url, 'POST', '/api/v1/device/checkin', { domain: fx.domain, deviceId: 'Scheme-1' }, { authorization: `bearer ${token}` });
    expect(answer.status).toBe(200);
    expect((await fx.admin.request('GET', `/api/v1/domains/${fx.domain}/devices/Scheme-1`)).body.authState).toBe('ok');
  });

  it('unknown routes answer 404 in the error shape; the health check answers 200', async () => {
    expectError(await call(server.url, 'GET', '/api/v1/nope'), 404, 'not_found');
    expect((await call(server.url, 'GET', '/healthz')).body).toEqual({ status: 'ok' });
  });

  it('the health check answers 503 when the database is gone', async () => {
    const doomed = await startTestServer();
    try {
      await doomed.server.services.storage.close();
      const answer = await call(doomed.url, 'GET', '/healthz');
      expectError(answer, 503, 'service_unavailable');
    } finally {
      await doomed.stop().catch(() => undefined);
    }
  });

  it('a check-in with a body that names another device cannot use this token', async () => {
    const token = await enrollDevice(server, fx, 'Owner-1');
    await enrollDevice(server, fx, 'Victim-1');
    expectError(await checkin(server, token, { domain: fx.domain, deviceId: 'Victim-1' }), 401, 'auth_token_invalid');
  });
});
