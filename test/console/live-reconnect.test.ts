import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../src/server.js';
import { signIn } from '../helpers/admin-client.js';
import { TEST_ADMIN } from '../helpers/test-server.js';
import { launchChromium, openConsole, signInAt } from './browser-kit.js';

// A server restart drops the event stream; the open console reconnects by itself and shows
// what happened meanwhile. The server comes back on the same port and data directory.
let browser: Browser;
let server: RunningServer | undefined;
let port: number;
const dataDir = mkdtempSync(join(tmpdir(), 'dmp-console-restart-'));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

const start = () =>
  startServer({ port, host: '127.0.0.1', dataDir, adminEmail: TEST_ADMIN.email, adminPassword: TEST_ADMIN.password, logLevel: 'silent' });

beforeAll(async () => {
  port = await freePort();
  [server, browser] = await Promise.all([start(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it('reconnects to live updates after a server restart and shows what changed meanwhile', async () => {
  const url = server!.url;
  const admin = await signIn(url, TEST_ADMIN.email, TEST_ADMIN.password);
  expect((await admin.request('POST', '/api/v1/domains', { slug: 'restart', name: 'Restart' })).status).toBe(201);
  const key = (await admin.request('POST', '/api/v1/domains/restart/enrollment-keys', {})).body.key as string;
  const enroll = (deviceId: string) =>
    fetch(`${url}/api/v1/device/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ domain: 'restart', enrollmentKey: key, deviceId }),
    }).then((r) => r.status);
  expect(await enroll('Before-1')).toBe(201);

  const { context, page } = await openConsole(browser);
  await signInAt(page, url, '/domains/restart/devices', TEST_ADMIN.email, TEST_ADMIN.password);
  await page.getByRole('link', { name: 'Before-1', exact: true }).waitFor();
  await page.getByText('Live', { exact: true }).waitFor();

  await server!.close();
  server = undefined;
  await page.getByText('Reconnecting', { exact: true }).waitFor({ timeout: 10_000 });
  server = await start();
  // Changed while the console was disconnected: it refetches after reconnecting.
  expect(await enroll('During-2')).toBe(201);
  await page.getByText('Live', { exact: true }).waitFor({ timeout: 15_000 });
  await page.getByRole('link', { name: 'During-2', exact: true }).waitFor({ timeout: 10_000 });
  // And the new stream delivers events again.
  expect(await enroll('After-3')).toBe(201);
  await page.getByRole('link', { name: 'After-3', exact: true }).waitFor({ timeout: 10_000 });
  await context.close();
}, 60_000);
