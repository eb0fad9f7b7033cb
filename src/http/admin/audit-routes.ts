import { AuditList, AuditQuery } from '../../contract/admin.js';
import { ErrorBody } from '../../contract/errors.js';
import { requirePlatformAdmin } from '../../core/access.js';
import { domainOf, principalOf } from '../plugins/authenticate.js';
import type { App, RouteDeps } from '../route-types.js';
import { DomainParams } from './domain-routes.js';

/** The audit logs (per domain, and the platform's), newest first. Read-only: nothing in the API edits or deletes entries. */
export async function auditRoutes(app: App, { services }: RouteDeps): Promise<void> {
  app.get('/api/v1/domains/:domain/audit-log', {
    schema: { tags: ['audit log'], summary: 'Audit entries, newest first, filtered and keyset-paged', params: DomainParams, querystring: AuditQuery, response: { 200: AuditList, 400: ErrorBody, 404: ErrorBody } },
  }, async (request) => services.audit.list(domainOf(request).slug, request.query));

  app.get('/api/v1/audit-log', {
    schema: { tags: ['audit log'], summary: 'The platform log (platform admins): sign-ins and changes that belong to no domain', querystring: AuditQuery, response: { 200: AuditList, 400: ErrorBody, 403: ErrorBody } },
  }, async (request) => {
    requirePlatformAdmin(principalOf(request));
    return services.audit.list(null, request.query);
  });
}
