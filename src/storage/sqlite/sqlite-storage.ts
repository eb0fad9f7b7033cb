import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Storage } from '../../core/ports.js';
import type { DialectFeatures } from '../dialect-features.js';
import { createKyselyStorage } from '../kysely-storage.js';
import { migrateToLatest } from '../migrate.js';
import type { DB } from '../schema.js';

// SQLite's default BINARY collation already compares Device IDs byte for byte.
export const SQLITE_FEATURES: DialectFeatures = { byteOrderCollation: null, rowLocks: false };

/** The embedded default: one SQLite file in the data directory, WAL, migrated at start-up. */
export async function openSqliteStorage(dataDir: string): Promise<Storage> {
  mkdirSync(dataDir, { recursive: true });
  const database = new Database(join(dataDir, 'dmp.sqlite'));
  database.pragma('journal_mode = WAL');
  // NORMAL in WAL mode never corrupts; a power cut may lose the last commits, never half of one.
  database.pragma('synchronous = NORMAL');
  database.pragma('busy_timeout = 5000');
  database.pragma('foreign_keys = ON');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database }) });
  await migrateToLatest(db as Kysely<unknown>, SQLITE_FEATURES);
  return createKyselyStorage(db, 'sqlite', SQLITE_FEATURES);
}
