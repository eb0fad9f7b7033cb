/** Start-up settings, read once from the environment (see docs/configuration.md). */
export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  adminEmail?: string;
  adminPassword?: string;
  trustProxy?: string;
  publicUrl?: string;
  logLevel: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${env.PORT}".`);
  return {
    port,
    host: env.HOST || '0.0.0.0',
    dataDir: env.DMP_DATA_DIR || './data',
    databaseUrl: env.DATABASE_URL || undefined,
    adminEmail: env.DMP_ADMIN_EMAIL || undefined,
    adminPassword: env.DMP_ADMIN_PASSWORD || undefined,
    trustProxy: env.DMP_TRUST_PROXY || undefined,
    publicUrl: env.DMP_PUBLIC_URL || undefined,
    logLevel: env.DMP_LOG_LEVEL || 'info',
  };
}
