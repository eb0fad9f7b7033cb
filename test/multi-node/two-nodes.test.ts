import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, signIn, type AdminClient } from '../helpers/admin-client.js';
import { createTestDatabase, DEFAULT_TEST_POSTGRES_URL, isPostgresReachable, type TestDatabase } from '../helpers/postgres-database.js';
import { openEventStream, type EventStream } from './sse-client.js';
import { startServerProcess, type ServerProcess } from './server-process.js';

// Two real server processes (`node dist/main.js`) on one PostgreSQL database: any node serves
// any session and any device, events cross nodes, races across nodes give one token.
const POSTGRES_URL = process.env.DMP_TEST_DATABASE_URL ?? DEFAULT_TEST_POSTGRES_URL;
const reachable = await isPostgresReachable(POSTGRES_URL);
if (!reachable && process.env.CI) throw new Error(`PostgreSQL is not reachable at ${POSTGRES_URL}, and CI must run the two-node test.`);

const ADMIN = { email: 'admin@example.test', password: 'two nodes share one database' };
const DOMAIN = 'multi-node';

describe.skipIf(!reachable)('two server processes on one PostgreSQL database', () => {
  let database: TestDatabase;
  let nodeA: ServerProcess;
  let nodeB: ServerProcess;
  let admin: AdminClient;
  let key: string;
  const streams: EventStream[] = [];

  /** The admin's session (signed in on node A) used on `node`, with that node's Origin. */
  const asAdmin = (node: ServerProcess, method: string, path: string, body?: unknown) =>
    call(node.url, method, path, body, { cookie: admin.cookie, origin: node.url });
  const enroll = (node: ServerProcess, deviceId: string) => call(node.url, 'POST', '/api/v1/device/enroll', { domain: DOMAIN, enrollmentKey: key, deviceId });

  beforeAll(async () => {
    database = await createTestDatabase(POSTGRES_URL);
    // Both start at once on an empty database: migrations and the first admin must not collide.
    [nodeA, nodeB] = await Promise.all(
      ['a', 'b'].map(() => startServerProcess({ DATABASE_URL: database.url, DMP_ADMIN_EMAIL: ADMIN.email, DMP_ADMIN_PASSWORD: ADMIN.password })),
    ) as [ServerProcess, ServerProcess];
    admin = await signIn(nodeA.url, ADMIN.email, ADMIN.password);
    expect((await admin.request('POST', '/api/v1/domains', { slug: DOMAIN, name: 'Multi-node' })).status).toBe(201);
    const created = await asAdmin(nodeB, 'POST', `/api/v1/domains/${DOMAIN}/enrollment-keys`, { label: 'two nodes' });
    expect(created.status).toBe(201);
    key = created.body.key;
  }, 60_000);

  afterAll(async () => {
    for (const stream of streams) stream.close();
    await Promise.all([nodeA?.stop(), nodeB?.stop()]);
    await database?.drop();
  });

  it('enroll on A, refused on B, reset on A seen live on B within a second, re-enroll on B', async () => {
    const first = await enroll(nodeA, 'Node-Dev-1');
    expect(first.status).toBe(201);

    const refused = await enroll(nodeB, 'Node-Dev-1');
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('auth_token_exists');
    const missing = await asAdmin(nodeB, 'GET', `/api/v1/domains/${DOMAIN}/devices/Node-Dev-1`);
    expect(missing.body.authState).toBe('missing');

    // The session cookie from node A opens the stream on node B; node A's own stream too.
    const onB = await openEventStream(nodeB.url, DOMAIN, { cookie: admin.cookie });
    const onA = await openEventStream(nodeA.url, DOMAIN, { cookie: admin.cookie });
    streams.push(onB, onA);

    const reset = await asAdmin(nodeA, 'POST', `/api/v1/domains/${DOMAIN}/devices/Node-Dev-1/auth-token/reset`);
    const answeredAt = Date.now();
    expect(reset.status).toBe(200);
    expect(reset.body.authState).toBe('reset');
    const heard = await onB.waitFor((e) => e.type === 'device.auth_reset' && e.deviceId === 'Node-Dev-1', 1_000);
    expect(heard.receivedAt - answeredAt).toBeLessThan(1_000);
    expect(heard.event.device.authState).toBe('reset');

    // The old token is dead on both nodes; the re-enrollment through B gets a new one that A accepts.
    expect((await call(nodeB.url, 'POST', '/api/v1/device/checkin', { domain: DOMAIN, deviceId: 'Node-Dev-1' }, { authorization: `Bearer ${first.body.token}` })).body.error.code).toBe('auth_token_reset');
    const again = await enroll(nodeB, 'Node-Dev-1');
    expect(again.status).toBe(201);
    expect(again.body.token).not.toBe(first.body.token);
    const checkin = await call(nodeA.url, 'POST', '/api/v1/device/checkin', { domain: DOMAIN, deviceId: 'Node-Dev-1' }, { authorization: `Bearer ${again.body.token}` });
    expect(checkin.status).toBe(200);
    await onA.waitFor((e) => e.type === 'device.reenrolled' && e.deviceId === 'Node-Dev-1');
    await onB.waitFor((e) => e.type === 'device.reenrolled' && e.deviceId === 'Node-Dev-1');

    // Each node's subscribers hear each event once: node A's not twice (locally and via NOTIFY).
    await new Promise((r) => setTimeout(r, 300));
    const resets = (stream: EventStream) => stream.events.filter((e) => e.event.type === 'device.auth_reset' && e.event.deviceId === 'Node-Dev-1');
    expect(resets(onA)).toHaveLength(1);
    expect(resets(onB)).toHaveLength(1);
  });

  it('50 concurrent enrollments of one new Device ID split across both nodes: exactly one 201', async () => {
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => enroll(i % 2 === 0 ? nodeA : nodeB, 'Race-Across-1')));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const device = await asAdmin(nodeB, 'GET', `/api/v1/domains/${DOMAIN}/devices/Race-Across-1`);
    expect(device.body.authState).toBe('missing');
  });

  it('failure rate limits add up across nodes', async () => {
    expect((await enroll(nodeA, 'Limited-1')).status).toBe(201);
    const statuses: number[] = [];
    for (let i = 0; i < 24; i++) {
      const node = i % 2 === 0 ? nodeA : nodeB;
      const answer = await call(node.url, 'POST', '/api/v1/device/checkin', { domain: DOMAIN, deviceId: 'Limited-1' }, { authorization: 'Bearer wrong-token' });
      statuses.push(answer.status);
    }
    // 20 wrong tokens per Device ID per minute in all, not 20 per node.
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(20).every((s) => s === 429)).toBe(true);
  });

  it('a session signed out on one node is dead on the other at once', async () => {
    const session = await signIn(nodeB.url, ADMIN.email, ADMIN.password);
    expect((await call(nodeA.url, 'GET', '/api/v1/auth/me', undefined, { cookie: session.cookie })).status).toBe(200);
    expect((await session.request('POST', '/api/v1/auth/logout')).status).toBe(204);
    expect((await call(nodeA.url, 'GET', '/api/v1/auth/me', undefined, { cookie: session.cookie })).status).toBe(401);
  });
});
