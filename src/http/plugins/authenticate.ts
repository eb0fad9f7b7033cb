import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Services } from '../../core/services.js';
import type { DomainRecord } from '../../core/records.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
    /** Set by the domain-access hook on every /domains/{domain} route. */
    domainRecord?: DomainRecord;
  }
}

export const SESSION_COOKIE = 'dmp_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The server's own origin: the configured public URL, else what the request was addressed to. */
export function ownOrigin(request: FastifyRequest, publicUrl: string | undefined): string {
  return publicUrl ? new URL(publicUrl).origin : `${request.protocol}://${request.host}`;
}

/**
 * Resolves the caller from an admin API token (Authorization: Bearer) or the session cookie.
 * A cookie-authenticated change must carry our own Origin, so another site cannot ride the cookie.
 */
export function authenticate(services: Services, publicUrl: string | undefined) {
  return async function authenticateRequest(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      request.principal = await services.adminAuth.authenticateApiToken(header.slice('Bearer '.length).trim());
      if (!request.principal) throw new AppError('unauthenticated', 'The API token is unknown or revoked.');
      return;
    }
    const sessionId = request.cookies[SESSION_COOKIE];
    const principal = sessionId ? await services.adminAuth.authenticateSession(sessionId) : undefined;
    if (!principal) throw new AppError('unauthenticated', 'Sign in first (your session may have expired).');
    if (!SAFE_METHODS.has(request.method) && request.headers.origin !== ownOrigin(request, publicUrl)) {
      throw new AppError('origin_mismatch');
    }
    request.principal = principal;
  };
}

/** The principal set by `authenticate`; routes behind it can rely on it. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('unauthenticated');
  return request.principal;
}

/** The domain resolved by the domain-access hook. */
export function domainOf(request: FastifyRequest): DomainRecord {
  if (!request.domainRecord) throw new AppError('not_found');
  return request.domainRecord;
}
