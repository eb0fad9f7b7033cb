#!/usr/bin/env node
// Runs the API suite against PostgreSQL (the storage suite already loops over both backends in
// the plain `vitest run`; pass `test/storage` to run it here too): creates a fresh database dmp_test_<random>
// on DMP_TEST_POSTGRES_URL's server (default postgres://postgres@127.0.0.1:5432, trust auth),
// points DMP_TEST_DATABASE_URL at it, and afterwards drops it and every database the tests made
// next to it (dmp_test_<random>_*), also when the tests fail or are interrupted.
// Usage: npm run test:postgres [-- <more vitest args or test paths>]
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const serverUrl = new URL(process.env.DMP_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
const name = `dmp_test_${randomBytes(5).toString('hex')}`;
const args = process.argv.slice(2);
const paths = args.some((a) => !a.startsWith('-')) ? [] : ['test/api'];

async function admin(work) {
  const client = new pg.Client({ connectionString: serverUrl.toString(), connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function dropAll() {
  await admin(async (client) => {
    const { rows } = await client.query(`select datname from pg_database where datname = $1 or datname like $2`, [name, `${name}\\_%`]);
    for (const row of rows) await client.query(`drop database if exists "${row.datname}" with (force)`);
  });
}

try {
  await admin((client) => client.query(`create database "${name}"`));
} catch (err) {
  console.error(`test:postgres: cannot create a database on ${serverUrl.host}: ${err.message}`);
  console.error('Is PostgreSQL running? On this machine: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start');
  process.exit(2);
}
const databaseUrl = new URL(serverUrl);
databaseUrl.pathname = `/${name}`;
console.log(`test:postgres: database ${name}`);

const child = spawn('npx', ['vitest', 'run', ...paths, ...args], {
  stdio: 'inherit',
  env: { ...process.env, DMP_TEST_DATABASE_URL: databaseUrl.toString(), DMP_TEST_BACKENDS: process.env.DMP_TEST_BACKENDS ?? 'postgres' },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
const code = await new Promise((resolve) => child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0))));
try {
  await dropAll();
} catch (err) {
  console.error(`test:postgres: could not drop ${name}: ${err.message}`);
}
process.exit(code);
