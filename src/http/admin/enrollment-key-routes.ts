import { z } from 'zod';
import { CreateEnrollmentKeyRequest, EnrollmentKeyCreated, EnrollmentKeyList } from '../../contract/admin.js';
import { ErrorBody } from '../../contract/errors.js';
import { domainOf, principalOf } from '../plugins/authenticate.js';
import type { App, RouteDeps } from '../route-types.js';
import { DomainParams } from './domain-routes.js';

/** Enrollment keys of a domain: create (shown once), list, revoke. */
export async function enrollmentKeyRoutes(app: App, { services }: RouteDeps): Promise<void> {
  app.post('/api/v1/domains/:domain/enrollment-keys', {
    schema: { tags: ['enrollment keys'], summary: 'Create an enrollment key (shown once)', params: DomainParams, body: CreateEnrollmentKeyRequest, response: { 201: EnrollmentKeyCreated, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody } },
  }, async (request, reply) => reply.status(201).send(await services.enrollmentKeys.create(principalOf(request), domainOf(request).slug, request.body, request.ip)));

  app.get('/api/v1/domains/:domain/enrollment-keys', {
    schema: { tags: ['enrollment keys'], summary: 'Enrollment keys (never the key itself)', params: DomainParams, response: { 200: EnrollmentKeyList, 404: ErrorBody } },
  }, async (request) => ({ items: await services.enrollmentKeys.list(domainOf(request).slug) }));

  app.delete('/api/v1/domains/:domain/enrollment-keys/:id', {
    schema: { tags: ['enrollment keys'], summary: 'Revoke a key; devices enrolled with it are unaffected', params: DomainParams.extend({ id: z.string().max(100) }), response: { 204: z.null(), 403: ErrorBody, 404: ErrorBody } },
  }, async (request, reply) => {
    await services.enrollmentKeys.revoke(principalOf(request), domainOf(request).slug, request.params.id, request.ip);
    return reply.status(204).send(null);
  });
}
