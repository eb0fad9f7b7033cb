import { sql, type Kysely, type Selectable } from 'kysely';
import type { EnrollmentKeyRepository } from '../../core/ports.js';
import type { EnrollmentKeyRecord } from '../../core/records.js';
import type { DB, EnrollmentKeysTable } from '../schema.js';

const num = (v: number | null) => (v === null ? null : Number(v));

const toRecord = (row: Selectable<EnrollmentKeysTable>): EnrollmentKeyRecord => ({
  id: row.id,
  domain: row.domain,
  label: row.label,
  keyHash: row.key_hash,
  prefix: row.prefix,
  createdAt: Number(row.created_at),
  createdBy: row.created_by,
  expiresAt: num(row.expires_at),
  maxUses: num(row.max_uses),
  uses: Number(row.uses),
  lastUsedAt: num(row.last_used_at),
  lastUsedDeviceId: row.last_used_device_id,
  revokedAt: num(row.revoked_at),
});

export function enrollmentKeyRepository(db: Kysely<DB>): EnrollmentKeyRepository {
  return {
    async insert(k) {
      await db
        .insertInto('enrollment_keys')
        .values({
          id: k.id, domain: k.domain, label: k.label, key_hash: k.keyHash, prefix: k.prefix, created_at: k.createdAt,
          created_by: k.createdBy, expires_at: k.expiresAt, max_uses: k.maxUses, uses: k.uses,
          last_used_at: k.lastUsedAt, last_used_device_id: k.lastUsedDeviceId, revoked_at: k.revokedAt,
        })
        .execute();
    },
    async list(domain) {
      return (await db.selectFrom('enrollment_keys').selectAll().where('domain', '=', domain).orderBy('created_at', 'desc').execute()).map(toRecord);
    },
    async get(domain, id) {
      const row = await db.selectFrom('enrollment_keys').selectAll().where('domain', '=', domain).where('id', '=', id).executeTakeFirst();
      return row && toRecord(row);
    },
    async findByHash(keyHash) {
      const row = await db.selectFrom('enrollment_keys').selectAll().where('key_hash', '=', keyHash).executeTakeFirst();
      return row && toRecord(row);
    },
    async revoke(domain, id, at) {
      const result = await db
        .updateTable('enrollment_keys')
        .set({ revoked_at: at })
        .where('domain', '=', domain)
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async consumeUse(id, at, deviceId) {
      // Compare-and-set: two racing enrollments can never both take a key's last use.
      const result = await db
        .updateTable('enrollment_keys')
        .set({ uses: sql`uses + 1`, last_used_at: at, last_used_device_id: deviceId })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', at)]))
        .where((eb) => eb.or([eb('max_uses', 'is', null), eb('uses', '<', eb.ref('max_uses'))]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}
