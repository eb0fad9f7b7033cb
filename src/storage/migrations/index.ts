import type { Migration, MigrationProvider } from 'kysely';
import type { DialectFeatures } from '../dialect-features.js';
import { initialSchema } from './001-initial.js';
import { deviceCounts } from './002-device-counts.js';
import { filterIndexes } from './003-filter-indexes.js';

/** Every migration, in order, for both backends. Names sort in the order they run. */
export function migrationProvider(features: DialectFeatures): MigrationProvider {
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      return {
        '001-initial': initialSchema(features),
        '002-device-counts': deviceCounts,
        '003-filter-indexes': filterIndexes,
      };
    },
  };
}
