import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { sendError } from './plugins/error-handler.js';

/** Both src/http (tsx) and dist/http (compiled) sit two levels below the package root. */
export const CONSOLE_DIR = fileURLToPath(new URL('../../dist/console/', import.meta.url));

/**
 * Serves the built console at `/`, and its index.html for any other non-API path, so deep
 * links (/domains/x/devices/Dev-1) work on a full reload.
 */
export async function registerConsoleAssets(app: FastifyInstance, consoleDir = CONSOLE_DIR): Promise<void> {
  const built = existsSync(`${consoleDir}/index.html`);
  if (built) {
    await app.register(fastifyStatic, {
      root: consoleDir,
      index: ['index.html'],
      wildcard: true,
      setHeaders(reply, path) {
        // Hashed asset names never change content; index.html must always be fresh.
        reply.header('Cache-Control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (request.method !== 'GET' || path.startsWith('/api/') || path === '/healthz') {
      return sendError(reply, 'not_found', `No route ${request.method} ${path}.`);
    }
    if (!built) return reply.status(503).type('text/plain').send('The console is not built yet: run `npm run build`.');
    return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
  });
}
