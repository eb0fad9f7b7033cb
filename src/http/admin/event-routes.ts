import type { ServerResponse } from 'node:http';
import { ErrorBody } from '../../contract/errors.js';
import { roleIn } from '../../core/access.js';
import { domainOf, resolvePrincipal } from '../plugins/authenticate.js';
import type { App, RouteDeps } from '../route-types.js';
import { DomainParams } from './domain-routes.js';

// Proxies and load balancers close quiet connections; a comment every 15 s keeps the stream open.
// Each heartbeat also re-checks the caller, so a stream ends soon after sign-out, expiry,
// token revocation or removal from the domain.
const HEARTBEAT_MS = 15_000;
// A client that stops reading must not make the server buffer without end; it reconnects and refetches.
const MAX_BUFFERED_BYTES = 1024 * 1024;

/** Server-Sent Events of a domain's device changes, for live consoles. */
export async function eventRoutes(app: App, { services, sseHeartbeatMs: heartbeatMs = HEARTBEAT_MS }: RouteDeps): Promise<void> {
  const open = new Set<ServerResponse>();
  // On shutdown, end the streams so the server can close; browsers reconnect by themselves.
  app.addHook('preClose', async () => {
    for (const stream of open) stream.end();
  });

  app.get('/api/v1/domains/:domain/events', {
    // A HEAD request would open a stream that never ends.
    exposeHeadRoute: false,
    schema: { tags: ['events'], summary: 'Server-Sent Events: event = DeviceEvent.type, data = DeviceEvent JSON', params: DomainParams, response: { 404: ErrorBody } },
  }, async (request, reply) => {
    const domain = domainOf(request).slug;
    reply.hijack();
    const stream = reply.raw;
    stream.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    stream.write('retry: 2000\n\n');
    open.add(stream);
    const send = (chunk: string) => {
      if (stream.writableLength > MAX_BUFFERED_BYTES) stream.end();
      else stream.write(chunk);
    };
    const unsubscribe = services.events.subscribe(domain, (event) => send(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`));
    const heartbeat = setInterval(() => {
      resolvePrincipal(services, request)
        .then((principal) => (principal && roleIn(principal, domain) ? send(': ping\n\n') : stream.end()))
        .catch(() => stream.end());
    }, heartbeatMs);
    request.raw.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      open.delete(stream);
    });
  });
}
