import type { CreateDomainRequest, Domain, UpdateDomainRequest } from '../contract/admin.js';
import type { Role } from '../contract/common.js';
import { requirePlatformAdmin, requireRole, roleIn, type Principal } from './access.js';
import type { AuditService } from './audit-service.js';
import { AppError } from './errors.js';
import type { Clock, Storage } from './ports.js';
import type { DomainRecord } from './records.js';

export const DEFAULT_REENROLL_WINDOW_SECONDS = 86_400;
export const DEFAULT_CHECKIN_INTERVAL_SECONDS = 60;

export function toDomainView(domain: DomainRecord, role: Role): Domain {
  return { ...domain, createdAt: new Date(domain.createdAt).toISOString(), role };
}

/** Domains (tenants): created by platform admins, tuned by their domain admins. */
export function createDomainService({ storage, clock, audit }: { storage: Storage; clock: Clock; audit: AuditService }) {
  /** The domain record after the caller's role in it was checked (404 for non-members). */
  async function access(principal: Principal, slug: string, needed: Role): Promise<{ domain: DomainRecord; role: Role }> {
    const role = requireRole(principal, slug, needed);
    const domain = await storage.domains.get(slug);
    if (!domain) throw new AppError('not_found', `No domain "${slug}".`);
    return { domain, role };
  }

  return {
    access,

    async list(principal: Principal): Promise<Domain[]> {
      const all = await storage.domains.list();
      return all.flatMap((d) => {
        const role = roleIn(principal, d.slug);
        return role ? [toDomainView(d, role)] : [];
      });
    },

    async create(principal: Principal, request: CreateDomainRequest, ip: string | null): Promise<Domain> {
      requirePlatformAdmin(principal);
      const domain: DomainRecord = {
        slug: request.slug,
        name: request.name,
        reenrollWindowSeconds: request.reenrollWindowSeconds ?? DEFAULT_REENROLL_WINDOW_SECONDS,
        checkinIntervalSeconds: request.checkinIntervalSeconds ?? DEFAULT_CHECKIN_INTERVAL_SECONDS,
        createdAt: clock.now(),
      };
      await storage.transaction(async (tx) => {
        if (!(await tx.domains.insert(domain))) throw new AppError('conflict', `A domain "${request.slug}" already exists.`);
        await audit.record(domain.slug, { action: 'domain.created', actor: { type: 'user', email: principal.user.email }, deviceId: null, sourceIp: ip, details: { name: domain.name } }, tx);
      });
      return toDomainView(domain, 'admin');
    },

    async update(principal: Principal, slug: string, request: UpdateDomainRequest, ip: string | null): Promise<Domain> {
      const { role } = await access(principal, slug, 'admin');
      const patch = { name: request.name, reenrollWindowSeconds: request.reenrollWindowSeconds, checkinIntervalSeconds: request.checkinIntervalSeconds };
      const updated = await storage.transaction(async (tx) => {
        const result = await tx.domains.update(slug, Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)));
        if (!result) throw new AppError('not_found', `No domain "${slug}".`);
        await audit.record(slug, { action: 'domain.updated', actor: { type: 'user', email: principal.user.email }, deviceId: null, sourceIp: ip, details: { ...request } }, tx);
        return result;
      });
      return toDomainView(updated, role);
    },
  };
}

export type DomainService = ReturnType<typeof createDomainService>;
