import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { readFileIfExists } from '../agent/read-file-if-exists.js';
import { writeFileAtomic } from '../agent/write-file-atomic.js';

/** What `dmp login` remembers: the server and an admin API token (so the file is 0600). */
export const CliConfig = z.object({
  server: z.string(),
  token: z.string(),
  /** The token's id, so `dmp logout` can revoke it. */
  tokenId: z.string().nullable().default(null),
  email: z.string().nullable().default(null),
  /** Used when --domain is not given. */
  domain: z.string().nullable().default(null),
});
export type CliConfig = z.infer<typeof CliConfig>;

export function defaultConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DMP_CONFIG) return env.DMP_CONFIG;
  const configHome = env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
  return path.join(configHome, 'dmp', 'config.json');
}

export async function readCliConfig(filePath: string): Promise<CliConfig | undefined> {
  const text = await readFileIfExists(filePath);
  if (text === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = CliConfig.safeParse(json);
  if (!parsed.success) throw new Error(`${filePath} is not a dmp config file; run dmp login again.`);
  return parsed.data;
}

export async function writeCliConfig(filePath: string, config: CliConfig): Promise<void> {
  await writeFileAtomic(filePath, `${JSON.stringify(config, null, 2)}\n`);
}

export async function removeCliConfig(filePath: string): Promise<void> {
  await fs.rm(filePath, { force: true });
}
