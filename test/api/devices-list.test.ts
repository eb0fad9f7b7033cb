import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkin, createDomain, enroll, enrollDevice, type DomainFixture } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
let fx: DomainFixture;
const IDS = ['abc-1', 'Abc-2', 'ABC-3', 'abd-4', 'ab', 'b:1', 'b.2', 'Z9', 'a_b', '0-first'];

beforeAll(async () => {
  server = await startTestServer();
  fx = await createDomain(server);
  for (const id of IDS) await enrollDevice(server, fx, id, { name: `Device ${id}` });
  // Give the table some states: two lost tokens, one invalid, one reset.
  await enroll(server, { domain: fx.domain, enrollmentKey: fx.key, deviceId: 'abc-1' });
  await enroll(server, { domain: fx.domain, enrollmentKey: fx.key, deviceId: 'Z9' });
  await checkin(server, 'dmpt_wrong', { domain: fx.domain, deviceId: 'b:1' });
  await fx.admin.request('POST', `/api/v1/domains/${fx.domain}/devices/ab/auth-token/reset`);
});
afterAll(() => server.stop());

const list = (query: string) => fx.admin.request('GET', `/api/v1/domains/${fx.domain}/devices?${query}`);

async function allPages(query: string, limit: number): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 50; page++) {
    const answer = await list(`${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(answer.status).toBe(200);
    seen.push(...answer.body.items.map((d: { deviceId: string }) => d.deviceId));
    cursor = answer.body.nextCursor;
    if (!cursor) return seen;
  }
  throw new Error('paging did not end');
}

describe('devices list', () => {
  it('sorts Device IDs byte for byte and pages without gaps or repeats', async () => {
    const expected = [...IDS].sort((a, b) => (Buffer.from(a) < Buffer.from(b) ? -1 : 1));
    expect(await allPages('sort=deviceId', 3)).toEqual(expected);
    expect(await allPages('sort=-deviceId', 4)).toEqual([...expected].reverse());
    const first = await list('limit=3');
    expect(first.body.total).toBe(IDS.length);
    expect(first.body.items).toHaveLength(3);
  });

  it('pages by last seen and enrolled time, in both directions, covering every device once', async () => {
    for (const sort of ['lastSeenAt', '-lastSeenAt', 'enrolledAt', '-enrolledAt']) {
      const ids = await allPages(`sort=${sort}`, 3);
      expect(new Set(ids).size, sort).toBe(IDS.length);
    }
    const byEnrolled = await allPages('sort=enrolledAt', 4);
    expect(byEnrolled[0]).toBe('abc-1');
    expect(byEnrolled.at(-1)).toBe('0-first');
  });

  it('searches by Device ID prefix, case-sensitively', async () => {
    const ids = async (q: string) => (await list(`q=${encodeURIComponent(q)}&limit=50`)).body.items.map((d: { deviceId: string }) => d.deviceId);
    expect(await ids('ab')).toEqual(['ab', 'abc-1', 'abd-4']);
    expect(await ids('Ab')).toEqual(['Abc-2']);
    expect(await ids('ABC')).toEqual(['ABC-3']);
    expect(await ids('abc')).toEqual(['abc-1']);
    expect(await ids('b:')).toEqual(['b:1']);
    expect(await ids('nothing')).toEqual([]);
    expect((await list('q=ab')).body.total).toBe(3);
  });

  it('filters by authState, with totals and counts for the filter chips', async () => {
    const missing = await list('authState=missing');
    expect(missing.body.items.map((d: { deviceId: string }) => d.deviceId)).toEqual(['Z9', 'abc-1']);
    expect(missing.body.total).toBe(2);
    expect((await list('authState=invalid')).body.items.map((d: { deviceId: string }) => d.deviceId)).toEqual(['b:1']);
    expect((await list('authState=reset&q=a')).body.items.map((d: { deviceId: string }) => d.deviceId)).toEqual(['ab']);
    const counts = await fx.admin.request('GET', `/api/v1/domains/${fx.domain}/device-counts`);
    expect(counts.body).toEqual({ all: 10, ok: 6, missing: 2, invalid: 1, reset: 1 });
  });

  it('each item carries what the table shows and no secrets', async () => {
    const item = (await list('q=abc-1')).body.items[0];
    expect(item).toMatchObject({ deviceId: 'abc-1', authState: 'missing', name: 'Device abc-1', lastSeenAt: expect.any(String), enrolledAt: expect.any(String) });
    expect(JSON.stringify(item)).not.toMatch(/token_?hash/i);
  });

  it('bulk reset resets each listed device and reports the unknown ones', async () => {
    const answer = await fx.admin.request('POST', `/api/v1/domains/${fx.domain}/auth-token-resets`, { deviceIds: ['abc-1', 'Z9', 'No-Such'] });
    expect(answer.status).toBe(200);
    expect(answer.body.items.map((i: { deviceId: string; ok: boolean }) => [i.deviceId, i.ok])).toEqual([['abc-1', true], ['Z9', true], ['No-Such', false]]);
    expect(answer.body.items[2].error.code).toBe('not_found');
    expect((await list('authState=reset')).body.total).toBe(3);
  });
});

describe('audit log', () => {
  it('is newest first, filters by device and action, and pages', async () => {
    const all = await fx.admin.request('GET', `/api/v1/domains/${fx.domain}/audit-log?limit=500`);
    const times = all.body.items.map((e: { at: string }) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const pages: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await fx.admin.request('GET', `/api/v1/domains/${fx.domain}/audit-log?limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      pages.push(...page.body.items.map((e: { id: string }) => e.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(pages).toEqual(all.body.items.map((e: { id: string }) => e.id));

    const enrolled = await fx.admin.request('GET', `/api/v1/domains/${fx.domain}/audit-log?action=device.enrolled`);
    expect(enrolled.body.items).toHaveLength(IDS.length);
    const oneDevice = await fx.admin.request('GET', `/api/v1/domains/${fx.domain}/audit-log?deviceId=Abc-2`);
    expect(oneDevice.body.items.map((e: { deviceId: string }) => e.deviceId)).toEqual(['Abc-2']);
  });

  it('is append-only through the API', async () => {
    const path = `/api/v1/domains/${fx.domain}/audit-log`;
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) expect((await fx.admin.request(method, path, method === 'DELETE' ? undefined : {})).status).toBe(404);
  });
});
