#!/usr/bin/env node
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CreateUserRequest, Domain, EnrollmentKeyCreated, User } from '../contract/admin.js';
import { formatEnrollmentString } from '../contract/enrollment-string.js';
import { createAdminClient, createTokenWithPassword } from '../cli/admin-client.js';
import { paint } from '../agent/terminal.js';
import { loadConfig, startServer } from '../server.js';
import { runSimulator } from '../simulator/run-simulator.js';

/**
 * `npm run demo`: the platform on a throwaway SQLite database, a `demo` domain with an admin, a
 * viewer and an enrollment key, and a simulated fleet that loses tokens now and then, so the
 * console's warnings and the reset flow can be tried at once. Ctrl+C removes everything.
 */
const DOMAIN = 'demo';
const devices = Number(process.env.DMP_DEMO_DEVICES ?? 300);
const password = () => `demo-${randomBytes(9).toString('base64url')}`;
const platformAdmin = { email: 'platform-admin@demo.example', password: password() };
const domainAdmin = { email: 'admin@demo.example', password: password() };
const viewer = { email: 'viewer@demo.example', password: password() };

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'dmp-demo-'));
const base = loadConfig({ ...process.env, DMP_DATA_DIR: dataDir, HOST: process.env.HOST ?? '127.0.0.1', DMP_LOG_LEVEL: process.env.DMP_LOG_LEVEL ?? 'warn' });
const config = { ...base, databaseUrl: undefined, adminEmail: platformAdmin.email, adminPassword: platformAdmin.password };

let server;
try {
  server = await startServer(config);
} catch (error) {
  if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
  // Port 8080 is taken, so a free port will do for a demo.
  server = await startServer({ ...config, port: 0 });
}
const running = server;

async function cleanUp(): Promise<void> {
  await running.close().catch(() => undefined);
  rmSync(dataDir, { recursive: true, force: true });
}

try {
  const { token } = await createTokenWithPassword(running.url, platformAdmin.email, platformAdmin.password, 'demo setup');
  const api = createAdminClient(running.url, token.token);
  await api.request('POST', '/api/v1/domains', Domain, { slug: DOMAIN, name: 'Demo fleet', checkinIntervalSeconds: 10 });
  for (const [user, role] of [[domainAdmin, 'admin'], [viewer, 'viewer']] as const) {
    const body: CreateUserRequest = { ...user, memberships: [{ domain: DOMAIN, role }], isPlatformAdmin: false };
    await api.request('POST', '/api/v1/users', User, body);
  }
  const key = await api.request('POST', `/api/v1/domains/${DOMAIN}/enrollment-keys`, EnrollmentKeyCreated, { label: 'demo fleet' });
  const enrollmentString = formatEnrollmentString({ server: running.url, domain: DOMAIN, key: key.key });

  const b = (text: string) => paint('bold', text);
  console.log(`
${b('DMP demo is running')} (throwaway database in ${dataDir}; Ctrl+C stops and removes it)

  Console:      ${b(`${running.url}/domains/${DOMAIN}/devices`)}
  Domain admin: ${b(domainAdmin.email)}  password ${b(domainAdmin.password)}
  Viewer:       ${viewer.email}  password ${viewer.password}
  Platform:     ${platformAdmin.email}  password ${platformAdmin.password}

What to try:
  1. Sign in as the domain admin. ${devices} simulated devices enroll and check in every 10 s.
  2. Every 20 s one of them is "wiped" and tries to enroll again: the server refuses it, and the
     Devices Table shows the warning icon (state "missing"). "sim-…-old-token" presents an old
     token (state "invalid"), like a device restored from an old backup.
  3. Click the warning icon of a "missing" device, then "Reset Auth Token": the wiped device,
     which keeps retrying, enrolls by itself within 5 seconds and the warning disappears.
     (The old-token device keeps its wrong token: after a reset it waits to be re-enrolled.)
  4. Enroll a real agent from this machine:
       npm run build:server && node bin/dmp-agent.js --state-file /tmp/dmp-demo-agent.json enroll '${enrollmentString}' --device-id My-Laptop
     run it twice (after removing the state file) to see "Registration Failed".
  5. Or do the support work from the shell:
       node bin/dmp.js login --server ${running.url} --email ${domainAdmin.email}
       node bin/dmp.js devices list --state missing
`);

  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  process.once('SIGTERM', () => controller.abort());
  await runSimulator(
    { server: running.url, domain: DOMAIN, key: key.key, devices, idPrefix: `sim-${randomBytes(2).toString('hex')}-`, wipeEveryMs: 20_000, staleToken: true, enrollConcurrency: 16, maxSockets: 32, retryMinMs: 1_000, retryMaxMs: 5_000 },
    { signal: controller.signal, ...(process.env.DMP_DEMO_SECONDS ? { durationMs: Number(process.env.DMP_DEMO_SECONDS) * 1000 } : {}) },
  );
  console.log('Stopping the demo and removing its data.');
} finally {
  await cleanUp();
}
