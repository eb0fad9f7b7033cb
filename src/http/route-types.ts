import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../core/services.js';

/** A Fastify instance whose route schemas are zod schemas (types derived from them). */
export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

export interface RouteDeps {
  services: Services;
  /** The public URL when configured (origin check, cookies); else derived from each request. */
  publicUrl: string | undefined;
  /** How often live event streams send a heartbeat and re-check their caller (tests shorten it). */
  sseHeartbeatMs?: number;
}
