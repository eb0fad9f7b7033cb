import { z } from 'zod';
import { ApiTokenCreated, ApiTokenCreateRequest, ApiTokenList, LoginRequest, Me } from '../../contract/admin.js';
import { ErrorBody } from '../../contract/errors.js';
import type { ApiTokenRecord } from '../../core/records.js';
import { AppError } from '../../core/errors.js';
import { FAILURE_RULES, type FailureRule } from '../../core/failure-limiter.js';
import { DEFAULT_SESSION_POLICY } from '../../core/admin-auth-service.js';
import { SESSION_COOKIE, authenticate, ownOrigin, principalOf } from '../plugins/authenticate.js';
import type { App, RouteDeps } from '../route-types.js';

const apiTokenView = (t: ApiTokenRecord) => ({
  id: t.id,
  name: t.name,
  createdAt: new Date(t.createdAt).toISOString(),
  lastUsedAt: t.lastUsedAt === null ? null : new Date(t.lastUsedAt).toISOString(),
});

/** Sign-in, sign-out, who am I, and admin API tokens. */
export async function authRoutes(app: App, deps: RouteDeps): Promise<void> {
  const { services, publicUrl } = deps;

  app.post('/api/v1/auth/login', {
    schema: { tags: ['auth'], summary: 'Sign in; sets the session cookie', body: LoginRequest, response: { 200: Me, 401: ErrorBody, 403: ErrorBody, 429: ErrorBody } },
  }, async (request, reply) => {
    // Login is not cookie-authenticated, but a cross-site form must not sign a browser in either.
    if (request.headers.origin && request.headers.origin !== ownOrigin(request, publicUrl)) throw new AppError('origin_mismatch');
    const email = request.body.email.trim().toLowerCase();
    const budgets: Array<[string, FailureRule]> = [
      [`login:ip-email:${request.ip}/${email}`, FAILURE_RULES.loginByIpAndEmail],
      [`login:ip:${request.ip}`, FAILURE_RULES.loginByIp],
    ];
    await services.failures.assertWithinBudget(budgets);
    try {
      const { sessionId, principal } = await services.adminAuth.login(email, request.body.password, request.ip);
      reply.setCookie(SESSION_COOKIE, sessionId, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: request.protocol === 'https' || publicUrl?.startsWith('https:') === true,
        maxAge: DEFAULT_SESSION_POLICY.absoluteMs / 1000,
      });
      return { user: await services.users.me(principal) };
    } catch (error) {
      if (error instanceof AppError && error.code === 'invalid_credentials') await services.failures.recordFailure(budgets);
      throw error;
    }
  });

  app.register(async (scope: App) => {
    scope.addHook('onRequest', authenticate(services, publicUrl));

    scope.post('/api/v1/auth/logout', { schema: { tags: ['auth'], summary: 'Sign out; the session dies at once', response: { 204: z.null(), 401: ErrorBody } } }, async (request, reply) => {
      const sessionId = request.cookies[SESSION_COOKIE];
      if (sessionId) await services.adminAuth.logout(sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    });

    scope.get('/api/v1/auth/me', { schema: { tags: ['auth'], summary: 'The signed-in user and memberships', response: { 200: Me, 401: ErrorBody } } }, async (request) => ({
      user: await services.users.me(principalOf(request)),
    }));

    scope.get('/api/v1/auth/api-tokens', { schema: { tags: ['auth'], summary: 'Your admin API tokens', response: { 200: ApiTokenList } } }, async (request) => ({
      items: (await services.adminAuth.listApiTokens(principalOf(request))).map(apiTokenView),
    }));

    scope.post('/api/v1/auth/api-tokens', {
      schema: { tags: ['auth'], summary: 'Create an admin API token (shown once)', body: ApiTokenCreateRequest, response: { 201: ApiTokenCreated, 400: ErrorBody } },
    }, async (request, reply) => {
      const { record, token } = await services.adminAuth.createApiToken(principalOf(request), request.body.name, request.ip);
      return reply.status(201).send({ ...apiTokenView(record), token });
    });

    scope.delete('/api/v1/auth/api-tokens/:id', {
      schema: { tags: ['auth'], summary: 'Revoke an admin API token', params: z.object({ id: z.string().max(100) }), response: { 204: z.null(), 404: ErrorBody } },
    }, async (request, reply) => {
      await services.adminAuth.revokeApiToken(principalOf(request), request.params.id, request.ip);
      return reply.status(204).send(null);
    });
  });
}
