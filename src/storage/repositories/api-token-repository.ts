import type { Kysely, Selectable } from 'kysely';
import type { ApiTokenRepository } from '../../core/ports.js';
import type { ApiTokenRecord } from '../../core/records.js';
import type { ApiTokensTable, DB } from '../schema.js';

const toRecord = (row: Selectable<ApiTokensTable>): ApiTokenRecord => ({
  id: row.id,
  userId: row.user_id,
  name: row.name,
  tokenHash: row.token_hash,
  createdAt: Number(row.created_at),
  lastUsedAt: row.last_used_at === null ? null : Number(row.last_used_at),
  revokedAt: row.revoked_at === null ? null : Number(row.revoked_at),
});

export function apiTokenRepository(db: Kysely<DB>): ApiTokenRepository {
  return {
    async insert(t) {
      await db
        .insertInto('api_tokens')
        .values({ id: t.id, user_id: t.userId, name: t.name, token_hash: t.tokenHash, created_at: t.createdAt, last_used_at: t.lastUsedAt, revoked_at: t.revokedAt })
        .execute();
    },
    async findByHash(tokenHash) {
      const row = await db.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
      return row && toRecord(row);
    },
    async listByUser(userId) {
      return (await db.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').execute()).map(toRecord);
    },
    async revoke(userId, id, at) {
      const result = await db
        .updateTable('api_tokens')
        .set({ revoked_at: at })
        .where('user_id', '=', userId)
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async touch(id, at) {
      await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
    },
  };
}
