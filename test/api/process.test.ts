import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { call } from '../helpers/admin-client.js';

// `npm start` runs dist/main.js; `npm test` builds it first.
const MAIN = new URL('../../dist/main.js', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'dmp-process-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function start(env: Record<string, string>): { child: ChildProcess; output: () => string; ready: Promise<string> } {
  const child = spawn(process.execPath, [MAIN], { env: { ...process.env, DMP_DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: '0', DMP_LOG_LEVEL: 'warn', ...env } });
  let output = '';
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /running: console and API at (\S+)/.exec(output)?.[1];
      if (url) resolve(url);
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
  });
  return { child, output: () => output, ready };
}

const exitOf = (child: ChildProcess) => new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

describe.skipIf(Boolean(process.env.DMP_TEST_DATABASE_URL))('npm start (dist/main.js)', () => {
  it('prints a random admin password once, serves, and stops cleanly on SIGTERM', async () => {
    const first = start({ DMP_ADMIN_EMAIL: '', DMP_ADMIN_PASSWORD: '' });
    const url = await first.ready;
    const password = /Password: (\S+)/.exec(first.output())?.[1];
    expect(password).toMatch(/^.{16,}$/);
    const login = await call(url, 'POST', '/api/v1/auth/login', { email: 'admin@localhost', password });
    expect(login.status).toBe(200);
    const exited = exitOf(first.child);
    first.child.kill('SIGTERM');
    expect(await exited).toBe(0);

    const second = start({ DMP_ADMIN_EMAIL: '', DMP_ADMIN_PASSWORD: '' });
    const url2 = await second.ready;
    expect(second.output()).not.toMatch(/Password:/);
    expect((await call(url2, 'POST', '/api/v1/auth/login', { email: 'admin@localhost', password })).status).toBe(200);
    const exited2 = exitOf(second.child);
    second.child.kill('SIGTERM');
    expect(await exited2).toBe(0);
  });

  it('refuses to start with a clear message when the configuration is wrong', async () => {
    const bad = start({ PORT: 'eighty' });
    await expect(bad.ready).rejects.toThrow(/PORT must be a port number/);
  });
});
