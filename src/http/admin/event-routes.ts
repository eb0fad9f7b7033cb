import type { ServerResponse } from 'node:http';
import { ErrorBody } from '../../contract/errors.js';
import { domainOf } from '../plugins/authenticate.js';
import type { App, RouteDeps } from '../route-types.js';
import { DomainParams } from './domain-routes.js';

// Proxies and load balancers close quiet connections; a comment every 15 s keeps the stream open.
const HEARTBEAT_MS = 15_000;

/** Server-Sent Events of a domain's device changes, for live consoles. */
export async function eventRoutes(app: App, { services }: RouteDeps): Promise<void> {
  const open = new Set<ServerResponse>();
  // On shutdown, end the streams so the server can close; browsers reconnect by themselves.
  app.addHook('preClose', async () => {
    for (const stream of open) stream.end();
  });

  app.get('/api/v1/domains/:domain/events', {
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
    const unsubscribe = services.events.subscribe(domain, (event) => {
      stream.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    });
    const heartbeat = setInterval(() => stream.write(': ping\n\n'), HEARTBEAT_MS);
    request.raw.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      open.delete(stream);
    });
  });
}
