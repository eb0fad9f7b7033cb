import { DomainList } from '../contract/admin.js';
import { AdminApiError, createAdminClient, type AdminClient } from './admin-client.js';
import { defaultConfigPath, readCliConfig } from './cli-config.js';

/** Options every command understands. */
export interface GlobalOptions {
  config?: string;
  server?: string;
  domain?: string;
  json?: boolean;
}

/** A usage mistake: printed as is, exit code 2. */
export class UsageError extends Error {}

export interface CliContext {
  client: AdminClient;
  json: boolean;
  /** The domain to act on: --domain, DMP_DOMAIN, the one from login, or the caller's only domain. */
  domain(): Promise<string>;
}

/** Server and token come from the environment (DMP_SERVER, DMP_TOKEN) or else from `dmp login`. */
export async function createCliContext(options: GlobalOptions, env: NodeJS.ProcessEnv = process.env): Promise<CliContext> {
  const configPath = options.config ?? defaultConfigPath(env);
  const config = await readCliConfig(configPath);
  const server = options.server ?? env.DMP_SERVER ?? config?.server;
  const token = env.DMP_TOKEN ?? config?.token;
  if (!server || !token) throw new AdminApiError(401, 'unauthenticated', 'Not signed in: run dmp login --server URL --token TOKEN (or --email), or set DMP_SERVER and DMP_TOKEN.');
  const client = createAdminClient(server, token);
  let domain: string | undefined = options.domain ?? env.DMP_DOMAIN ?? config?.domain ?? undefined;
  return {
    client,
    json: Boolean(options.json),
    async domain() {
      if (domain) return domain;
      const { items } = await client.request('GET', '/api/v1/domains', DomainList);
      if (items.length === 1) return (domain = items[0]!.slug);
      throw new UsageError(items.length === 0 ? 'You are not a member of any domain.' : `Pass --domain (your domains: ${items.map((d) => d.slug).join(', ')}).`);
    },
  };
}

/** A path segment: Device IDs may hold ":" and "."; encode so they never change the route. */
export function segment(value: string): string {
  return encodeURIComponent(value);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
