import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openPostgresStorage } from '../../src/storage/postgres/postgres-storage.js';
import { migrationProvider } from '../../src/storage/migrations/index.js';
import { POSTGRES_FEATURES } from '../../src/storage/postgres/postgres-storage.js';
import { openSqliteStorage } from '../../src/storage/sqlite/sqlite-storage.js';
import { createTestDatabase } from '../helpers/postgres-database.js';
import { BACKENDS, postgresServerUrl } from './backends.js';

const sqlite = BACKENDS.find((b) => b.name === 'sqlite')!;
const postgres = BACKENDS.find((b) => b.name === 'postgres')!;
const FUTURE = '999-from-a-newer-dmp';

describe.skipIf(Boolean(sqlite.skip))('migrations on sqlite', () => {
  it('refuses a database that a newer DMP migrated', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dmp-migrate-'));
    try {
      await (await openSqliteStorage(dir)).close();
      const db = new Database(join(dir, 'dmp.sqlite'));
      db.prepare('insert into kysely_migration (name, timestamp) values (?, ?)').run(FUTURE, new Date().toISOString());
      db.close();
      await expect(openSqliteStorage(dir)).rejects.toThrow(/schema is newer than this DMP.*999-from-a-newer-dmp/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(Boolean(postgres.skip))('migrations and start-up on postgres', () => {
  it('nodes starting together on an empty database migrate it once, under the advisory lock', async () => {
    const database = await createTestDatabase(postgresServerUrl);
    try {
      const nodes = await Promise.all(Array.from({ length: 4 }, () => openPostgresStorage(database.url, { poolMax: 2 })));
      await Promise.all(nodes.map((n) => n.close()));
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      const { rows } = await client.query<{ name: string }>('select name from kysely_migration order by name');
      await client.end();
      const known = Object.keys(await migrationProvider(POSTGRES_FEATURES).getMigrations()).sort();
      expect(rows.map((r) => r.name)).toEqual(known);
    } finally {
      await database.drop();
    }
  });

  it('refuses a database that a newer DMP migrated', async () => {
    const database = await createTestDatabase(postgresServerUrl);
    try {
      await (await openPostgresStorage(database.url)).close();
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      await client.query('insert into kysely_migration (name, timestamp) values ($1, $2)', [FUTURE, new Date().toISOString()]);
      await client.end();
      await expect(openPostgresStorage(database.url)).rejects.toThrow(/schema is newer than this DMP.*999-from-a-newer-dmp/);
    } finally {
      await database.drop();
    }
  });

  it('an unreachable server fails at once with a message naming DATABASE_URL, without the password', async () => {
    const started = Date.now();
    const error = await openPostgresStorage('postgres://dmp:s3cret@127.0.0.1:1/dmp').catch((err: unknown) => err as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/Cannot connect to PostgreSQL at .*127\.0\.0\.1:1.*DATABASE_URL/);
    expect((error as Error).message).not.toContain('s3cret');
    expect(Date.now() - started).toBeLessThan(6_000);
  });

  it('request connections carry a 10 s statement timeout; int8 reads back as a number', async () => {
    const database = await createTestDatabase(postgresServerUrl);
    const storage = await openPostgresStorage(database.url, { poolMax: 2 });
    try {
      const { rows } = await storage.pool.query<{ statement_timeout: string; n: unknown }>(`select current_setting('statement_timeout') as statement_timeout, 4102444800123::int8 as n`);
      expect(rows[0]).toEqual({ statement_timeout: '10s', n: 4102444800123 });
    } finally {
      await storage.close();
      await database.drop();
    }
  });

  it('Device ID columns use the byte-order "C" collation whatever the database default is', async () => {
    const database = await createTestDatabase(postgresServerUrl);
    try {
      await (await openPostgresStorage(database.url)).close();
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      const { rows } = await client.query<{ table_name: string; column_name: string; collation_name: string }>(
        `select table_name, column_name, collation_name from information_schema.columns where column_name in ('device_id', 'actor_device_id') order by 1, 2`,
      );
      await client.end();
      expect(rows).toHaveLength(3);
      expect(rows.every((r) => r.collation_name === 'C')).toBe(true);
    } finally {
      await database.drop();
    }
  });
});
