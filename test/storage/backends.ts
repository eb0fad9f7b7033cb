import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Storage } from '../../src/core/ports.js';
import type { DeviceRecord, DomainRecord } from '../../src/core/records.js';
import { openPostgresStorage } from '../../src/storage/postgres/postgres-storage.js';
import { openSqliteStorage } from '../../src/storage/sqlite/sqlite-storage.js';
import { createTestDatabase, DEFAULT_TEST_POSTGRES_URL, isPostgresReachable } from '../helpers/postgres-database.js';

/**
 * Every storage backend the suite runs against. DMP_TEST_BACKENDS=sqlite (or postgres) picks a
 * subset. PostgreSQL is skipped only when no server answers, and never under CI, where a missing
 * server is an error rather than a silent pass.
 */
export interface BackendUnderTest {
  name: 'sqlite' | 'postgres';
  /** Why this backend is skipped here, if it is. */
  skip: string | false;
  /** A fresh, migrated, empty storage; `cleanup` closes and deletes it. `url` for PostgreSQL. */
  open(): Promise<OpenedStorage>;
}

export interface OpenedStorage {
  storage: Storage;
  url?: string;
  cleanup(): Promise<void>;
}

const wanted = (process.env.DMP_TEST_BACKENDS ?? 'sqlite,postgres').split(',').map((s) => s.trim());
export const postgresServerUrl = process.env.DMP_TEST_DATABASE_URL ?? DEFAULT_TEST_POSTGRES_URL;

async function postgresSkip(): Promise<string | false> {
  if (!wanted.includes('postgres')) return 'not in DMP_TEST_BACKENDS';
  if (await isPostgresReachable(postgresServerUrl)) return false;
  if (process.env.CI) throw new Error(`PostgreSQL is not reachable at ${postgresServerUrl}, and CI must test it.`);
  return `no PostgreSQL at ${postgresServerUrl}`;
}

export const BACKENDS: BackendUnderTest[] = [
  {
    name: 'sqlite',
    skip: wanted.includes('sqlite') ? false : 'not in DMP_TEST_BACKENDS',
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'dmp-storage-'));
      const storage = await openSqliteStorage(dir);
      return {
        storage,
        async cleanup() {
          await storage.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'postgres',
    skip: await postgresSkip(),
    async open() {
      const database = await createTestDatabase(postgresServerUrl);
      const storage = await openPostgresStorage(database.url, { poolMax: 10 });
      return {
        storage,
        url: database.url,
        async cleanup() {
          await storage.close();
          await database.drop();
        },
      };
    },
  },
];

export const domainRecord = (slug: string, now = Date.now()): DomainRecord => ({ slug, name: slug, reenrollWindowSeconds: 86400, checkinIntervalSeconds: 60, createdAt: now });

export function deviceRecord(domain: string, deviceId: string, overrides: Partial<DeviceRecord> = {}): DeviceRecord {
  const now = Date.now();
  return {
    domain,
    deviceId,
    authState: 'ok',
    name: null,
    model: null,
    os: null,
    osVersion: null,
    agentVersion: null,
    tokenHash: `hash-of-${deviceId}`,
    tokenIssuedAt: now,
    resetTokenHash: null,
    enrolledAt: now,
    enrolledWithKeyId: null,
    lastSeenAt: now,
    lastSeenIp: null,
    lastResetAt: null,
    lastResetBy: null,
    reenrollWindowEndsAt: null,
    refusedEnrollments: null,
    invalidTokens: null,
    version: 1,
    ...overrides,
  };
}

/** Byte-order comparison, the order Device IDs must come back in. */
export const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));
