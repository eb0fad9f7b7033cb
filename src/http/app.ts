import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../core/errors.js';
import type { Services } from '../core/services.js';
import { auditRoutes } from './admin/audit-routes.js';
import { authRoutes } from './admin/auth-routes.js';
import { deviceAdminRoutes } from './admin/device-admin-routes.js';
import { domainRoutes } from './admin/domain-routes.js';
import { enrollmentKeyRoutes } from './admin/enrollment-key-routes.js';
import { eventRoutes } from './admin/event-routes.js';
import { userRoutes } from './admin/user-routes.js';
import { registerConsoleAssets } from './console-assets.js';
import { deviceRoutes } from './device/device-routes.js';
import { authenticate } from './plugins/authenticate.js';
import { domainAccess } from './plugins/domain-access.js';
import { answerClientError, registerErrorHandler, sendError } from './plugins/error-handler.js';
import type { App, RouteDeps } from './route-types.js';

export const BODY_LIMIT_BYTES = 64 * 1024;

export interface AppOptions {
  services: Services;
  publicUrl?: string;
  /** Proxy addresses whose X-Forwarded-For is believed (DMP_TRUST_PROXY); otherwise the connection's address counts. */
  trustProxy?: string;
  logLevel?: string;
  consoleDir?: string;
  sseHeartbeatMs?: number;
}

const logger = (level: string): FastifyServerOptions['logger'] => ({
  level,
  // Secrets never reach the logs.
  redact: {
    paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.token', '*.enrollmentKey', '*.password', '*.key'],
    censor: '[redacted]',
  },
});

function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\0');
  if (Array.isArray(value)) return value.some(containsNul);
  if (value && typeof value === 'object') return Object.entries(value).some(([k, v]) => k.includes('\0') || containsNul(v));
  return false;
}

/** Builds the whole HTTP server (device protocol, admin API, events, console) without listening. */
export async function buildApp(options: AppOptions): Promise<App> {
  const app = Fastify({
    logger: logger(options.logLevel ?? 'info'),
    // A fleet checks in every minute: one log line per request would drown everything else.
    logController: new LogController({ disableRequestLogging: !['debug', 'trace'].includes(options.logLevel ?? 'info') }),
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: options.trustProxy ? options.trustProxy.split(',').map((s) => s.trim()) : false,
    // Device IDs may contain ':' and '.'; keep the router from treating them specially.
    routerOptions: { maxParamLength: 1024 },
    // Errors raised before routing (a badly encoded URL) still get the contract's shape.
    frameworkErrors: (error, _request, reply) => {
      sendError(reply, 'invalid_request', error.code === 'FST_ERR_BAD_URL' ? 'The URL is not validly encoded.' : 'The request is not valid.');
    },
    clientErrorHandler: answerClientError,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Only JSON bodies: the contract answers 415 for anything else.
  app.removeContentTypeParser('text/plain');
  // An empty JSON body is no body (curl -X POST -H 'content-type: application/json' on a reset);
  // routes that need a body still refuse it through their schema.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '') return done(null, undefined);
    return parseJson(request, body.toString(), (error, value) => {
      // NUL has no business in any field, and PostgreSQL refuses it in text: reject it here, once.
      if (!error && containsNul(value)) return done(new AppError('invalid_request', 'Text must not contain NUL characters.'), undefined);
      return done(error, value);
    });
  });
  app.addHook('onRequest', async (request) => {
    if (/%00/i.test(request.url)) throw new AppError('invalid_request', 'The URL must not contain NUL characters.');
  });
  registerErrorHandler(app);

  app.addHook('onSend', async (_request, reply) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'same-origin');
    reply.header('X-Frame-Options', 'DENY');
  });

  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'DMP API', version: '1', description: 'Device protocol and admin API of DMP. Errors: {"error": {"code", "message"}}.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'dmp_session' }, bearer: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  // For load balancers: 200 only when this node can reach its database.
  app.get('/healthz', { schema: { hide: true } }, async () => {
    try {
      await options.services.storage.ping();
    } catch {
      throw new AppError('service_unavailable', 'The database is unreachable.');
    }
    return { status: 'ok' };
  });

  const deps: RouteDeps = { services: options.services, publicUrl: options.publicUrl, sseHeartbeatMs: options.sseHeartbeatMs };
  await app.register(async (scope: App) => deviceRoutes(scope, deps));
  await app.register(async (scope: App) => authRoutes(scope, deps));
  await app.register(async (scope: App) => {
    // Before validation: a stranger gets 401 and a non-member 404, never a 400 that confirms a shape.
    scope.addHook('onRequest', authenticate(deps.services, deps.publicUrl));
    scope.addHook('preValidation', domainAccess(deps.services));
    await domainRoutes(scope, deps);
    await userRoutes(scope, deps);
    await enrollmentKeyRoutes(scope, deps);
    await deviceAdminRoutes(scope, deps);
    await auditRoutes(scope, deps);
    await eventRoutes(scope, deps);
  });
  await registerConsoleAssets(app, options.consoleDir);
  return app;
}
