import { z } from 'zod';
import { CreateDomainRequest, Domain, DomainList, UpdateDomainRequest, UserList } from '../../contract/admin.js';
import { DomainSlug } from '../../contract/common.js';
import { ErrorBody } from '../../contract/errors.js';
import { roleIn } from '../../core/access.js';
import { toDomainView } from '../../core/domain-service.js';
import { domainOf, principalOf } from '../plugins/authenticate.js';
import type { App, RouteDeps } from '../route-types.js';

export const DomainParams = z.object({ domain: DomainSlug });

/** Domains: list mine, create (platform admin), read and tune one, list its members. */
export async function domainRoutes(app: App, { services }: RouteDeps): Promise<void> {
  app.get('/api/v1/domains', { schema: { tags: ['domains'], summary: 'Domains you belong to', response: { 200: DomainList } } }, async (request) => ({
    items: await services.domains.list(principalOf(request)),
  }));

  app.post('/api/v1/domains', {
    schema: { tags: ['domains'], summary: 'Create a domain (platform admin)', body: CreateDomainRequest, response: { 201: Domain, 400: ErrorBody, 403: ErrorBody, 409: ErrorBody } },
  }, async (request, reply) => reply.status(201).send(await services.domains.create(principalOf(request), request.body, request.ip)));

  app.get('/api/v1/domains/:domain', {
    schema: { tags: ['domains'], summary: 'One domain', params: DomainParams, response: { 200: Domain, 404: ErrorBody } },
  }, async (request) => toDomainView(domainOf(request), roleIn(principalOf(request), request.params.domain) ?? 'viewer'));

  app.patch('/api/v1/domains/:domain', {
    schema: { tags: ['domains'], summary: 'Rename a domain or change its windows (domain admin)', params: DomainParams, body: UpdateDomainRequest, response: { 200: Domain, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody } },
  }, async (request) => services.domains.update(principalOf(request), request.params.domain, request.body, request.ip));

  app.get('/api/v1/domains/:domain/members', {
    schema: { tags: ['domains'], summary: 'Users with a role in this domain', params: DomainParams, response: { 200: UserList, 404: ErrorBody } },
  }, async (request) => ({ items: await services.users.listMembers(request.params.domain) }));
}
