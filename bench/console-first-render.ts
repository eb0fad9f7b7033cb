/**
 * The console on a big domain: seeds N devices (default 100,000) into a fresh embedded database
 * through the storage layer, starts the real server with the built console, and times in
 * Debian's Chromium how long a signed-in person waits for the first rows of the Devices Table
 * (navigation start → first Device ID link in the table). Also prints the gzip size of the
 * JavaScript the first page needs. Run `npm run build:console` first.
 *
 *   npx tsx bench/console-first-render.ts [--devices 100000] [--runs 5]
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import type { DeviceRecord } from '../src/core/records.js';
import { startServer } from '../src/server.js';
import { openStorage } from '../src/storage/storage.js';

const { values } = parseArgs({ options: { devices: { type: 'string', default: '100000' }, runs: { type: 'string', default: '5' } } });
const total = Number(values.devices);
const runs = Number(values.runs);
const DIST = new URL('../dist/console/', import.meta.url);

// ---- bundle size: the entry script and everything index.html preloads with it ------------
const indexHtml = readFileSync(new URL('index.html', DIST), 'utf8');
const initialFiles = [...indexHtml.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
const gzipKiB = (file: string) => gzipSync(readFileSync(new URL(file, DIST))).length / 1024;
const initialJs = initialFiles.filter((f) => f.endsWith('.js'));
const initialCss = initialFiles.filter((f) => f.endsWith('.css'));
const devicesChunk = readdirSync(new URL('assets/', DIST)).filter((f) => f.startsWith('devices-page-') && f.endsWith('.js')).map((f) => `assets/${f}`);
const sum = (files: string[]) => files.reduce((kib, f) => kib + gzipKiB(f), 0);

// ---- seed ----------------------------------------------------------------------------------
const dataDir = mkdtempSync(join(tmpdir(), 'dmp-console-bench-'));
const storage = await openStorage({ dataDir });
const domain = 'bench';
await storage.domains.insert({ slug: domain, name: 'Bench', reenrollWindowSeconds: 86400, checkinIntervalSeconds: 60, createdAt: Date.now() });
const STATES = ['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'missing', 'invalid', 'reset'] as const;
const seedStarted = performance.now();
const now = Date.now();
for (let start = 0; start < total; start += 5000) {
  await storage.transaction(async (tx) => {
    for (let i = start; i < Math.min(start + 5000, total); i++) {
      const device: DeviceRecord = {
        domain, deviceId: `${i % 2 ? 'Kiosk' : 'tablet'}-${String(i).padStart(7, '0')}`, authState: STATES[i % 10]!,
        name: `Device ${i}`, model: 'K1', os: 'Android', osVersion: '14', agentVersion: '1.0', tokenHash: 'x'.repeat(64), tokenIssuedAt: now - i,
        resetTokenHash: null, enrolledAt: now - i * 1000, enrolledWithKeyId: null, lastSeenAt: now - ((i * 7919) % 86_400_000), lastSeenIp: '10.0.0.1',
        lastResetAt: null, lastResetBy: null, reenrollWindowEndsAt: STATES[i % 10] === 'reset' ? now + 86_400_000 : null,
        refusedEnrollments: null, invalidTokens: null, version: 0,
      };
      await tx.devices.insert(device);
    }
  });
}
const seedSeconds = (performance.now() - seedStarted) / 1000;
await storage.close();

// ---- serve and measure ---------------------------------------------------------------------
const admin = { email: 'bench@example.test', password: 'bench password 123' };
const server = await startServer({ port: 0, host: '127.0.0.1', dataDir, adminEmail: admin.email, adminPassword: admin.password, logLevel: 'silent' });
const login = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(admin) });
const [cookieName, cookieValue] = (login.headers.get('set-cookie') ?? '').split(';')[0]!.split('=') as [string, string];

const browser = await chromium.launch({
  executablePath: process.env.DMP_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

/** Navigation start → the first Device ID link in the table, measured in the page itself. */
async function firstRender(context: Awaited<ReturnType<typeof browser.newContext>>): Promise<number> {
  const page = await context.newPage();
  await page.addInitScript(() => {
    const observer = new MutationObserver(() => {
      if (document.querySelector('table tbody a[href*="/devices/"]')) {
        (window as unknown as { firstRowAt: number }).firstRowAt = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(document, { childList: true, subtree: true });
    const w = window as unknown as { longTasks: string[]; tableAt?: number };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longTasks.push(`${e.startTime.toFixed(0)}+${e.duration.toFixed(0)}`);
    }).observe({ type: 'longtask', buffered: true });
    new MutationObserver((_, o) => {
      if (document.querySelector('table')) {
        w.tableAt = performance.now();
        o.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(`${server.url}/domains/${domain}/devices`);
  await page.waitForFunction(() => (window as unknown as { firstRowAt?: number }).firstRowAt !== undefined, undefined, { timeout: 30_000 });
  const ms = await page.evaluate(() => (window as unknown as { firstRowAt: number }).firstRowAt);
  if (process.env.DMP_BENCH_VERBOSE) {
    // Where the time goes: each request's start and end, relative to navigation start.
    const entries = await page.evaluate(() =>
      [
        ...(performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map(
          (e) => `${e.name.replace(location.origin, '')} ${e.startTime.toFixed(0)}→${e.responseEnd.toFixed(0)}`,
        ),
        `table element at ${(window as unknown as { tableAt: number }).tableAt.toFixed(0)}`,
        `long tasks ${(window as unknown as { longTasks: string[] }).longTasks.join(' ')}`,
      ],
    );
    console.log(`first row at ${ms.toFixed(0)} ms\n  ${entries.join('\n  ')}`);
  }
  await page.close();
  return ms;
}

const cold: number[] = [];
const warm: number[] = [];
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addCookies([{ name: cookieName, value: cookieValue, url: server.url }]);
  cold.push(await firstRender(context)); // empty HTTP cache
  warm.push(await firstRender(context)); // scripts and styles cached, data fetched again
  await context.close();
}
await browser.close();
await server.close();
rmSync(dataDir, { recursive: true, force: true });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`devices: ${total.toLocaleString('en')} in one domain (SQLite); seeded in ${seedSeconds.toFixed(1)} s; ${runs} runs, median`);
console.log('| measure | value |\n|---|---|');
console.log(`| initial JS (entry + preloads), gzip | ${sum(initialJs).toFixed(1)} KiB (${initialJs.length} file${initialJs.length === 1 ? '' : 's'}) |`);
console.log(`| initial CSS, gzip | ${sum(initialCss).toFixed(1)} KiB |`);
console.log(`| Devices Table chunk (lazy), gzip | ${sum(devicesChunk).toFixed(1)} KiB |`);
console.log(`| first table render, cold cache | ${median(cold).toFixed(0)} ms (min ${Math.min(...cold).toFixed(0)}, max ${Math.max(...cold).toFixed(0)}) |`);
console.log(`| first table render, warm cache | ${median(warm).toFixed(0)} ms (min ${Math.min(...warm).toFixed(0)}, max ${Math.max(...warm).toFixed(0)}) |`);
