import type { ServerConfig } from './config.js';
import { createInProcessEventBus } from './core/in-process-event-bus.js';
import type { EventBus, Storage } from './core/ports.js';
import { createServices, type Services } from './core/services.js';
import { buildApp } from './http/app.js';
import { openStorage } from './storage/storage.js';

export { loadConfig, type ServerConfig } from './config.js';

// Housekeeping: expired sessions and spent rate-limit windows.
const HOUSEKEEPING_MS = 10 * 60_000;

export interface RunningServer {
  url: string;
  services: Services;
  /** The platform admin created at this start, if any (the password is printed once). */
  bootstrapAdmin: { email: string; password: string; generated: boolean } | null;
  close(): Promise<void>;
}

/** Opens storage, bootstraps the first admin, and serves everything on config.host:config.port. */
export async function startServer(config: ServerConfig, options: { consoleDir?: string } = {}): Promise<RunningServer> {
  const storage: Storage = await openStorage({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  const events: EventBus = createInProcessEventBus();
  const services = createServices({ storage, events });
  const bootstrapAdmin = await services.adminAuth.bootstrapAdmin(config.adminEmail, config.adminPassword);
  const app = await buildApp({ services, publicUrl: config.publicUrl, trustProxy: config.trustProxy, logLevel: config.logLevel, consoleDir: options.consoleDir });
  const housekeeping = setInterval(() => {
    void Promise.all([services.adminAuth.pruneSessions(), services.failures.prune()]).catch((err: unknown) => app.log.warn({ err }, 'housekeeping failed'));
  }, HOUSEKEEPING_MS);
  housekeeping.unref();

  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  return {
    url: `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`,
    services,
    bootstrapAdmin,
    async close() {
      clearInterval(housekeeping);
      await app.close();
      await events.close();
      await storage.close();
    },
  };
}
