import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatEnrollmentString } from '../../src/contract/enrollment-string.js';
import { createDomain, type DomainFixture } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { ensureBuilt } from './build-once.js';
import { runBin } from './run-bin.js';

// The "done when", end to end: the real dmp-agent and dmp binaries against a real server.
let server: TestServer;
let fixture: DomainFixture;
let tmp: string;
let cliEnv: Record<string, string>;

beforeAll(async () => {
  ensureBuilt();
  server = await startTestServer();
  fixture = await createDomain(server);
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'dmp-agent-e2e-'));
  const created = await fixture.admin.request('POST', '/api/v1/auth/api-tokens', { name: 'agent e2e' });
  expect(created.status).toBe(201);
  cliEnv = { DMP_CONFIG: path.join(tmp, 'dmp-config.json') };
  const login = await runBin('dmp', ['login', '--server', server.url, '--token', created.body.token, '--domain', fixture.domain], { env: cliEnv });
  expect(login.code, login.output).toBe(0);
});

afterAll(async () => {
  await server?.stop();
  if (tmp) await fs.rm(tmp, { recursive: true, force: true });
});

const fast = ['--retry-min-ms', '100', '--retry-max-ms', '400'];

describe('dmp-agent against a real server', () => {
  it('enrolls, checks in, fails clearly after a wipe, and enrolls by itself after an admin reset through dmp', async () => {
    const stateFile = path.join(tmp, 'device-1', 'state.json');
    const agent = (args: string[]) => runBin('dmp-agent', ['--state-file', stateFile, ...args]);
    const target = ['--server', server.url, '--domain', fixture.domain, '--key', fixture.key, '--device-id', 'Dev-1'];

    const enrolled = await agent(['enroll', ...target]);
    expect(enrolled.code, enrolled.output).toBe(0);
    expect(enrolled.stdout).toContain('Enrolled "Dev-1"');
    expect((await fs.stat(stateFile)).mode & 0o777).toBe(0o600);

    const checkin = await agent(['run', '--once']);
    expect(checkin.code, checkin.output).toBe(0);
    const device = await fixture.admin.request('GET', `/api/v1/domains/${fixture.domain}/devices/Dev-1`);
    expect(device.body).toMatchObject({ deviceId: 'Dev-1', authState: 'ok' });
    expect(device.body.lastSeenAt).not.toBeNull();

    // The wipe: the device loses its token, and its next enrollment is refused.
    await fs.rm(stateFile);
    const refused = await agent(['enroll', ...target]);
    expect(refused.code).toBe(3);
    expect(refused.output).toContain('Registration Failed');
    expect(refused.output).toContain('"Dev-1"');
    expect(refused.output).toContain(`domain "${fixture.domain}"`);
    expect((await fixture.admin.request('GET', `/api/v1/domains/${fixture.domain}/devices/Dev-1`)).body.authState).toBe('missing');

    const status = await agent(['status']);
    expect(status.code).toBe(7);
    expect(status.stdout).toContain('Registration Failed');

    // The waiting agent, then the admin's reset through the CLI (the ID on stdin, as scripts do).
    const waiting = agent(['enroll', ...target, '--wait', '--timeout', '20s', ...fast]);
    await waitFor(async () => (await fs.readFile(stateFile, 'utf8').catch(() => '')).includes('auth_token_exists'));
    const reset = await runBin('dmp', ['devices', 'reset', '-'], { env: cliEnv, input: 'Dev-1\n' });
    expect(reset.code, reset.output).toBe(0);
    expect(reset.stdout).toContain('reset   Dev-1');

    const waited = await waiting;
    expect(waited.code, waited.output).toBe(0);
    expect(waited.output).toContain('Registration Failed');
    expect(waited.stdout).toContain('First check-in ok');
    expect((await fs.stat(stateFile)).mode & 0o777).toBe(0o600);
    const after = await fixture.admin.request('GET', `/api/v1/domains/${fixture.domain}/devices/Dev-1`);
    expect(after.body.authState).toBe('ok');
    expect(Date.parse(after.body.lastSeenAt)).toBeGreaterThanOrEqual(Date.parse(after.body.tokenIssuedAt));
    expect((await agent(['run', '--once'])).code).toBe(0);

    const audit = await runBin('dmp', ['audit', '--device-id', 'Dev-1', '--json'], { env: cliEnv });
    expect(audit.code).toBe(0);
    const actions = (JSON.parse(audit.stdout) as { items: Array<{ action: string }> }).items.map((e) => e.action);
    expect(actions).toContain('device.auth_token_reset');
    expect(actions).toContain('device.enrollment_refused');
  });

  it('treats Device IDs byte for byte: "dev-1" is another device than "Dev-1"', async () => {
    const stateFile = path.join(tmp, 'lower', 'state.json');
    const enrollmentString = formatEnrollmentString({ server: server.url, domain: fixture.domain, key: fixture.key });
    // The enrollment string of the console's QR code, on stdin.
    const result = await runBin('dmp-agent', ['enroll', '-', '--device-id', 'dev-1'], { env: { DMP_AGENT_STATE: stateFile }, input: `${enrollmentString}\n` });
    expect(result.code, result.output).toBe(0);
    const list = await runBin('dmp', ['devices', 'list', '--prefix', 'dev-', '--json'], { env: cliEnv });
    expect((JSON.parse(list.stdout) as { items: Array<{ deviceId: string }> }).items.map((d) => d.deviceId)).toEqual(['dev-1']);
  });

  it('says so, with exit 4, when the enrollment key is wrong', async () => {
    const result = await runBin('dmp-agent', ['--state-file', path.join(tmp, 'k', 's.json'), 'enroll', '--server', server.url, '--domain', fixture.domain, '--key', 'dmpk_wrong', '--device-id', 'K-1']);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('enrollment key is not valid');
  });

  it('dmp login --email creates an API token, and logout revokes it', async () => {
    const env = { DMP_CONFIG: path.join(tmp, 'password-login.json') };
    const login = await runBin('dmp', ['login', '--server', server.url, '--email', server.admin.email, '--password-stdin'], { env, input: `${server.admin.password}\n` });
    expect(login.code, login.output).toBe(0);
    expect((await fs.stat(env.DMP_CONFIG)).mode & 0o777).toBe(0o600);
    const token = (JSON.parse(await fs.readFile(env.DMP_CONFIG, 'utf8')) as { token: string }).token;
    const whoami = await runBin('dmp', ['whoami', '--json'], { env });
    expect(JSON.parse(whoami.stdout)).toMatchObject({ user: { email: server.admin.email } });
    expect((await runBin('dmp', ['logout'], { env })).code).toBe(0);
    // The revoked token no longer works, even when given directly.
    expect((await runBin('dmp', ['whoami'], { env: { DMP_SERVER: server.url, DMP_TOKEN: token, DMP_CONFIG: env.DMP_CONFIG } })).code).toBe(3);
  });

  it('dmp answers 5 for a device that does not exist, and 3 without a token', async () => {
    expect((await runBin('dmp', ['devices', 'show', 'No-Such-Device'], { env: cliEnv })).code).toBe(5);
    expect((await runBin('dmp', ['devices', 'list'], { env: { DMP_CONFIG: path.join(tmp, 'none.json') } })).code).toBe(3);
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
