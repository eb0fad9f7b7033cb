/**
 * Check-ins per second: starts 1 or 2 real server processes (`node dist/main.js`) on a fresh
 * database, enrolls devices, then drives valid check-ins at them with autocannon in a process of
 * its own (bench/checkin-load.ts), and prints the figures as a Markdown table row.
 *
 *   npm run bench:checkin -- --backend postgres --nodes 2 [--devices 500 --connections 40 --seconds 15]
 *   (needs `npm run build:server`; PostgreSQL from DMP_BENCH_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/postgres;
 *   DMP_BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the servers)
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const { values } = parseArgs({
  options: {
    backend: { type: 'string', default: 'sqlite' },
    nodes: { type: 'string', default: '1' },
    devices: { type: 'string', default: '500' },
    connections: { type: 'string', default: '40' },
    seconds: { type: 'string', default: '15' },
    warmup: { type: 'string', default: '3' },
  },
});
const backend = values.backend === 'postgres' ? 'postgres' : 'sqlite';
const nodeCount = Number(values.nodes);
const deviceCount = Number(values.devices);
const ADMIN = { email: 'bench@example.test', password: 'benchmark admin password' };
const DOMAIN = 'bench';

interface Node {
  url: string;
  stop(): Promise<void>;
}

function startNode(env: Record<string, string>): Promise<Node> {
  const nodeArgs = (process.env.DMP_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, join(ROOT, 'dist/main.js')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', DMP_LOG_LEVEL: 'warn', DMP_ADMIN_EMAIL: ADMIN.email, DMP_ADMIN_PASSWORD: ADMIN.password, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running: console and API at (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        resolve({ url: match[1], stop: async () => void (stopping = true, child.kill('SIGTERM'), await exited) });
      }
    });
    let stopping = false;
    child.once('exit', (code, signal) => {
      if (!stopping) console.error(`a server exited during the benchmark (code ${code}, signal ${signal}): ${output.slice(-2000)}`);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
}

async function post(url: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, headers: response.headers, body: (await response.json().catch(() => null)) as Record<string, string> | null };
}

async function adminDatabase<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function runLoad(planFile: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/checkin-load.ts'), planFile], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(output.trim().split('\n').pop()!) as Record<string, unknown>) : reject(new Error(`load generator exited with ${code}`))));
  });
}

const cleanups: Array<() => Promise<void>> = [];
try {
  const env: Record<string, string> = {};
  if (backend === 'postgres') {
    const server = new URL(process.env.DMP_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
    const name = `dmp_bench_${randomBytes(4).toString('hex')}`;
    await adminDatabase(server.toString(), (c) => c.query(`create database "${name}"`));
    cleanups.push(() => adminDatabase(server.toString(), async (c) => void (await c.query(`drop database if exists "${name}" with (force)`))));
    const url = new URL(server);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
  } else {
    if (nodeCount !== 1) throw new Error('SQLite serves one node; use --nodes 1.');
    const dir = mkdtempSync(join(tmpdir(), 'dmp-bench-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    env.DMP_DATA_DIR = dir;
  }

  // The first node migrates and creates the admin; the others join an up-to-date database.
  const nodes = [await startNode(env)];
  cleanups.unshift(() => nodes[0]!.stop());
  for (let i = 1; i < nodeCount; i++) {
    const node = await startNode(env);
    nodes.push(node);
    cleanups.unshift(() => node.stop());
  }
  const first = nodes[0]!;
  const login = await post(first.url, '/api/v1/auth/login', ADMIN);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const asAdmin = { cookie, origin: first.url };
  await post(first.url, '/api/v1/domains', { slug: DOMAIN, name: 'Bench' }, asAdmin);
  const key = (await post(first.url, `/api/v1/domains/${DOMAIN}/enrollment-keys`, { label: 'bench' }, asAdmin)).body!.key!;

  const devices: Array<{ id: string; token: string }> = [];
  for (let i = 0; i < deviceCount; i += 20) {
    const batch = Array.from({ length: Math.min(20, deviceCount - i) }, (_, j) => `Bench-${String(i + j).padStart(6, '0')}`);
    const answers = await Promise.all(batch.map((id, j) => post(nodes[(i + j) % nodes.length]!.url, '/api/v1/device/enroll', { domain: DOMAIN, enrollmentKey: key, deviceId: id })));
    answers.forEach((a, j) => {
      if (a.status !== 201) throw new Error(`enroll: ${a.status} ${JSON.stringify(a.body)}`);
      devices.push({ id: batch[j]!, token: a.body!.token! });
    });
  }

  const planDir = mkdtempSync(join(tmpdir(), 'dmp-bench-plan-'));
  cleanups.push(async () => rmSync(planDir, { recursive: true, force: true }));
  const plan = { urls: nodes.map((n) => n.url), domain: DOMAIN, devices, connections: Number(values.connections) };
  const planFile = join(planDir, 'plan.json');
  writeFileSync(planFile, JSON.stringify({ ...plan, seconds: Number(values.warmup) }));
  await runLoad(planFile);
  writeFileSync(planFile, JSON.stringify({ ...plan, seconds: Number(values.seconds) }));
  const result = await runLoad(planFile);

  const latency = result.latencyMs as Record<string, number>;
  const label = backend === 'sqlite' ? 'SQLite, 1 node' : `PostgreSQL, ${nodeCount} node${nodeCount > 1 ? 's' : ''}`;
  console.log(`# ${cpus().length} cores, Node ${process.version}; ${deviceCount} devices, ${values.connections} connections, ${values.seconds} s after ${values.warmup} s warm-up`);
  console.log('| setup | check-ins/s | p50 ms | p97.5 ms | p99 ms | non-2xx | errors |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  console.log(`| ${label} | ${Math.round(result.okPerSecond as number)} | ${latency.p50} | ${latency.p97_5} | ${latency.p99} | ${result.non2xx} | ${result.errors} |`);
} finally {
  for (const cleanup of cleanups) await cleanup().catch((err: unknown) => console.error(err));
}
