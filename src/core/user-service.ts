import type { CreateUserRequest, User } from '../contract/admin.js';
import type { Role } from '../contract/common.js';
import { requirePlatformAdmin, type Principal } from './access.js';
import type { AuditService } from './audit-service.js';
import { AppError } from './errors.js';
import { hashPassword } from './passwords.js';
import type { Clock, Storage } from './ports.js';
import type { MembershipRecord, UserRecord } from './records.js';
import { newId } from './tokens.js';

export function toUserView(user: UserRecord, memberships: MembershipRecord[]): User {
  return {
    id: user.id,
    email: user.email,
    isPlatformAdmin: user.isPlatformAdmin,
    memberships: memberships.map(({ domain, role }) => ({ domain, role })),
    createdAt: new Date(user.createdAt).toISOString(),
  };
}

/** Users and their memberships in domains. Only platform admins change them. */
export function createUserService({ storage, clock, audit }: { storage: Storage; clock: Clock; audit: AuditService }) {
  async function views(users: UserRecord[], onlyDomain?: string): Promise<User[]> {
    const memberships = await storage.users.membershipsOf(users.map((u) => u.id));
    return users.map((u) =>
      toUserView(u, memberships.filter((m) => m.userId === u.id && (onlyDomain === undefined || m.domain === onlyDomain))),
    );
  }

  async function requireDomains(slugs: string[]): Promise<void> {
    for (const slug of new Set(slugs)) if (!(await storage.domains.get(slug))) throw new AppError('invalid_request', `No domain "${slug}".`);
  }

  const actorOf = (principal: Principal) => ({ type: 'user', email: principal.user.email }) as const;

  return {
    async list(principal: Principal): Promise<User[]> {
      requirePlatformAdmin(principal);
      return views(await storage.users.list());
    },

    /** Members of one domain; the caller's access to the domain is checked by the route. */
    async listMembers(domain: string): Promise<User[]> {
      return views(await storage.users.listByDomain(domain), domain);
    },

    async me(principal: Principal): Promise<User> {
      return toUserView(principal.user, principal.memberships);
    },

    async create(principal: Principal, request: CreateUserRequest, ip: string | null): Promise<User> {
      requirePlatformAdmin(principal);
      await requireDomains(request.memberships.map((m) => m.domain));
      const user: UserRecord = {
        id: newId(),
        email: request.email.trim().toLowerCase(),
        passwordHash: await hashPassword(request.password),
        isPlatformAdmin: request.isPlatformAdmin,
        createdAt: clock.now(),
      };
      await storage.transaction(async (tx) => {
        if (!(await tx.users.insert(user))) throw new AppError('conflict', `A user with email ${user.email} already exists.`);
        for (const m of request.memberships) await tx.users.setMembership({ userId: user.id, domain: m.domain, role: m.role });
        const details = { email: user.email, isPlatformAdmin: user.isPlatformAdmin, memberships: request.memberships };
        await audit.record(request.memberships.map((m) => m.domain), { action: 'user.created', actor: actorOf(principal), deviceId: null, sourceIp: ip, details }, tx);
      });
      return (await views([user]))[0]!;
    },

    async setMembership(principal: Principal, userId: string, domain: string, role: Role, ip: string | null): Promise<User> {
      requirePlatformAdmin(principal);
      const user = await storage.users.get(userId);
      if (!user) throw new AppError('not_found', 'No such user.');
      await requireDomains([domain]);
      await storage.transaction(async (tx) => {
        await tx.users.setMembership({ userId, domain, role });
        await audit.record(domain, { action: 'user.membership_set', actor: actorOf(principal), deviceId: null, sourceIp: ip, details: { email: user.email, role } }, tx);
      });
      return (await views([user]))[0]!;
    },

    async removeMembership(principal: Principal, userId: string, domain: string, ip: string | null): Promise<User> {
      requirePlatformAdmin(principal);
      const user = await storage.users.get(userId);
      if (!user) throw new AppError('not_found', 'No such user.');
      await storage.transaction(async (tx) => {
        if (!(await tx.users.removeMembership(userId, domain))) throw new AppError('not_found', 'No such membership.');
        await audit.record(domain, { action: 'user.membership_removed', actor: actorOf(principal), deviceId: null, sourceIp: ip, details: { email: user.email } }, tx);
      });
      return (await views([user]))[0]!;
    },
  };
}

export type UserService = ReturnType<typeof createUserService>;
