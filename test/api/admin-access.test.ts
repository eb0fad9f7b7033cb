import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, signIn } from '../helpers/admin-client.js';
import { createDomain, createMember, enroll, enrollDevice, type DomainFixture } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
let fx: DomainFixture;
let other: DomainFixture;

beforeAll(async () => {
  server = await startTestServer();
  fx = await createDomain(server);
  other = await createDomain(server);
  await enrollDevice(server, fx, 'Mine-1');
  await enrollDevice(server, other, 'Theirs-1');
});
afterAll(() => server.stop());

describe('sign-in and sessions', () => {
  it('refuses bad credentials with 401 and sets an HttpOnly SameSite=Lax cookie on success', async () => {
    const bad = await call(server.url, 'POST', '/api/v1/auth/login', { email: server.admin.email, password: 'wrong' });
    expect(bad.status).toBe(401);
    expect(bad.body.error.code).toBe('invalid_credentials');
    const unknown = await call(server.url, 'POST', '/api/v1/auth/login', { email: 'nobody@example.test', password: 'wrong' });
    expect(unknown.body).toEqual(bad.body);
    const ok = await call(server.url, 'POST', '/api/v1/auth/login', { email: server.admin.email.toUpperCase(), password: server.admin.password });
    expect(ok.status).toBe(200);
    const cookie = ok.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^dmp_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    expect(ok.body.user).toMatchObject({ email: server.admin.email, isPlatformAdmin: true });
    expect(ok.body.user).not.toHaveProperty('passwordHash');
  });

  it('logout kills the session on the server at once', async () => {
    const client = await signIn(server.url, server.admin.email, server.admin.password);
    expect((await client.request('GET', '/api/v1/auth/me')).status).toBe(200);
    expect((await client.request('POST', '/api/v1/auth/logout')).status).toBe(204);
    const after = await client.request('GET', '/api/v1/auth/me');
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('unauthenticated');
  });

  it('audits sign-ins, successful and failed, in the user\'s domains', async () => {
    const viewer = await createMember(server, fx, 'viewer');
    await call(server.url, 'POST', '/api/v1/auth/login', { email: viewer.email, password: 'nope' });
    const log = await fx.admin.request('GET', `/api/v1/domains/${fx.domain}/audit-log?actor=${encodeURIComponent(viewer.email)}`);
    expect(log.body.items.map((e: { action: string }) => e.action)).toEqual(['user.sign_in_failed', 'user.signed_in']);
  });

  it('anything without a session or token is 401', async () => {
    for (const path of ['/api/v1/domains', `/api/v1/domains/${fx.domain}/devices`, '/api/v1/users', '/api/v1/auth/me']) {
      const answer = await call(server.url, 'GET', path);
      expect(answer.status, path).toBe(401);
      expect(answer.body.error.code).toBe('unauthenticated');
    }
  });
});

describe('the Origin check on cookie-authenticated changes', () => {
  it('refuses a change without our Origin, or with another one', async () => {
    const resetPath = `/api/v1/domains/${fx.domain}/devices/Mine-1/auth-token/reset`;
    const noOrigin = await call(server.url, 'POST', resetPath, undefined, { cookie: fx.admin.cookie });
    expect(noOrigin.status).toBe(403);
    expect(noOrigin.body.error.code).toBe('origin_mismatch');
    const evil = await call(server.url, 'POST', resetPath, undefined, { cookie: fx.admin.cookie, origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    expect((await fx.admin.request('GET', `/api/v1/domains/${fx.domain}/devices/Mine-1`)).body.authState).toBe('ok');
    // Reads need no Origin.
    expect((await call(server.url, 'GET', `/api/v1/domains/${fx.domain}/devices`, undefined, { cookie: fx.admin.cookie })).status).toBe(200);
  });

  it('refuses a cross-site sign-in', async () => {
    const answer = await call(server.url, 'POST', '/api/v1/auth/login', { email: server.admin.email, password: server.admin.password }, { origin: 'https://evil.example' });
    expect(answer.status).toBe(403);
  });
});

describe('object-level authorisation', () => {
  it('another domain\'s objects answer 404, for every domain route', async () => {
    const member = await createMember(server, fx, 'admin');
    const theirs = `/api/v1/domains/${other.domain}`;
    const attempts: Array<[string, string, unknown?]> = [
      ['GET', theirs],
      ['PATCH', theirs, { name: 'x' }],
      ['GET', `${theirs}/devices`],
      ['GET', `${theirs}/device-counts`],
      ['GET', `${theirs}/devices/Theirs-1`],
      ['POST', `${theirs}/devices/Theirs-1/auth-token/reset`],
      ['POST', `${theirs}/auth-token-resets`, { deviceIds: ['Theirs-1'] }],
      ['GET', `${theirs}/enrollment-keys`],
      ['POST', `${theirs}/enrollment-keys`, {}],
      ['GET', `${theirs}/audit-log`],
      ['GET', `${theirs}/events`],
      ['GET', `${theirs}/members`],
      ['GET', '/api/v1/domains/does-not-exist/devices'],
    ];
    for (const [method, path, body] of attempts) {
      const answer = await member.request(method, path, body);
      expect(answer.status, `${method} ${path}`).toBe(404);
      expect(answer.body.error.code).toBe('not_found');
    }
    expect((await other.admin.request('GET', `${theirs}/devices/Theirs-1`)).body.authState).toBe('ok');
    const domains = await member.request('GET', '/api/v1/domains');
    expect(domains.body.items.map((d: { slug: string }) => d.slug)).toEqual([fx.domain]);
  });

  it('a viewer reads everything and changes nothing (403)', async () => {
    const viewer = await createMember(server, fx, 'viewer');
    const mine = `/api/v1/domains/${fx.domain}`;
    for (const path of [mine, `${mine}/devices`, `${mine}/devices/Mine-1`, `${mine}/enrollment-keys`, `${mine}/audit-log`, `${mine}/device-counts`]) {
      expect((await viewer.request('GET', path)).status, path).toBe(200);
    }
    const keys = await fx.admin.request('GET', `${mine}/enrollment-keys`);
    const changes: Array<[string, string, unknown?]> = [
      ['POST', `${mine}/devices/Mine-1/auth-token/reset`],
      ['POST', `${mine}/auth-token-resets`, { deviceIds: ['Mine-1'] }],
      ['POST', `${mine}/enrollment-keys`, { label: 'viewer' }],
      ['DELETE', `${mine}/enrollment-keys/${keys.body.items[0].id}`],
      ['PATCH', mine, { name: 'Renamed by viewer' }],
      ['POST', '/api/v1/domains', { slug: 'viewer-made', name: 'x' }],
      ['POST', '/api/v1/users', { email: 'v2@example.test', password: 'long enough pw', memberships: [] }],
    ];
    for (const [method, path, body] of changes) {
      const answer = await viewer.request(method, path, body);
      expect(answer.status, `${method} ${path}`).toBe(403);
      expect(answer.body.error.code).toBe('forbidden');
    }
    expect((await fx.admin.request('GET', `${mine}/devices/Mine-1`)).body.authState).toBe('ok');
    expect((await viewer.request('GET', mine)).body).toMatchObject({ role: 'viewer', name: `Domain ${fx.domain}` });
  });

  it('a domain admin resets devices but cannot create domains or users', async () => {
    const admin = await createMember(server, fx, 'admin');
    await enrollDevice(server, fx, 'Admin-Reset-1');
    expect((await admin.request('POST', `/api/v1/domains/${fx.domain}/devices/Admin-Reset-1/auth-token/reset`)).status).toBe(200);
    expect((await admin.request('POST', '/api/v1/domains', { slug: 'nope', name: 'x' })).status).toBe(403);
    expect((await admin.request('GET', '/api/v1/users')).status).toBe(403);
  });
});

describe('admin API tokens', () => {
  it('are shown once, work as Bearer without Origin, and die when revoked', async () => {
    const created = await fx.admin.request('POST', '/api/v1/auth/api-tokens', { name: 'ci script' });
    expect(created.status).toBe(201);
    const token = created.body.token as string;
    expect(token).toMatch(/^dmpa_/);
    const listed = await fx.admin.request('GET', '/api/v1/auth/api-tokens');
    expect(JSON.stringify(listed.body)).not.toContain(token);
    expect(listed.body.items.some((t: { id: string }) => t.id === created.body.id)).toBe(true);

    await enrollDevice(server, fx, 'Scripted-1');
    const viaToken = await call(server.url, 'POST', `/api/v1/domains/${fx.domain}/devices/Scripted-1/auth-token/reset`, undefined, { authorization: `Bearer ${token}` });
    expect(viaToken.status).toBe(200);
    expect((await fx.admin.request('DELETE', `/api/v1/auth/api-tokens/${created.body.id}`)).status).toBe(204);
    const revoked = await call(server.url, 'GET', '/api/v1/domains', undefined, { authorization: `Bearer ${token}` });
    expect(revoked.status).toBe(401);
  });
});

describe('the platform audit log', () => {
  it('holds what belongs to no domain, for platform admins only', async () => {
    const email = `platform-${Date.now()}@example.test`;
    await fx.admin.request('POST', '/api/v1/users', { email, password: 'long enough pw', isPlatformAdmin: true });
    await call(server.url, 'POST', '/api/v1/auth/login', { email: 'nobody-at-all@example.test', password: 'x' });
    const log = await fx.admin.request('GET', '/api/v1/audit-log?limit=500');
    expect(log.status).toBe(200);
    const actions = log.body.items.map((e: { action: string; details: { email?: string } | null; actor: { email?: string } }) => [e.action, e.details?.email ?? e.actor.email]);
    expect(actions).toContainEqual(['user.created', email]);
    expect(actions).toContainEqual(['user.sign_in_failed', 'nobody-at-all@example.test']);
    expect(actions).toContainEqual(['user.signed_in', server.admin.email]);
    const viewer = await createMember(server, fx, 'viewer');
    expect((await viewer.request('GET', '/api/v1/audit-log')).status).toBe(403);
  });

  it('records API token creation and revocation in the user\'s domains', async () => {
    const admin = await createMember(server, fx, 'admin');
    const created = await admin.request('POST', '/api/v1/auth/api-tokens', { name: 'audited' });
    await admin.request('DELETE', `/api/v1/auth/api-tokens/${created.body.id}`);
    const log = await fx.admin.request('GET', `/api/v1/domains/${fx.domain}/audit-log?actor=${encodeURIComponent(admin.email)}`);
    expect(log.body.items.map((e: { action: string }) => e.action).slice(0, 2)).toEqual(['api_token.revoked', 'api_token.created']);
    expect(JSON.stringify(log.body)).not.toContain(created.body.token);
  });
});

describe('users and domains', () => {
  it('creates users with memberships, refuses duplicates and unknown domains', async () => {
    const email = `ops-${Date.now()}@example.test`;
    const created = await fx.admin.request('POST', '/api/v1/users', { email, password: 'long enough pw', memberships: [{ domain: fx.domain, role: 'viewer' }] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email, isPlatformAdmin: false, memberships: [{ domain: fx.domain, role: 'viewer' }] });
    expect((await fx.admin.request('POST', '/api/v1/users', { email, password: 'long enough pw' })).status).toBe(409);
    expect((await fx.admin.request('POST', '/api/v1/users', { email: `x${email}`, password: 'long enough pw', memberships: [{ domain: 'nope-nope', role: 'admin' }] })).status).toBe(400);
    const promoted = await fx.admin.request('PUT', `/api/v1/users/${created.body.id}/memberships/${fx.domain}`, { role: 'admin' });
    expect(promoted.body.memberships).toEqual([{ domain: fx.domain, role: 'admin' }]);
    const members = await fx.admin.request('GET', `/api/v1/domains/${fx.domain}/members`);
    expect(members.body.items.some((u: { email: string }) => u.email === email)).toBe(true);
    expect((await fx.admin.request('DELETE', `/api/v1/users/${created.body.id}/memberships/${fx.domain}`)).body.memberships).toEqual([]);
  });

  it('creates domains with valid slugs only, once', async () => {
    expect((await fx.admin.request('POST', '/api/v1/domains', { slug: 'Bad_Slug', name: 'x' })).status).toBe(400);
    expect((await fx.admin.request('POST', '/api/v1/domains', { slug: fx.domain, name: 'again' })).status).toBe(409);
    const patched = await fx.admin.request('PATCH', `/api/v1/domains/${fx.domain}`, { name: 'Renamed', reenrollWindowSeconds: 3600 });
    expect(patched.body).toMatchObject({ name: 'Renamed', reenrollWindowSeconds: 3600 });
  });

  it('an enrollment with an unknown domain cannot tell whether the domain exists', async () => {
    const answer = await enroll(server, { domain: 'secret-domain', enrollmentKey: 'dmpk_x', deviceId: 'X-1' });
    expect(answer.body.error.code).toBe('enrollment_key_invalid');
  });
});
