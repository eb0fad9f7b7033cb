import type { Kysely, Selectable } from 'kysely';
import type { DomainRepository } from '../../core/ports.js';
import type { DomainRecord } from '../../core/records.js';
import type { DB, DomainsTable } from '../schema.js';

const toRecord = (row: Selectable<DomainsTable>): DomainRecord => ({
  slug: row.slug,
  name: row.name,
  reenrollWindowSeconds: Number(row.reenroll_window_seconds),
  checkinIntervalSeconds: Number(row.checkin_interval_seconds),
  createdAt: Number(row.created_at),
});

export function domainRepository(db: Kysely<DB>): DomainRepository {
  const get = async (slug: string) => {
    const row = await db.selectFrom('domains').selectAll().where('slug', '=', slug).executeTakeFirst();
    return row && toRecord(row);
  };
  return {
    get,
    async list() {
      return (await db.selectFrom('domains').selectAll().orderBy('slug').execute()).map(toRecord);
    },
    async insert(d) {
      const result = await db
        .insertInto('domains')
        .values({ slug: d.slug, name: d.name, reenroll_window_seconds: d.reenrollWindowSeconds, checkin_interval_seconds: d.checkinIntervalSeconds, created_at: d.createdAt })
        .onConflict((oc) => oc.column('slug').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
    },
    async update(slug, patch) {
      const set = {
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.reenrollWindowSeconds !== undefined && { reenroll_window_seconds: patch.reenrollWindowSeconds }),
        ...(patch.checkinIntervalSeconds !== undefined && { checkin_interval_seconds: patch.checkinIntervalSeconds }),
      };
      if (Object.keys(set).length > 0) await db.updateTable('domains').set(set).where('slug', '=', slug).execute();
      return get(slug);
    },
  };
}
