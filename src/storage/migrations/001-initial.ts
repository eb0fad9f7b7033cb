import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import type { DialectFeatures } from '../dialect-features.js';

/** The first schema: domains, devices, keys, users, sessions, API tokens, audit log, rate limits. */
export function initialSchema(features: DialectFeatures) {
  // Device IDs are compared and ordered byte for byte on every backend.
  const byteOrder = (col: ColumnDefinitionBuilder) =>
    features.byteOrderCollation ? col.modifyEnd(sql`collate ${sql.raw(features.byteOrderCollation)}`) : col;

  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('domains')
        .addColumn('slug', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('reenroll_window_seconds', 'integer', (c) => c.notNull())
        .addColumn('checkin_interval_seconds', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('devices')
        .addColumn('domain', 'text', (c) => c.notNull().references('domains.slug'))
        .addColumn('device_id', 'text', (c) => byteOrder(c.notNull()))
        .addColumn('auth_state', 'text', (c) => c.notNull())
        .addColumn('name', 'text')
        .addColumn('model', 'text')
        .addColumn('os', 'text')
        .addColumn('os_version', 'text')
        .addColumn('agent_version', 'text')
        .addColumn('token_hash', 'text')
        .addColumn('token_issued_at', 'bigint')
        .addColumn('reset_token_hash', 'text')
        .addColumn('enrolled_at', 'bigint', (c) => c.notNull())
        .addColumn('enrolled_with_key_id', 'text')
        .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
        .addColumn('last_seen_ip', 'text')
        .addColumn('last_reset_at', 'bigint')
        .addColumn('last_reset_by', 'text')
        .addColumn('reenroll_window_ends_at', 'bigint')
        .addColumn('refused_enrollments', 'text')
        .addColumn('invalid_tokens', 'text')
        .addColumn('version', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('devices_pk', ['domain', 'device_id'])
        .execute();
      // Keyset pages for every filter and sort of the Devices Table, answered from an index.
      await db.schema.createIndex('devices_state_id').on('devices').columns(['domain', 'auth_state', 'device_id']).execute();
      await db.schema.createIndex('devices_seen').on('devices').columns(['domain', 'last_seen_at', 'device_id']).execute();
      await db.schema.createIndex('devices_state_seen').on('devices').columns(['domain', 'auth_state', 'last_seen_at', 'device_id']).execute();
      await db.schema.createIndex('devices_enrolled').on('devices').columns(['domain', 'enrolled_at', 'device_id']).execute();

      await db.schema
        .createTable('enrollment_keys')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('domain', 'text', (c) => c.notNull().references('domains.slug'))
        .addColumn('label', 'text')
        .addColumn('key_hash', 'text', (c) => c.notNull().unique())
        .addColumn('prefix', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('expires_at', 'bigint')
        .addColumn('max_uses', 'integer')
        .addColumn('uses', 'integer', (c) => c.notNull())
        .addColumn('last_used_at', 'bigint')
        .addColumn('last_used_device_id', 'text')
        .addColumn('revoked_at', 'bigint')
        .execute();
      await db.schema.createIndex('enrollment_keys_domain').on('enrollment_keys').columns(['domain', 'created_at']).execute();

      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('is_platform_admin', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('memberships')
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('domain', 'text', (c) => c.notNull().references('domains.slug'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('memberships_pk', ['user_id', 'domain'])
        .execute();
      await db.schema.createIndex('memberships_domain').on('memberships').columns(['domain']).execute();

      await db.schema
        .createTable('sessions')
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('api_tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('last_used_at', 'bigint')
        .addColumn('revoked_at', 'bigint')
        .execute();
      await db.schema.createIndex('api_tokens_user').on('api_tokens').columns(['user_id']).execute();

      await db.schema
        .createTable('audit_log')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('domain', 'text')
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('actor_type', 'text', (c) => c.notNull())
        .addColumn('actor_email', 'text')
        .addColumn('actor_device_id', 'text', (c) => byteOrder(c))
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('device_id', 'text', (c) => byteOrder(c))
        .addColumn('source_ip', 'text')
        .addColumn('details', 'text')
        .execute();
      await db.schema.createIndex('audit_domain_at').on('audit_log').columns(['domain', 'at', 'id']).execute();
      await db.schema.createIndex('audit_domain_device_at').on('audit_log').columns(['domain', 'device_id', 'at', 'id']).execute();
      await db.schema.createIndex('audit_domain_action_at').on('audit_log').columns(['domain', 'action', 'at', 'id']).execute();

      await db.schema
        .createTable('rate_limits')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('window_start', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema.createIndex('rate_limits_expiry').on('rate_limits').columns(['expires_at']).execute();
    },
  };
}
