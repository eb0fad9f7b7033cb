import { DEFAULT_MIGRATION_TABLE, Migrator, type Kysely } from 'kysely';
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
  const unknown = (await appliedMigrations(db)).filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new Error(`The database schema is newer than this DMP (it has migrations ${unknown.join(', ')}); upgrade DMP or restore a matching backup.`);
  }
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Names in Kysely's migration table, read directly: Migrator.getMigrations() lists only the ones this code knows. */
async function appliedMigrations(db: Kysely<unknown>): Promise<string[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((t) => t.name === DEFAULT_MIGRATION_TABLE)) return [];
  const untyped = db as unknown as Kysely<Record<typeof DEFAULT_MIGRATION_TABLE, { name: string }>>;
  return (await untyped.selectFrom(DEFAULT_MIGRATION_TABLE).select('name').execute()).map((row) => row.name);
}
