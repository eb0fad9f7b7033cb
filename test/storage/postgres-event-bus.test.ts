import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceEvent } from '../../src/contract/events.js';
import { toDeviceView } from '../../src/core/device-view.js';
import { createPostgresEventBus, type PostgresEventBus } from '../../src/storage/postgres/postgres-event-bus.js';
import { createPostgresJobLock } from '../../src/storage/postgres/postgres-job-lock.js';
import type { PostgresStorage } from '../../src/storage/postgres/postgres-storage.js';
import { BACKENDS, deviceRecord, domainRecord, type OpenedStorage } from './backends.js';

const postgres = BACKENDS.find((b) => b.name === 'postgres')!;

const eventFor = (deviceId: string, name: string | null = null): DeviceEvent => ({
  type: 'device.auth_reset',
  domain: 'bus',
  deviceId,
  at: new Date().toISOString(),
  device: toDeviceView(deviceRecord('bus', deviceId, { name })),
});

/** Collects what one subscriber hears. */
function listen(bus: PostgresEventBus, domain = 'bus') {
  const heard: DeviceEvent[] = [];
  bus.subscribe(domain, (e) => heard.push(e));
  return heard;
}

async function until(condition: () => boolean, timeoutMs = 3_000): Promise<number> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
  return Date.now() - started;
}

describe.skipIf(Boolean(postgres.skip))('PostgreSQL event bus between nodes', () => {
  let opened: OpenedStorage;
  let storage: PostgresStorage;
  let nodeA: PostgresEventBus;
  let nodeB: PostgresEventBus;
  const warnings: string[] = [];
  beforeAll(async () => {
    opened = await postgres.open();
    storage = opened.storage as PostgresStorage;
    await storage.domains.insert(domainRecord('bus'));
    const make = () => createPostgresEventBus({ url: opened.url!, pool: storage.pool, storage, warn: (m) => warnings.push(m) });
    nodeA = make();
    nodeB = make();
    await Promise.all([nodeA.ready(), nodeB.ready()]);
  });
  afterAll(async () => {
    await nodeA?.close();
    await nodeB?.close();
    await opened?.cleanup();
  });

  it('an event published on node A reaches node B within a second, and node A\'s own subscribers exactly once', async () => {
    const onA = listen(nodeA);
    const onB = listen(nodeB);
    const elsewhere = listen(nodeB, 'other-domain');
    await nodeA.publish(eventFor('Dev-1'));
    expect(await until(() => onB.length === 1)).toBeLessThan(1_000);
    await new Promise((r) => setTimeout(r, 200));
    expect(onA).toHaveLength(1);
    expect(onB).toHaveLength(1);
    expect(onB[0]).toEqual(onA[0]);
    expect(elsewhere).toHaveLength(0);
  });

  it('a burst of 300 events (sent in batches under the NOTIFY limit) arrives complete and in order', async () => {
    const onB = listen(nodeB);
    const ids = Array.from({ length: 300 }, (_, i) => `Burst-${i}`);
    await Promise.all(ids.map((id) => nodeA.publish(eventFor(id))));
    await until(() => onB.length === ids.length);
    expect(onB.map((e) => e.deviceId)).toEqual(ids);
  });

  it('an event too big for NOTIFY travels as a reference, and node B re-reads the device', async () => {
    const bigName = 'n'.repeat(9_000);
    await storage.devices.insert(deviceRecord('bus', 'Big-1', { name: bigName }));
    const onA = listen(nodeA);
    const onB = listen(nodeB);
    await nodeA.publish(eventFor('Big-1', bigName));
    await until(() => onB.length === 1);
    expect(onB[0]?.type).toBe('device.auth_reset');
    expect(onB[0]?.device.name).toBe(bigName);
    expect(onA).toHaveLength(1);
  });

  it('node B reconnects after losing its LISTEN connection and hears events again', async () => {
    const onB = listen(nodeB);
    const admin = new pg.Client({ connectionString: opened.url });
    await admin.connect();
    const killed = await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'dmp-events' and datname = current_database()`);
    await admin.end();
    expect(killed.rowCount).toBe(2);
    await until(() => warnings.some((w) => w.includes('reconnecting')));
    await Promise.all([nodeA.ready(), nodeB.ready()]);
    // Publish until B hears one: the reconnect is asynchronous.
    const started = Date.now();
    while (onB.length === 0 && Date.now() - started < 5_000) {
      await nodeA.publish(eventFor('After-1'));
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(onB.length).toBeGreaterThan(0);
  });
});

describe.skipIf(Boolean(postgres.skip))('PostgreSQL job lock', () => {
  let opened: OpenedStorage;
  beforeAll(async () => {
    opened = await postgres.open();
  });
  afterAll(() => opened?.cleanup());

  it('of several nodes firing on one slot, one runs the job', async () => {
    const pool = (opened.storage as PostgresStorage).pool;
    const nodes = Array.from({ length: 4 }, () => createPostgresJobLock(pool, { minHoldMs: 500 }));
    let runs = 0;
    const job = async () => {
      runs++;
      await new Promise((r) => setTimeout(r, 20));
    };
    // A late node (its clock 100 ms behind) still finds the lock held.
    const ran = await Promise.all(nodes.map((n, i) => new Promise((r) => setTimeout(r, i * 30)).then(() => n.runExclusive('housekeeping', job))));
    expect(ran.filter(Boolean)).toHaveLength(1);
    expect(runs).toBe(1);
    await Promise.all(nodes.map((n) => n.close()));
    // Released on close: the next slot runs again.
    expect(await nodes[0]!.runExclusive('housekeeping', job)).toBe(true);
    expect(await nodes[1]!.runExclusive('other-job', job)).toBe(true);
    await Promise.all(nodes.map((n) => n.close()));
    expect(runs).toBe(3);
  });

  it('a job that throws releases the lock', async () => {
    const lock = createPostgresJobLock((opened.storage as PostgresStorage).pool, { minHoldMs: 0 });
    await expect(lock.runExclusive('failing', async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(await lock.runExclusive('failing', async () => {})).toBe(true);
  });
});
