import { sql, type Kysely } from 'kysely';
import type { RateLimitRepository } from '../../core/ports.js';
import type { DB } from '../schema.js';

export function rateLimitRepository(db: Kysely<DB>): RateLimitRepository {
  return {
    async hit(key, windowStart, expiresAt) {
      // One statement, so concurrent hits on several nodes add up instead of overwriting each other.
      const row = await db
        .insertInto('rate_limits')
        .values({ key, window_start: windowStart, expires_at: expiresAt })
        .onConflict((oc) => oc.column('key').doUpdateSet({ count: sql`rate_limits.count + 1` }))
        .returning('count')
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },
    async count(key) {
      const row = await db.selectFrom('rate_limits').select('count').where('key', '=', key).executeTakeFirst();
      return row ? Number(row.count) : 0;
    },
    async prune(now) {
      const result = await db.deleteFrom('rate_limits').where('expires_at', '<=', now).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
