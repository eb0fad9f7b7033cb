import type { ServerConfig } from './config.js';
import { createServices, type Services } from './core/services.js';
import { buildApp } from './http/app.js';
import { openBackend } from './storage/storage.js';

export { loadConfig, type ServerConfig } from './config.js';

// Housekeeping: expired sessions and spent rate-limit windows. Every node fires at the same
// wall-clock slot and the backend's job lock lets one of them run it (SQLite: the only node).
const HOUSEKEEPING_MS = 10 * 60_000;

/** Calls `run` at every multiple of `periodMs` of the wall clock; returns a stop function. */
function everyClockSlot(periodMs: number, run: () => void): () => void {
  let timer: NodeJS.Timeout;
  const schedule = () => {
    timer = setTimeout(() => {
      run();
      schedule();
    }, periodMs - (Date.now() % periodMs));
    timer.unref();
  };
  schedule();
  return () => clearTimeout(timer);
}

export interface RunningServer {
  url: string;
  services: Services;
  /** The platform admin created at this start, if any (the password is printed once). */
  bootstrapAdmin: { email: string; password: string; generated: boolean } | null;
  close(): Promise<void>;
}

/** Opens storage, bootstraps the first admin, and serves everything on config.host:config.port. */
export async function startServer(config: ServerConfig, options: { consoleDir?: string; sseHeartbeatMs?: number } = {}): Promise<RunningServer> {
  let warn = (message: string, err?: unknown) => console.warn(message, err);
  const { storage, events, jobs } = await openBackend({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, warn: (message, err) => warn(message, err) });
  const services = createServices({ storage, events, warn: (message, err) => warn(message, err) });
  const bootstrapAdmin = await services.adminAuth.bootstrapAdmin(config.adminEmail, config.adminPassword);
  const app = await buildApp({ services, publicUrl: config.publicUrl, trustProxy: config.trustProxy, logLevel: config.logLevel, consoleDir: options.consoleDir, sseHeartbeatMs: options.sseHeartbeatMs });
  warn = (message, err) => app.log.warn({ err }, message);
  const stopHousekeeping = everyClockSlot(HOUSEKEEPING_MS, () => {
    jobs
      .runExclusive('housekeeping', async () => {
        await Promise.all([services.adminAuth.pruneSessions(), services.failures.prune()]);
      })
      .catch((err: unknown) => app.log.warn({ err }, 'housekeeping failed'));
  });

  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  return {
    url: `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`,
    services,
    bootstrapAdmin,
    async close() {
      stopHousekeeping();
      await app.close();
      await jobs.close();
      await events.close();
      await storage.close();
    },
  };
}
