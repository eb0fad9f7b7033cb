import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AgentState, type StateStore } from './agent-state.js';
import { readFileIfExists } from './read-file-if-exists.js';
import { writeFileAtomic } from './write-file-atomic.js';

/**
 * The state file holds the device's auth token, so only its owner may read it (0600), and it is
 * replaced atomically (writeFileAtomic): a crash never leaves a half-written file.
 */
export function createFileStateStore(filePath: string): StateStore {
  return {
    load: () => readStateFile(filePath),
    save: (state) => writeStateFile(filePath, state),
  };
}

/** `--state-file`, else `DMP_AGENT_STATE`, else a per-system or per-user default. */
export function defaultStateFilePath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DMP_AGENT_STATE) return env.DMP_AGENT_STATE;
  if (process.getuid?.() === 0) return '/var/lib/dmp-agent/state.json';
  const stateHome = env.XDG_STATE_HOME || path.join(os.homedir(), '.local', 'state');
  return path.join(stateHome, 'dmp-agent', 'state.json');
}

export async function readStateFile(filePath: string): Promise<AgentState | undefined> {
  const text = await readFileIfExists(filePath);
  if (text === undefined) return undefined;
  // Someone widened the permissions by hand: narrow them again before anything else.
  const stat = await fs.stat(filePath);
  if ((stat.mode & 0o077) !== 0) await fs.chmod(filePath, 0o600);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`The state file ${filePath} is not valid JSON; move it away and enroll again.`);
  }
  const parsed = AgentState.safeParse(json);
  if (!parsed.success) throw new Error(`The state file ${filePath} is not a dmp-agent state file; move it away and enroll again.`);
  return parsed.data;
}

/** Atomic and 0600: see writeFileAtomic. */
export async function writeStateFile(filePath: string, state: AgentState): Promise<void> {
  await writeFileAtomic(filePath, `${JSON.stringify(state, null, 2)}\n`);
}
