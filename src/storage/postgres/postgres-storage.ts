import type { Storage } from '../../core/ports.js';

/** PostgreSQL backend: see issue 5. */
export async function openPostgresStorage(_url: string): Promise<Storage> {
  throw new Error('PostgreSQL support is not built yet; unset DATABASE_URL to use the embedded SQLite database.');
}
