import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AgentState, type StateStore } from './agent-state.js';

/**
 * The state file holds the device's auth token, so only its owner may read it (0600), and it is
 * replaced atomically: written to a temporary file in the same directory, flushed, then renamed
 * over the old one. A crash leaves either the old file or the new one, never half of either.
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
  let text: string;
  try {
    text = await fs.readFile(filePath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
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

export async function writeStateFile(filePath: string, state: AgentState): Promise<void> {
  const directory = path.dirname(filePath);
  await fs.mkdir(directory, { recursive: true, mode: 0o700 });
  const temporary = path.join(directory, `.${path.basename(filePath)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  // O_EXCL: never write through a file (or symlink) someone placed at the temporary name.
  const handle = await fs.open(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(state, null, 2)}\n`);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await fs.rm(temporary, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await fs.rename(temporary, filePath);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
  await syncDirectory(directory);
}

/** Makes the rename itself durable; best effort, as some filesystems refuse to open a directory. */
async function syncDirectory(directory: string): Promise<void> {
  try {
    const handle = await fs.open(directory, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Not fatal: the file is complete either way; only its durability across power loss differs.
  }
}
