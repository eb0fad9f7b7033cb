import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkin, createDomain, createMember, enroll, enrollDevice, type DomainFixture } from '../helpers/fixtures.js';
import { openEventStream } from '../helpers/event-stream.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
let fx: DomainFixture;

beforeAll(async () => {
  server = await startTestServer();
  fx = await createDomain(server);
});
afterAll(() => server.stop());

describe('live events (Server-Sent Events)', () => {
  it('a domain may be called "error": enrollment, check-in and events work there too', async () => {
    const created = await fx.admin.request('POST', '/api/v1/domains', { slug: 'error', name: 'Named error' });
    expect(created.status).toBe(201);
    const key = (await fx.admin.request('POST', '/api/v1/domains/error/enrollment-keys', {})).body.key;
    // First with nobody listening (an EventEmitter would throw on an unheard "error" event), then with a stream open.
    const enrolled = await enroll(server, { domain: 'error', enrollmentKey: key, deviceId: 'E1' });
    expect(enrolled.status).toBe(201);
    const stream = await openEventStream(`${server.url}/api/v1/domains/error/events`, { cookie: fx.admin.cookie });
    try {
      expect((await checkin(server, enrolled.body.token, { domain: 'error', deviceId: 'E1' })).status).toBe(200);
      await stream.waitFor((e) => e.event === 'device.checkin');
    } finally {
      stream.close();
    }
  });

  it('streams every kind of device change with the device after the change', async () => {
    const viewer = await createMember(server, fx, 'viewer');
    const stream = await openEventStream(`${server.url}/api/v1/domains/${fx.domain}/events`, { cookie: viewer.cookie });
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    try {
      const token = await enrollDevice(server, fx, 'Live-1');
      const enrolled = await stream.waitFor((e) => e.event === 'device.enrolled');
      expect(enrolled.data).toMatchObject({ type: 'device.enrolled', domain: fx.domain, deviceId: 'Live-1', device: { deviceId: 'Live-1', authState: 'ok' } });
      expect(JSON.stringify(enrolled.data)).not.toContain(token);

      await checkin(server, token, { domain: fx.domain, deviceId: 'Live-1' });
      await stream.waitFor((e) => e.event === 'device.checkin');
      await enroll(server, { domain: fx.domain, enrollmentKey: fx.key, deviceId: 'Live-1' });
      expect((await stream.waitFor((e) => e.event === 'device.credential_lost')).data.device.authState).toBe('missing');
      await checkin(server, 'dmpt_wrong', { domain: fx.domain, deviceId: 'Live-1' });
      expect((await stream.waitFor((e) => e.event === 'device.credential_invalid')).data.device.authState).toBe('invalid');
      await fx.admin.request('POST', `/api/v1/domains/${fx.domain}/devices/Live-1/auth-token/reset`);
      expect((await stream.waitFor((e) => e.event === 'device.auth_reset')).data.device.authState).toBe('reset');
      await enroll(server, { domain: fx.domain, enrollmentKey: fx.key, deviceId: 'Live-1' });
      expect((await stream.waitFor((e) => e.event === 'device.reenrolled')).data.device.authState).toBe('ok');
    } finally {
      stream.close();
    }
  });

  it('only streams the subscribed domain', async () => {
    const other = await createDomain(server);
    const stream = await openEventStream(`${server.url}/api/v1/domains/${fx.domain}/events`, { cookie: fx.admin.cookie });
    try {
      await enrollDevice(server, other, 'Elsewhere-1');
      await enrollDevice(server, fx, 'Here-1');
      await stream.waitFor((e) => e.data.deviceId === 'Here-1');
      expect(stream.events.some((e) => e.data.deviceId === 'Elsewhere-1')).toBe(false);
    } finally {
      stream.close();
    }
  });

  it('ends the stream soon after the caller signs out, and never answers HEAD with a stream', async () => {
    const viewer = await createMember(server, fx, 'viewer');
    const stream = await openEventStream(`${server.url}/api/v1/domains/${fx.domain}/events`, { cookie: viewer.cookie });
    try {
      expect((await viewer.request('POST', '/api/v1/auth/logout')).status).toBe(204);
      await stream.ended(3000);
      await enrollDevice(server, fx, 'After-Logout-1');
      await new Promise((r) => setTimeout(r, 300));
      expect(stream.events.some((e) => e.data.deviceId === 'After-Logout-1')).toBe(false);
    } finally {
      stream.close();
    }
    const head = await fetch(`${server.url}/api/v1/domains/${fx.domain}/events`, { method: 'HEAD', headers: { cookie: fx.admin.cookie }, signal: AbortSignal.timeout(3000) });
    expect(head.status).toBe(404);
  });

  it('needs a session or token', async () => {
    const answer = await fetch(`${server.url}/api/v1/domains/${fx.domain}/events`);
    expect(answer.status).toBe(401);
  });
});
