import { z } from 'zod';
import { CreateUserRequest, SetMembershipRequest, User, UserList } from '../../contract/admin.js';
import { DomainSlug } from '../../contract/common.js';
import { ErrorBody } from '../../contract/errors.js';
import { principalOf } from '../plugins/authenticate.js';
import type { App, RouteDeps } from '../route-types.js';

const MembershipParams = z.object({ userId: z.string().max(100), domain: DomainSlug });

/** Users and memberships (platform admins only). */
export async function userRoutes(app: App, { services }: RouteDeps): Promise<void> {
  app.get('/api/v1/users', { schema: { tags: ['users'], summary: 'Every user (platform admin)', response: { 200: UserList, 403: ErrorBody } } }, async (request) => ({
    items: await services.users.list(principalOf(request)),
  }));

  app.post('/api/v1/users', {
    schema: { tags: ['users'], summary: 'Create a user with memberships (platform admin)', body: CreateUserRequest, response: { 201: User, 400: ErrorBody, 403: ErrorBody, 409: ErrorBody } },
  }, async (request, reply) => reply.status(201).send(await services.users.create(principalOf(request), request.body, request.ip)));

  app.put('/api/v1/users/:userId/memberships/:domain', {
    schema: { tags: ['users'], summary: 'Give a user a role in a domain (platform admin)', params: MembershipParams, body: SetMembershipRequest, response: { 200: User, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody } },
  }, async (request) => services.users.setMembership(principalOf(request), request.params.userId, request.params.domain, request.body.role, request.ip));

  app.delete('/api/v1/users/:userId/memberships/:domain', {
    schema: { tags: ['users'], summary: 'Remove a user from a domain (platform admin)', params: MembershipParams, response: { 200: User, 403: ErrorBody, 404: ErrorBody } },
  }, async (request) => services.users.removeMembership(principalOf(request), request.params.userId, request.params.domain, request.ip));
}
