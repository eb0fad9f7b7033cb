import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkin, createDomain, enroll, enrollDevice, type DomainFixture } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
let fx: DomainFixture;

beforeAll(async () => {
  server = await startTestServer();
  fx = await createDomain(server);
});
afterAll(() => server.stop());

const device = (deviceId: string) => fx.admin.request('GET', `/api/v1/domains/${fx.domain}/devices/${encodeURIComponent(deviceId)}`);
const reset = (deviceId: string) => fx.admin.request('POST', `/api/v1/domains/${fx.domain}/devices/${encodeURIComponent(deviceId)}/auth-token/reset`);

describe('enroll → lose token → warning → reset → re-enroll', () => {
  it('walks the whole lifecycle and keeps the record and history', async () => {
    const first = await enroll(server, { domain: fx.domain, enrollmentKey: fx.key, deviceId: 'Kiosk-7', info: { name: 'Lobby kiosk', model: 'K1', os: 'Android', osVersion: '13' } });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ domain: fx.domain, deviceId: 'Kiosk-7', token: expect.stringMatching(/^dmpt_[A-Za-z0-9_-]{43}$/), checkinIntervalSeconds: 60 });
    const token = first.body.token as string;
    expect((await checkin(server, token, { domain: fx.domain, deviceId: 'Kiosk-7' })).body).toEqual({ status: 'ok', checkinIntervalSeconds: 60 });

    // The app is reinstalled: the token is gone and the device tries to enroll again.
    const refused = await enroll(server, { domain: fx.domain, enrollmentKey: fx.key, deviceId: 'Kiosk-7', info: { name: 'Fresh install', agentVersion: '2.0' } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('auth_token_exists');
    expect(refused.body.error.message).toContain('"Kiosk-7"');
    expect(refused.body.error.message).toContain(fx.domain);
    expect(refused.body.error.message).toMatch(/reset the auth token/);
    const flagged = (await device('Kiosk-7')).body;
    expect(flagged).toMatchObject({ authState: 'missing', name: 'Lobby kiosk', agentVersion: null, refusedEnrollments: { count: 1, lastIp: '127.0.0.1', lastInfo: { name: 'Fresh install', agentVersion: '2.0' } } });

    // A forged enrollment never locks the real device out: its token keeps working.
    expect((await checkin(server, token, { domain: fx.domain, deviceId: 'Kiosk-7' })).status).toBe(200);
    expect((await device('Kiosk-7')).body).toMatchObject({ authState: 'missing', validCheckinSinceWarning: true });

    const afterReset = await reset('Kiosk-7');
    expect(afterReset.status).toBe(200);
    expect(afterReset.body).toMatchObject({ deviceId: 'Kiosk-7', authState: 'reset', lastResetBy: server.admin.email, refusedEnrollments: null });
    expect(Date.parse(afterReset.body.reenrollWindowEndsAt) - Date.parse(afterReset.body.lastResetAt)).toBe(86_400_000);
    expect(afterReset.body).not.toHaveProperty('tokenHash');

    // The old token is dead at once.
    const dead = await checkin(server, token, { domain: fx.domain, deviceId: 'Kiosk-7' });
    expect(dead.status).toBe(401);
    expect(dead.body.error.code).toBe('auth_token_reset');

    const again = await enroll(server, { domain: fx.domain, enrollmentKey: fx.key, deviceId: 'Kiosk-7', info: { name: 'Lobby kiosk (new)' } });
    expect(again.status).toBe(201);
    expect(again.body.token).not.toBe(token);
    const back = (await device('Kiosk-7')).body;
    expect(back).toMatchObject({ authState: 'ok', enrolledAt: flagged.enrolledAt, name: 'Lobby kiosk (new)', model: 'K1', os: 'Android', refusedEnrollments: null, invalidTokens: null, reenrollWindowEndsAt: null });
    expect((await checkin(server, again.body.token, { domain: fx.domain, deviceId: 'Kiosk-7' })).status).toBe(200);
    // The old token now counts as a wrong one.
    expect((await checkin(server, token, { domain: fx.domain, deviceId: 'Kiosk-7' })).body.error.code).toBe('auth_token_invalid');

    // Only once: the next enrollment is refused again.
    expect((await enroll(server, { domain: fx.domain, enrollmentKey: fx.key, deviceId: 'Kiosk-7' })).status).toBe(409);

    const history = await fx.admin.request('GET', `/api/v1/domains/${fx.domain}/audit-log?deviceId=Kiosk-7`);
    expect(history.body.items.map((e: { action: string }) => e.action)).toEqual([
      'device.enrollment_refused', 'device.token_invalid', 'device.reenrolled', 'device.auth_token_reset', 'device.enrollment_refused', 'device.enrolled',
    ]);
    const resetEntry = history.body.items.find((e: { action: string }) => e.action === 'device.auth_token_reset');
    expect(resetEntry).toMatchObject({ actor: { type: 'user', email: server.admin.email }, deviceId: 'Kiosk-7', sourceIp: '127.0.0.1', at: expect.stringMatching(/Z$/) });
  });

  it('refused attempts are counted, with one audit entry per episode', async () => {
    await enrollDevice(server, fx, 'Counted-1');
    for (let i = 0; i < 3; i++) expect((await enroll(server, { domain: fx.domain, enrollmentKey: fx.key, deviceId: 'Counted-1' })).status).toBe(409);
    const d = (await device('Counted-1')).body;
    expect(d.refusedEnrollments.count).toBe(3);
    expect(Date.parse(d.refusedEnrollments.firstAt)).toBeLessThanOrEqual(Date.parse(d.refusedEnrollments.lastAt));
    const audit = await fx.admin.request('GET', `/api/v1/domains/${fx.domain}/audit-log?deviceId=Counted-1&action=device.enrollment_refused`);
    expect(audit.body.items).toHaveLength(1);
  });

  it('a wrong token flags the device invalid, audits once, and the real token still works', async () => {
    const token = await enrollDevice(server, fx, 'Wrong-1');
    for (const bad of ['dmpt_not-the-token', 'x']) {
      const answer = await checkin(server, bad, { domain: fx.domain, deviceId: 'Wrong-1' });
      expect(answer.status).toBe(401);
      expect(answer.body.error.code).toBe('auth_token_invalid');
    }
    expect((await checkin(server, null, { domain: fx.domain, deviceId: 'Wrong-1' })).status).toBe(401);
    expect((await device('Wrong-1')).body).toMatchObject({ authState: 'invalid', invalidTokens: { count: 3 } });
    expect((await checkin(server, token, { domain: fx.domain, deviceId: 'Wrong-1' })).status).toBe(200);
    expect((await device('Wrong-1')).body.authState).toBe('invalid');
    const audit = await fx.admin.request('GET', `/api/v1/domains/${fx.domain}/audit-log?deviceId=Wrong-1&action=device.token_invalid`);
    expect(audit.body.items).toHaveLength(1);
  });

  it('an unknown device gets the same answer as a wrong token', async () => {
    const token = await enrollDevice(server, fx, 'Known-1');
    const unknown = await checkin(server, token, { domain: fx.domain, deviceId: 'Unknown-1' });
    const wrong = await checkin(server, 'dmpt_wrong', { domain: fx.domain, deviceId: 'Known-1' });
    const unknownDomain = await checkin(server, token, { domain: 'no-such-domain', deviceId: 'Known-1' });
    expect([unknown.status, wrong.status, unknownDomain.status]).toEqual([401, 401, 401]);
    expect(unknown.body).toEqual(wrong.body);
    expect(unknownDomain.body).toEqual(wrong.body);
  });

  it('Device IDs are case-sensitive: Dev-1 and dev-1 are two devices', async () => {
    const upper = await enrollDevice(server, fx, 'Dev-1');
    const lower = await enrollDevice(server, fx, 'dev-1');
    expect(upper).not.toBe(lower);
    expect((await checkin(server, upper, { domain: fx.domain, deviceId: 'dev-1' })).status).toBe(401);
    expect((await device('dev-1')).body.authState).toBe('invalid');
    expect((await device('Dev-1')).body.authState).toBe('ok');
    expect((await reset('DEV-1')).status).toBe(404);
  });

  it('after the re-enrollment window the enrollment is refused until an admin resets again', async () => {
    const short = await createDomain(server, { reenrollWindowSeconds: 1 });
    await enrollDevice(server, short, 'Late-1');
    expect((await short.admin.request('POST', `/api/v1/domains/${short.domain}/devices/Late-1/auth-token/reset`)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1100));
    const late = await enroll(server, { domain: short.domain, enrollmentKey: short.key, deviceId: 'Late-1' });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('reenrollment_window_expired');
    expect((await short.admin.request('GET', `/api/v1/domains/${short.domain}/devices/Late-1`)).body.authState).toBe('reset');
    await short.admin.request('PATCH', `/api/v1/domains/${short.domain}`, { reenrollWindowSeconds: 3600 });
    expect((await short.admin.request('POST', `/api/v1/domains/${short.domain}/devices/Late-1/auth-token/reset`)).status).toBe(200);
    expect((await enroll(server, { domain: short.domain, enrollmentKey: short.key, deviceId: 'Late-1' })).status).toBe(201);
  });

  it('one domain can never disturb another domain\'s device of the same ID', async () => {
    const other = await createDomain(server);
    await enrollDevice(server, fx, 'Shared-1');
    await enrollDevice(server, other, 'Shared-1');
    expect((await enroll(server, { domain: other.domain, enrollmentKey: other.key, deviceId: 'Shared-1' })).status).toBe(409);
    expect((await device('Shared-1')).body.authState).toBe('ok');
  });

  it('concurrent enrollments of one new Device ID give exactly one token', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => enroll(server, { domain: fx.domain, enrollmentKey: fx.key, deviceId: 'Race-1' })),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(19);
  });
});
