import { Migrator, type Kysely } from 'kysely';
import type { DialectFeatures } from './dialect-features.js';
import { migrationProvider } from './migrations/index.js';

/**
 * Brings the schema up to date at start-up. Refuses to run against a database that a newer
 * DMP has migrated further than this code knows, instead of guessing.
 */
export async function migrateToLatest(db: Kysely<unknown>, features: DialectFeatures): Promise<string[]> {
  const provider = migrationProvider(features);
  const known = new Set(Object.keys(await provider.getMigrations()));
  const migrator = new Migrator({ db, provider });
  const applied = (await migrator.getMigrations()).filter((m) => m.executedAt !== undefined).map((m) => m.name);
  const unknown = applied.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new Error(`The database schema is newer than this DMP (it has migrations ${unknown.join(', ')}); upgrade DMP or restore a matching backup.`);
  }
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
