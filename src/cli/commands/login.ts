import os from 'node:os';
import { Me } from '../../contract/admin.js';
import { createAdminClient, createTokenWithPassword } from '../admin-client.js';
import { defaultConfigPath, readCliConfig, removeCliConfig, writeCliConfig } from '../cli-config.js';
import { printJson, UsageError } from '../cli-context.js';
import { CLI_EXIT } from '../exit-codes.js';
import { readSecret } from '../read-secret.js';

export interface LoginOptions {
  config?: string;
  server?: string;
  token?: string;
  email?: string;
  password?: string;
  passwordStdin?: boolean;
  domain?: string;
  json?: boolean;
}

/**
 * `dmp login --server URL --token T` checks and keeps an existing admin API token;
 * `--email E` signs in with the password (prompt, --password-stdin or DMP_PASSWORD) and creates one.
 */
export async function loginCommand(options: LoginOptions, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const server = (options.server ?? env.DMP_SERVER)?.replace(/\/+$/, '');
  if (!server) throw new UsageError('Pass --server URL (or set DMP_SERVER).');
  const configPath = options.config ?? defaultConfigPath(env);
  let token = options.token ?? (options.email ? undefined : env.DMP_TOKEN);
  let tokenId: string | null = null;
  let me;
  if (token) {
    me = await createAdminClient(server, token).request('GET', '/api/v1/auth/me', Me);
  } else if (options.email) {
    const password = options.password ?? env.DMP_PASSWORD ?? (await readSecret('Password: ', Boolean(options.passwordStdin)));
    const created = await createTokenWithPassword(server, options.email, password, `dmp CLI on ${os.hostname()}`.slice(0, 100));
    token = created.token.token;
    tokenId = created.token.id;
    me = created.me;
  } else {
    throw new UsageError('Pass --token TOKEN (an admin API token) or --email EMAIL.');
  }
  const domains = me.user.memberships.map((m) => m.domain);
  const domain = options.domain ?? (domains.length === 1 ? domains[0]! : null);
  await writeCliConfig(configPath, { server, token, tokenId, email: me.user.email, domain });
  if (options.json) printJson({ server, email: me.user.email, domain, configPath, createdToken: tokenId !== null });
  else console.log(`Signed in to ${server} as ${me.user.email}${domain ? `; domain ${domain}` : ''}. Token kept in ${configPath} (mode 0600).`);
  return CLI_EXIT.ok;
}

/** Forgets the token; revokes it on the server when this CLI created it. */
export async function logoutCommand(options: { config?: string }, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const configPath = options.config ?? defaultConfigPath(env);
  const config = await readCliConfig(configPath);
  if (!config) {
    console.log('Not signed in.');
    return CLI_EXIT.ok;
  }
  if (config.tokenId) {
    await createAdminClient(config.server, config.token)
      .send('DELETE', `/api/v1/auth/api-tokens/${encodeURIComponent(config.tokenId)}`)
      .catch((error: Error) => console.error(`Could not revoke the API token on the server (${error.message}); revoke it in the console.`));
  }
  await removeCliConfig(configPath);
  console.log(`Signed out of ${config.server}.`);
  return CLI_EXIT.ok;
}
