import type { Kysely } from 'kysely';

/** Indexes for filters that otherwise scan a whole domain: audit by user, devices by state and enrolment time. */
export const filterIndexes = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.createIndex('audit_domain_actor_at').on('audit_log').columns(['domain', 'actor_email', 'at', 'id']).execute();
    await db.schema.createIndex('audit_domain_actor_device_at').on('audit_log').columns(['domain', 'actor_device_id', 'at', 'id']).execute();
    await db.schema.createIndex('devices_state_enrolled').on('devices').columns(['domain', 'auth_state', 'enrolled_at', 'device_id']).execute();
  },
};
