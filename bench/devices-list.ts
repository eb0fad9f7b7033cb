/**
 * How fast the Devices Table pages on a big domain: seeds N devices (default 1,000,000) into a
 * fresh embedded database (or DATABASE_URL), then times the list queries the console makes.
 *
 *   npx tsx bench/devices-list.ts [--devices 1000000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { DeviceListQuery } from '../src/contract/admin.js';
import { createInProcessEventBus } from '../src/core/in-process-event-bus.js';
import type { DeviceRecord } from '../src/core/records.js';
import { createServices } from '../src/core/services.js';
import { openStorage } from '../src/storage/storage.js';

const { values } = parseArgs({ options: { devices: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '20' } } });
const total = Number(values.devices);
const runs = Number(values.runs);
const dataDir = mkdtempSync(join(tmpdir(), 'dmp-bench-'));
const storage = await openStorage({ dataDir, databaseUrl: process.env.DATABASE_URL });
const services = createServices({ storage, events: createInProcessEventBus() });
const domain = `bench-${Date.now()}`;
await storage.domains.insert({ slug: domain, name: 'Bench', reenrollWindowSeconds: 86400, checkinIntervalSeconds: 60, createdAt: Date.now() });

const STATES = ['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'missing', 'invalid', 'reset'] as const;
const t0 = performance.now();
const now = Date.now();
const BATCH = 5000;
for (let start = 0; start < total; start += BATCH) {
  await storage.transaction(async (tx) => {
    for (let i = start; i < Math.min(start + BATCH, total); i++) {
      const device: DeviceRecord = {
        domain, deviceId: `${i % 2 ? 'Kiosk' : 'tablet'}-${String(i).padStart(7, '0')}`, authState: STATES[i % 10]!,
        name: `Device ${i}`, model: 'K1', os: 'Android', osVersion: '14', agentVersion: '1.0', tokenHash: 'x'.repeat(64), tokenIssuedAt: now - i,
        resetTokenHash: null, enrolledAt: now - i * 1000, enrolledWithKeyId: null, lastSeenAt: now - ((i * 7919) % 86_400_000), lastSeenIp: '10.0.0.1',
        lastResetAt: null, lastResetBy: null, reenrollWindowEndsAt: null, refusedEnrollments: null, invalidTokens: null, version: 0,
      };
      await tx.devices.insert(device);
    }
  });
}
const seedSeconds = (performance.now() - t0) / 1000;

async function time(label: string, query: Record<string, string>): Promise<string> {
  const parsed = DeviceListQuery.parse(query);
  const samples: number[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const page = await services.devices.list(domain, cursor ? { ...parsed, cursor } : parsed);
    samples.push(performance.now() - started);
    cursor = page.nextCursor; // walk forward: every run is a deeper page
  }
  samples.sort((a, b) => a - b);
  const p50 = samples[Math.floor(samples.length / 2)]!;
  const p95 = samples[Math.floor(samples.length * 0.95)]!;
  return `| ${label} | ${p50.toFixed(1)} | ${p95.toFixed(1)} |`;
}

async function timeCounts(): Promise<string> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await services.devices.counts(domain);
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return `| counts per authState (filter chips) | ${samples[Math.floor(runs / 2)]!.toFixed(1)} | ${samples[Math.floor(runs * 0.95)]!.toFixed(1)} |`;
}

const rows = [
  await time('first pages by Device ID, 50 rows', { limit: '50' }),
  await time('pages by last seen (newest first)', { limit: '50', sort: '-lastSeenAt' }),
  await time('filter authState=missing', { limit: '50', authState: 'missing' }),
  await time('filter authState=invalid, by last seen', { limit: '50', authState: 'invalid', sort: '-lastSeenAt' }),
  await time('prefix search q=Kiosk-00012', { limit: '50', q: 'Kiosk-00012' }),
  await time('prefix search q=kiosk (no match: case-sensitive)', { limit: '50', q: 'kiosk' }),
  await timeCounts(),
];
console.log(`devices: ${total.toLocaleString('en')} in one domain (${storage.dialect}); seeded in ${seedSeconds.toFixed(1)} s`);
console.log(`each query ${runs} times, list queries include "total" for the filter; milliseconds\n`);
console.log('| query | p50 ms | p95 ms |\n|---|---|---|');
for (const row of rows) console.log(row);
await storage.close();
rmSync(dataDir, { recursive: true, force: true });
