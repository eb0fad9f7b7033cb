import type { Backend } from '../storage.js';
import { createPostgresEventBus } from './postgres-event-bus.js';
import { createPostgresJobLock } from './postgres-job-lock.js';
import { openPostgresStorage } from './postgres-storage.js';

/** Storage, cross-node events and the job lock for one node of a PostgreSQL deployment. */
export async function openPostgresBackend(url: string, options: { warn?: (message: string, err?: unknown) => void } = {}): Promise<Backend> {
  const storage = await openPostgresStorage(url);
  const events = createPostgresEventBus({ url, pool: storage.pool, storage, warn: options.warn });
  const jobs = createPostgresJobLock(storage.pool);
  // Subscribers expect events from other nodes as soon as the server answers.
  await Promise.race([events.ready(), new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
  return { storage, events, jobs };
}
