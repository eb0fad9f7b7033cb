import type { Storage } from '../core/ports.js';
import { openSqliteStorage } from './sqlite/sqlite-storage.js';

export interface StorageConfig {
  dataDir: string;
  /** postgres://… selects PostgreSQL; otherwise the embedded SQLite file in dataDir. */
  databaseUrl?: string;
}

/** Opens (and migrates) the configured backend. */
export async function openStorage(config: StorageConfig): Promise<Storage> {
  if (config.databaseUrl) {
    const { openPostgresStorage } = await import('./postgres/postgres-storage.js');
    return openPostgresStorage(config.databaseUrl);
  }
  return openSqliteStorage(config.dataDir);
}
