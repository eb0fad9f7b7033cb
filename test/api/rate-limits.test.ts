import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAILURE_RULES } from '../../src/core/failure-limiter.js';
import { call } from '../helpers/admin-client.js';
import { checkin, createDomain, enroll, enrollDevice, type DomainFixture } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
let fx: DomainFixture;

beforeAll(async () => {
  server = await startTestServer();
  fx = await createDomain(server);
});
afterAll(() => server.stop());

describe('rate limits count failures, never valid requests', () => {
  it('wrong tokens for one Device ID turn into 429 with Retry-After; the real token still works', async () => {
    const token = await enrollDevice(server, fx, 'Target-1');
    const answers = [];
    for (let i = 0; i < FAILURE_RULES.checkinByDevice.max + 1; i++) answers.push(await checkin(server, 'dmpt_guess', { domain: fx.domain, deviceId: 'Target-1' }));
    expect(answers.slice(0, -1).every((a) => a.status === 401)).toBe(true);
    const limited = answers.at(-1)!;
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await checkin(server, token, { domain: fx.domain, deviceId: 'Target-1' })).status).toBe(200);
  });

  it('wrong enrollment keys from one address turn into 429; X-Forwarded-For does not dodge it; a valid key still enrolls', async () => {
    let last;
    for (let i = 0; i < FAILURE_RULES.enrollByIp.max + 1; i++) {
      last = await enroll(server, { domain: fx.domain, enrollmentKey: `dmpk_guess${i}`, deviceId: `Guess-${i}` }, { 'x-forwarded-for': `198.51.100.${i}` });
    }
    expect(last!.status).toBe(429);
    expect(last!.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await enroll(server, { domain: fx.domain, enrollmentKey: fx.key, deviceId: 'Legit-1' })).status).toBe(201);
  });
});

describe('sign-in guessing', () => {
  it('stops at the budget for an address and email, even for the right password; other addresses still sign in', async () => {
    const proxied = await startTestServer({ env: { DMP_TRUST_PROXY: '127.0.0.1' } });
    try {
      const from = (ip: string) => ({ 'x-forwarded-for': ip });
      const guesses = [];
      for (let i = 0; i < FAILURE_RULES.loginByIpAndEmail.max; i++) {
        guesses.push((await call(proxied.url, 'POST', '/api/v1/auth/login', { email: proxied.admin.email, password: `guess ${i}` }, from('198.51.100.9'))).status);
      }
      expect(guesses.every((status) => status === 401)).toBe(true);
      const limited = await call(proxied.url, 'POST', '/api/v1/auth/login', { email: proxied.admin.email, password: proxied.admin.password }, from('198.51.100.9'));
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      // The real user elsewhere is not locked out by the guesser's failures.
      expect((await call(proxied.url, 'POST', '/api/v1/auth/login', { email: proxied.admin.email, password: proxied.admin.password }, from('192.0.2.44'))).status).toBe(200);
    } finally {
      await proxied.stop();
    }
  });
});

describe('client address', () => {
  it('believes X-Forwarded-For only from the proxy named in DMP_TRUST_PROXY', async () => {
    const proxied = await startTestServer({ env: { DMP_TRUST_PROXY: '127.0.0.1' } });
    try {
      const pfx = await createDomain(proxied);
      await enroll(proxied, { domain: pfx.domain, enrollmentKey: pfx.key, deviceId: 'Behind-1' }, { 'x-forwarded-for': '203.0.113.7' });
      const log = await pfx.admin.request('GET', `/api/v1/domains/${pfx.domain}/audit-log?deviceId=Behind-1`);
      expect(log.body.items[0].sourceIp).toBe('203.0.113.7');
    } finally {
      await proxied.stop();
    }
    await enroll(server, { domain: fx.domain, enrollmentKey: fx.key, deviceId: 'Direct-1' }, { 'x-forwarded-for': '203.0.113.7' });
    const log = await fx.admin.request('GET', `/api/v1/domains/${fx.domain}/audit-log?deviceId=Direct-1`);
    expect(log.body.items[0].sourceIp).toBe('127.0.0.1');
  });
});
