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

const BEARER = /^bearer\s+(\S+)\s*$/i;

/** The bearer token of an Authorization header (the scheme is case-insensitive), or null. */
export function bearerToken(header: string | undefined): string | null {
  return header ? (BEARER.exec(header)?.[1] ?? null) : null;
}

/** The caller of a request from its admin API token or session cookie, or undefined. */
export async function resolvePrincipal(services: Services, request: FastifyRequest): Promise<Principal | undefined> {
  const token = bearerToken(request.headers.authorization);
  if (token) return services.adminAuth.authenticateApiToken(token);
  const sessionId = request.cookies[SESSION_COOKIE];
  return sessionId ? services.adminAuth.authenticateSession(sessionId) : undefined;
}

/**
 * Resolves the caller from an admin API token (Authorization: Bearer) or the session cookie.
 * A cookie-authenticated change must carry our own Origin, so another site cannot ride the cookie.
 */
export function authenticate(services: Services, publicUrl: string | undefined) {
  return async function authenticateRequest(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    const principal = await resolvePrincipal(services, request);
    if (!principal) {
      throw new AppError('unauthenticated', bearerToken(request.headers.authorization) ? 'The API token is unknown or revoked.' : 'Sign in first (your session may have expired).');
    }
    if (principal.via === 'session' && !SAFE_METHODS.has(request.method) && request.headers.origin !== ownOrigin(request, publicUrl)) {
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
