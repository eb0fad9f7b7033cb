import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';

/** Where the tests look for PostgreSQL when DMP_TEST_DATABASE_URL is unset (this machine, trust auth). */
export const DEFAULT_TEST_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

let counter = 0;

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function admin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** True when a PostgreSQL server answers at `url`. */
export async function isPostgresReachable(url = process.env.DMP_TEST_DATABASE_URL ?? DEFAULT_TEST_POSTGRES_URL): Promise<boolean> {
  try {
    await admin(url, (client) => client.query('select 1'));
    return true;
  } catch {
    return false;
  }
}

/**
 * A fresh, empty database on the server of `baseUrl`, named after the base database (so
 * scripts/test-postgres.mjs can drop everything a run left) plus this process and a counter.
 * `key` names it deterministically instead, to reopen the same database (restart tests).
 * Its default collation is ICU en-US where the server has ICU, as many production databases are
 * locale-aware: that sorts `a` before `B` and folds case, which Device IDs must never see.
 */
export async function createTestDatabase(baseUrl = process.env.DMP_TEST_DATABASE_URL ?? DEFAULT_TEST_POSTGRES_URL, key?: string): Promise<TestDatabase> {
  const baseName = new URL(baseUrl).pathname.slice(1);
  const prefix = baseName.startsWith('dmp_test_') ? baseName : `dmp_test_${randomBytes(4).toString('hex')}`;
  const suffix = key ? `k${createHash('sha256').update(key).digest('hex').slice(0, 12)}` : `${process.pid}_${++counter}`;
  const name = `${prefix}_${suffix}`;
  await admin(baseUrl, async (client) => {
    const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount !== 0) return;
    try {
      await client.query(`create database "${name}" template template0 locale_provider icu icu_locale 'en-US'`);
    } catch {
      await client.query(`create database "${name}"`);
    }
  });
  return {
    url: withDatabase(baseUrl, name),
    name,
    drop: () => admin(baseUrl, async (client) => void (await client.query(`drop database if exists "${name}" with (force)`))),
  };
}
