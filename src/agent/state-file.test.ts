import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newAgentState } from './agent-state.js';
import { createFileStateStore, defaultStateFilePath, readStateFile, writeStateFile } from './state-file.js';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dmp-state-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const state = { ...newAgentState({ server: 'http://x', domain: 'acme', deviceId: 'Dev-1', enrollmentKey: 'k' }), token: 't0', phase: 'enrolled' as const };

describe('state file', () => {
  it('is created with mode 0600 in a 0700 directory it creates', async () => {
    const file = path.join(dir, 'nested', 'state.json');
    await writeStateFile(file, state);
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
    expect((await fs.stat(path.dirname(file))).mode & 0o777).toBe(0o700);
  });

  it('reads back what was written, Device ID byte for byte', async () => {
    const file = path.join(dir, 'state.json');
    await writeStateFile(file, state);
    expect(await readStateFile(file)).toEqual(state);
  });

  it('replaces the old file whole and leaves no temporary files behind', async () => {
    const file = path.join(dir, 'state.json');
    const store = createFileStateStore(file);
    await store.save(state);
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.save({ ...state, token: `t${i}` })));
    expect((await store.load())?.token).toMatch(/^t\d+$/);
    expect(await fs.readdir(dir)).toEqual(['state.json']);
  });

  it('keeps mode 0600 when it replaces a file someone widened', async () => {
    const file = path.join(dir, 'state.json');
    await writeStateFile(file, state);
    await fs.chmod(file, 0o644);
    await writeStateFile(file, { ...state, token: 't1' });
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
  });

  it('narrows a widened file when reading it', async () => {
    const file = path.join(dir, 'state.json');
    await writeStateFile(file, state);
    await fs.chmod(file, 0o644);
    await readStateFile(file);
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
  });

  it('reports no state for a missing file', async () => {
    expect(await readStateFile(path.join(dir, 'absent.json'))).toBeUndefined();
  });

  it('refuses a file that is not a state file, saying which', async () => {
    const file = path.join(dir, 'state.json');
    await fs.writeFile(file, '{"hello": 1}', { mode: 0o600 });
    await expect(readStateFile(file)).rejects.toThrow(file);
    await fs.writeFile(file, '{half', { mode: 0o600 });
    await expect(readStateFile(file)).rejects.toThrow(/not valid JSON/);
  });

  it('takes DMP_AGENT_STATE as the default path', () => {
    expect(defaultStateFilePath({ DMP_AGENT_STATE: '/tmp/x.json' })).toBe('/tmp/x.json');
  });
});
