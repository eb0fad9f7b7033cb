import type { Kysely } from 'kysely';
import type { SessionRepository } from '../../core/ports.js';
import type { DB } from '../schema.js';

export function sessionRepository(db: Kysely<DB>): SessionRepository {
  return {
    async insert(s) {
      await db.insertInto('sessions').values({ id_hash: s.idHash, user_id: s.userId, created_at: s.createdAt, last_seen_at: s.lastSeenAt, expires_at: s.expiresAt }).execute();
    },
    async get(idHash) {
      const row = await db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
      return row && { idHash: row.id_hash, userId: row.user_id, createdAt: Number(row.created_at), lastSeenAt: Number(row.last_seen_at), expiresAt: Number(row.expires_at) };
    },
    async touch(idHash, lastSeenAt) {
      await db.updateTable('sessions').set({ last_seen_at: lastSeenAt }).where('id_hash', '=', idHash).execute();
    },
    async delete(idHash) {
      await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    },
    async deleteExpired(now, idleMs) {
      const result = await db
        .deleteFrom('sessions')
        .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', now - idleMs)]))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
