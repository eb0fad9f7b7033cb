import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../core/services.js';
import { principalOf } from './authenticate.js';

/**
 * Object-level authorisation for every /domains/{domain} route, in one place: members may read,
 * only admins may change (any method but GET/HEAD), and a non-member sees 404.
 */
export function domainAccess(services: Services) {
  return async function checkDomainAccess(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    const { domain } = request.params as { domain?: string };
    if (domain === undefined || !request.routeOptions.url?.startsWith('/api/v1/domains/:domain')) return;
    const needed = request.method === 'GET' || request.method === 'HEAD' ? 'viewer' : 'admin';
    request.domainRecord = (await services.domains.access(principalOf(request), domain, needed)).domain;
  };
}
