import { sql, type Kysely } from 'kysely';

/**
 * Device counts per (domain, authState), kept in step with the devices table by the device
 * repository in the same transaction as each write: the Devices Table's `total` and filter chips
 * then cost one indexed row read instead of counting a million rows.
 */
export const deviceCounts = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('device_counts')
      .addColumn('domain', 'text', (c) => c.notNull())
      .addColumn('auth_state', 'text', (c) => c.notNull())
      .addColumn('n', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('device_counts_pk', ['domain', 'auth_state'])
      .execute();
    await sql`insert into device_counts (domain, auth_state, n) select domain, auth_state, count(*) from devices group by domain, auth_state`.execute(db);
  },
};
