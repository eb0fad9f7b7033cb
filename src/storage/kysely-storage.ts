import { sql, type Kysely } from 'kysely';
import type { Storage } from '../core/ports.js';
import { apiTokenRepository } from './repositories/api-token-repository.js';
import { auditRepository } from './repositories/audit-repository.js';
import { deviceRepository } from './repositories/device-repository.js';
import { domainRepository } from './repositories/domain-repository.js';
import { enrollmentKeyRepository } from './repositories/enrollment-key-repository.js';
import { rateLimitRepository } from './repositories/rate-limit-repository.js';
import { sessionRepository } from './repositories/session-repository.js';
import { userRepository } from './repositories/user-repository.js';
import type { DialectFeatures } from './dialect-features.js';
import type { DB } from './schema.js';

/** The Storage port over one Kysely instance: the same queries for SQLite and PostgreSQL. */
export function createKyselyStorage(
  db: Kysely<DB>,
  dialect: Storage['dialect'],
  features: DialectFeatures,
  options: { inTransaction?: boolean; close?: () => Promise<void> } = {},
): Storage {
  const storage: Storage = {
    dialect,
    domains: domainRepository(db),
    devices: deviceRepository(db, { lockRowsOnRead: options.inTransaction === true && features.rowLocks }),
    enrollmentKeys: enrollmentKeyRepository(db),
    users: userRepository(db),
    sessions: sessionRepository(db),
    apiTokens: apiTokenRepository(db),
    audit: auditRepository(db),
    rateLimits: rateLimitRepository(db),
    async transaction(work) {
      // Already inside one: the outer transaction covers this work too.
      if (options.inTransaction) return work(storage);
      return db.transaction().execute((trx) => work(createKyselyStorage(trx, dialect, features, { inTransaction: true })));
    },
    async ping() {
      await sql`select 1`.execute(db);
    },
    async close() {
      if (options.close) await options.close();
      else await db.destroy();
    },
  };
  return storage;
}
