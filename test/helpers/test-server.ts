import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../src/server.js';
import { createTestDatabase, type TestDatabase } from './postgres-database.js';

export interface TestServer {
  url: string;
  admin: { email: string; password: string };
  dataDir: string;
  server: RunningServer;
  /** Stops the server; the data directory is removed unless it was passed in. */
  stop(): Promise<void>;
}

export const TEST_ADMIN = { email: 'admin@example.test', password: 'correct horse battery staple' };

/**
 * A real DMP server in this process on a random port, on a fresh SQLite data directory (or the
 * one passed in, to test restarts). DMP_TEST_DATABASE_URL selects PostgreSQL instead: each
 * server gets a database of its own next to that one (the same one again for the same dataDir).
 */
export async function startTestServer(options: { dataDir?: string; env?: Record<string, string> } = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'dmp-test-'));
  let database: TestDatabase | undefined;
  if (!options.env?.DATABASE_URL && process.env.DMP_TEST_DATABASE_URL) {
    database = await createTestDatabase(process.env.DMP_TEST_DATABASE_URL, options.dataDir);
  }
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    databaseUrl: options.env?.DATABASE_URL ?? database?.url,
    adminEmail: TEST_ADMIN.email,
    adminPassword: TEST_ADMIN.password,
    trustProxy: options.env?.DMP_TRUST_PROXY,
    publicUrl: options.env?.DMP_PUBLIC_URL,
    logLevel: process.env.DMP_TEST_LOG_LEVEL ?? 'silent',
  }, { sseHeartbeatMs: 300 });
  return {
    url: server.url,
    admin: TEST_ADMIN,
    dataDir,
    server,
    async stop() {
      await server.close();
      if (!options.dataDir) {
        rmSync(dataDir, { recursive: true, force: true });
        await database?.drop();
      }
    },
  };
}
