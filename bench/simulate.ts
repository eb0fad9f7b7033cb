/**
 * Simulator benchmark: sustained check-ins per second of N virtual devices (default 10,000)
 * against a DMP server running as its own process (`node dist/main.js`) on a fresh SQLite data
 * directory, with the domain's check-in interval at 10 s (a demand of N/10 check-ins per second).
 *
 *   npm run build:server && npx tsx bench/simulate.ts [--devices 10000] [--seconds 90] [--warmup 15]
 *
 * Prints the figure and the CPU time each process used; docs/benchmarks.md records the results.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Domain, EnrollmentKeyCreated } from '../src/contract/admin.js';
import { createAdminClient, createTokenWithPassword } from '../src/cli/admin-client.js';
import { runSimulator } from '../src/simulator/run-simulator.js';

const { values } = parseArgs({
  options: {
    devices: { type: 'string', default: '10000' },
    seconds: { type: 'string', default: '90' },
    warmup: { type: 'string', default: '15' },
    interval: { type: 'string', default: '10' },
    'max-sockets': { type: 'string', default: '64' },
  },
});
const devices = Number(values.devices);
const root = path.resolve(import.meta.dirname, '..');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

/** User + system CPU seconds of a process, from /proc (Linux). */
function cpuSecondsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'dmp-bench-'));
const port = await freePort();
const url = `http://127.0.0.1:${port}`;
const admin = { email: 'bench@example.test', password: 'bench password 1234' };
const server = spawn(process.execPath, [path.join(root, 'dist/main.js')], {
  env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DMP_DATA_DIR: dataDir, DMP_ADMIN_EMAIL: admin.email, DMP_ADMIN_PASSWORD: admin.password, DMP_LOG_LEVEL: 'warn' },
  stdio: ['ignore', 'inherit', 'inherit'],
});
// A figure measured against a dead server means nothing: stop the run and say so.
const serverGone = new AbortController();
let serverExit: string | undefined;
server.on('exit', (code, signal) => {
  serverExit = `the server exited (code ${code}, signal ${signal})`;
  serverGone.abort();
});

try {
  for (let i = 0; ; i++) {
    if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) break;
    if (i > 100) throw new Error('the server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  const { token } = await createTokenWithPassword(url, admin.email, admin.password, 'bench');
  const api = createAdminClient(url, token.token);
  await api.request('POST', '/api/v1/domains', Domain, { slug: 'bench', name: 'Bench' });
  await api.request('PATCH', '/api/v1/domains/bench', Domain, { checkinIntervalSeconds: Number(values.interval) });
  const key = await api.request('POST', '/api/v1/domains/bench/enrollment-keys', EnrollmentKeyCreated, { label: 'bench' });

  const serverCpuBefore = cpuSecondsOf(server.pid!);
  const ownCpuBefore = process.cpuUsage();
  const run = await runSimulator(
    { server: url, domain: 'bench', key: key.key, devices, idPrefix: 'bench-', wipeEveryMs: 30_000, staleToken: true, enrollConcurrency: 32, maxSockets: Number(values['max-sockets']) },
    { durationMs: Number(values.seconds) * 1000, warmupMs: Number(values.warmup) * 1000, signal: serverGone.signal },
  );
  if (serverExit) throw new Error(`${serverExit} during the run; no figure.`);
  const ownCpu = process.cpuUsage(ownCpuBefore);
  const serverCpu = cpuSecondsOf(server.pid!) - serverCpuBefore;
  const summary = {
    devices,
    checkinIntervalSeconds: Number(values.interval),
    demandCheckinsPerSecond: devices / Number(values.interval),
    sustainedCheckinsPerSecond: Math.round(run.sustainedCheckinsPerSecond * 10) / 10,
    sustainedSeconds: Math.round(run.sustainedSeconds),
    secondHalfCheckinsPerSecond: Math.round(run.secondHalfCheckinsPerSecond * 10) / 10,
    rampUpSeconds: run.rampUpSeconds === undefined ? null : Math.round(run.rampUpSeconds),
    totalCheckins: run.stats.checkins,
    errors: run.stats.errors,
    wipes: run.stats.wipes,
    serverCpuSeconds: Math.round(serverCpu * 10) / 10,
    simulatorCpuSeconds: Math.round(((ownCpu.user + ownCpu.system) / 1e6) * 10) / 10,
    wallSeconds: Math.round(run.seconds),
    loadAverageAtEnd: os.loadavg().map((l) => Math.round(l * 10) / 10),
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  };
  console.log(JSON.stringify(summary, null, 2));
} finally {
  if (!serverExit) {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
  rmSync(dataDir, { recursive: true, force: true });
}
