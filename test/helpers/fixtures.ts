import type { AdminClient } from './admin-client.js';
import { call, signIn } from './admin-client.js';
import type { TestServer } from './test-server.js';

let counter = 0;
/** A fresh domain slug per test, so tests never see each other's devices. */
export const uniqueSlug = (base = 'd') => `${base}-${process.pid}-${++counter}`;

export interface DomainFixture {
  admin: AdminClient;
  domain: string;
  key: string;
}

/** Signs in as the platform admin, creates a domain and an enrollment key. */
export async function createDomain(server: TestServer, options: { reenrollWindowSeconds?: number } = {}): Promise<DomainFixture> {
  const admin = await signIn(server.url, server.admin.email, server.admin.password);
  const domain = uniqueSlug();
  const created = await admin.request('POST', '/api/v1/domains', { slug: domain, name: `Domain ${domain}`, ...options });
  if (created.status !== 201) throw new Error(`domain: ${created.status} ${JSON.stringify(created.body)}`);
  const key = await admin.request('POST', `/api/v1/domains/${domain}/enrollment-keys`, { label: 'test' });
  if (key.status !== 201) throw new Error(`key: ${key.status} ${JSON.stringify(key.body)}`);
  return { admin, domain, key: key.body.key };
}

export function enroll(server: TestServer, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return call(server.url, 'POST', '/api/v1/device/enroll', body, headers);
}

export function checkin(server: TestServer, token: string | null, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return call(server.url, 'POST', '/api/v1/device/checkin', body, { ...(token !== null && { authorization: `Bearer ${token}` }), ...headers });
}

/** Enrolls a device and returns its token; fails the test if it does not get one. */
export async function enrollDevice(server: TestServer, fixture: DomainFixture, deviceId: string, info?: Record<string, string>): Promise<string> {
  const answer = await enroll(server, { domain: fixture.domain, enrollmentKey: fixture.key, deviceId, info });
  if (answer.status !== 201) throw new Error(`enroll ${deviceId}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.token;
}

/** Creates a user with one membership and signs in as them. */
export async function createMember(server: TestServer, fixture: DomainFixture, role: 'admin' | 'viewer'): Promise<AdminClient & { email: string }> {
  const email = `${role}-${uniqueSlug('u')}@example.test`;
  const password = 'a long enough password';
  const created = await fixture.admin.request('POST', '/api/v1/users', { email, password, memberships: [{ domain: fixture.domain, role }] });
  if (created.status !== 201) throw new Error(`user: ${created.status} ${JSON.stringify(created.body)}`);
  return Object.assign(await signIn(server.url, email, password), { email });
}
