import { createInProcessEventBus } from '../core/in-process-event-bus.js';
import type { EventBus, Storage } from '../core/ports.js';
import { localJobLock, type JobLock } from './job-lock.js';
import { openSqliteStorage } from './sqlite/sqlite-storage.js';

export interface StorageConfig {
  dataDir: string;
  /** postgres://… selects PostgreSQL; otherwise the embedded SQLite file in dataDir. */
  databaseUrl?: string;
  /** Told about trouble the backend recovers from by itself (a lost event connection). */
  warn?: (message: string, err?: unknown) => void;
}

/** What a node gets from its backend: the data, device events between nodes, and background-job locking. */
export interface Backend {
  storage: Storage;
  events: EventBus;
  jobs: JobLock;
}

/** Opens (and migrates) the configured backend. */
export async function openStorage(config: StorageConfig): Promise<Storage> {
  if (config.databaseUrl) {
    const { openPostgresStorage } = await import('./postgres/postgres-storage.js');
    return openPostgresStorage(config.databaseUrl);
  }
  return openSqliteStorage(config.dataDir);
}

/** Opens the configured backend with its event bus and job lock: several nodes on PostgreSQL, one on SQLite. */
export async function openBackend(config: StorageConfig): Promise<Backend> {
  if (config.databaseUrl) {
    const { openPostgresBackend } = await import('./postgres/postgres-backend.js');
    return openPostgresBackend(config.databaseUrl, { warn: config.warn });
  }
  return { storage: await openSqliteStorage(config.dataDir), events: createInProcessEventBus(), jobs: localJobLock };
}
