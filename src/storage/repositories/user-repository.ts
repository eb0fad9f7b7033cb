import type { Kysely, Selectable } from 'kysely';
import type { Role } from '../../contract/common.js';
import type { UserRepository } from '../../core/ports.js';
import type { MembershipRecord, UserRecord } from '../../core/records.js';
import type { DB, MembershipsTable, UsersTable } from '../schema.js';

const toUser = (row: Selectable<UsersTable>): UserRecord => ({
  id: row.id,
  email: row.email,
  passwordHash: row.password_hash,
  isPlatformAdmin: Number(row.is_platform_admin) === 1,
  createdAt: Number(row.created_at),
});
const toMembership = (row: Selectable<MembershipsTable>): MembershipRecord => ({ userId: row.user_id, domain: row.domain, role: row.role as Role });

export function userRepository(db: Kysely<DB>): UserRepository {
  return {
    async get(id) {
      const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toUser(row);
    },
    async findByEmail(email) {
      const row = await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
      return row && toUser(row);
    },
    async list() {
      return (await db.selectFrom('users').selectAll().orderBy('email').execute()).map(toUser);
    },
    async listByDomain(domain) {
      const rows = await db
        .selectFrom('users')
        .innerJoin('memberships', 'memberships.user_id', 'users.id')
        .selectAll('users')
        .where('memberships.domain', '=', domain)
        .orderBy('users.email')
        .execute();
      return rows.map(toUser);
    },
    async count() {
      const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async insert(u) {
      const result = await db
        .insertInto('users')
        .values({ id: u.id, email: u.email, password_hash: u.passwordHash, is_platform_admin: u.isPlatformAdmin ? 1 : 0, created_at: u.createdAt })
        .onConflict((oc) => oc.column('email').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
    },
    async memberships(userId) {
      return (await db.selectFrom('memberships').selectAll().where('user_id', '=', userId).orderBy('domain').execute()).map(toMembership);
    },
    async membershipsOf(userIds) {
      if (userIds.length === 0) return [];
      return (await db.selectFrom('memberships').selectAll().where('user_id', 'in', userIds).orderBy('domain').execute()).map(toMembership);
    },
    async setMembership(m) {
      await db
        .insertInto('memberships')
        .values({ user_id: m.userId, domain: m.domain, role: m.role })
        .onConflict((oc) => oc.columns(['user_id', 'domain']).doUpdateSet({ role: m.role }))
        .execute();
    },
    async removeMembership(userId, domain) {
      const result = await db.deleteFrom('memberships').where('user_id', '=', userId).where('domain', '=', domain).executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
  };
}
