import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import type { Storage } from '../../core/ports.js';
import type { DialectFeatures } from '../dialect-features.js';
import { createKyselyStorage } from '../kysely-storage.js';
import { migrateToLatest } from '../migrate.js';
import type { DB } from '../schema.js';
import { openPool } from './postgres-connection.js';

// The database's default collation may be locale-aware (case-folding, ignoring punctuation);
// Device IDs must compare and sort byte for byte, so their columns say "C".
export const POSTGRES_FEATURES: DialectFeatures = { byteOrderCollation: '"C"', rowLocks: true };

export interface PostgresStorage extends Storage {
  /** The node's connection pool, shared with the event bus (NOTIFY) and the job lock. */
  readonly pool: pg.Pool;
}

/** PostgreSQL, shared by any number of DMP nodes: connects, migrates (under Kysely's advisory lock), serves. */
export async function openPostgresStorage(url: string, options: { poolMax?: number } = {}): Promise<PostgresStorage> {
  await migrate(url);
  const pool = await openPool(url, { poolMax: options.poolMax });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return Object.assign(createKyselyStorage(db, 'postgres', POSTGRES_FEATURES), { pool });
}

/** Migrates on a connection of its own without the statement timeout: a migration over a big table may take minutes. */
async function migrate(url: string): Promise<void> {
  const pool = await openPool(url, { poolMax: 1, applicationName: 'dmp-migrate', statementTimeoutMs: false });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrateToLatest(db as Kysely<unknown>, POSTGRES_FEATURES);
  } finally {
    await db.destroy();
  }
}
