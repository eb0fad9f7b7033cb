import type { AuditService } from './audit-service.js';
import { AppError } from './errors.js';
import type { Principal } from './access.js';
import { hashPassword, verifyPassword } from './passwords.js';
import type { Clock, Storage } from './ports.js';
import type { ApiTokenRecord, AuditDraft, UserRecord } from './records.js';
import { generateSecret, hashSecret, newId } from './tokens.js';

export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
}
export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMs: 12 * 3600_000, absoluteMs: 7 * 86400_000 };
// Touching a session on every request would turn every read into a write.
const TOUCH_EVERY_MS = 60_000;

type Deps = { storage: Storage; clock: Clock; audit: AuditService; sessionPolicy?: SessionPolicy };

/** Sign-in, sessions and admin API tokens. */
export function createAdminAuthService({ storage, clock, audit, sessionPolicy = DEFAULT_SESSION_POLICY }: Deps) {
  async function principalOf(user: UserRecord, via: Principal['via']): Promise<Principal> {
    return { user, memberships: await storage.users.memberships(user.id), via };
  }

  /** Sign-ins are audited in every domain the user belongs to, so each domain's admins see them (else in the platform log). */
  async function auditSignIn(user: UserRecord | undefined, email: string, ok: boolean, ip: string | null): Promise<void> {
    const domains = user ? (await storage.users.memberships(user.id)).map((m) => m.domain) : [];
    await audit.record(domains, { action: ok ? 'user.signed_in' : 'user.sign_in_failed', actor: { type: 'user', email: user?.email ?? email }, deviceId: null, sourceIp: ip, details: null });
  }

  const tokenAudit = (action: string, principal: Principal, ip: string | null, token: { id: string; name?: string }): AuditDraft => ({
    action, actor: { type: 'user', email: principal.user.email }, deviceId: null, sourceIp: ip, details: { tokenId: token.id, ...(token.name && { name: token.name }) },
  });

  return {
    /** Checks the password and opens a session; returns the secret session id for the cookie. */
    async login(email: string, password: string, ip: string | null): Promise<{ sessionId: string; principal: Principal }> {
      const user = await storage.users.findByEmail(email.trim().toLowerCase());
      const ok = await verifyPassword(user?.passwordHash, password);
      await auditSignIn(user, email, ok, ip);
      if (!ok || !user) throw new AppError('invalid_credentials');
      const sessionId = generateSecret('session');
      const now = clock.now();
      await storage.sessions.insert({ idHash: hashSecret(sessionId), userId: user.id, createdAt: now, lastSeenAt: now, expiresAt: now + sessionPolicy.absoluteMs });
      return { sessionId, principal: await principalOf(user, 'session') };
    },

    async logout(sessionId: string): Promise<void> {
      await storage.sessions.delete(hashSecret(sessionId));
    },

    /** The principal of a session cookie, or undefined when it is unknown, idle too long or too old. */
    async authenticateSession(sessionId: string): Promise<Principal | undefined> {
      const idHash = hashSecret(sessionId);
      const session = await storage.sessions.get(idHash);
      const now = clock.now();
      if (!session) return undefined;
      if (now >= session.expiresAt || now - session.lastSeenAt >= sessionPolicy.idleMs) {
        await storage.sessions.delete(idHash);
        return undefined;
      }
      const user = await storage.users.get(session.userId);
      if (!user) return undefined;
      if (now - session.lastSeenAt >= TOUCH_EVERY_MS) await storage.sessions.touch(idHash, now);
      return principalOf(user, 'session');
    },

    async authenticateApiToken(token: string): Promise<Principal | undefined> {
      const record = await storage.apiTokens.findByHash(hashSecret(token));
      if (!record || record.revokedAt !== null) return undefined;
      const user = await storage.users.get(record.userId);
      if (!user) return undefined;
      const now = clock.now();
      if (record.lastUsedAt === null || now - record.lastUsedAt >= TOUCH_EVERY_MS) await storage.apiTokens.touch(record.id, now);
      return principalOf(user, 'api_token');
    },

    async createApiToken(principal: Principal, name: string, ip: string | null): Promise<{ record: ApiTokenRecord; token: string }> {
      const token = generateSecret('api_token');
      const record: ApiTokenRecord = { id: newId(), userId: principal.user.id, name, tokenHash: hashSecret(token), createdAt: clock.now(), lastUsedAt: null, revokedAt: null };
      await storage.transaction(async (tx) => {
        await tx.apiTokens.insert(record);
        await audit.record(principal.memberships.map((m) => m.domain), tokenAudit('api_token.created', principal, ip, record), tx);
      });
      return { record, token };
    },

    async listApiTokens(principal: Principal): Promise<ApiTokenRecord[]> {
      return (await storage.apiTokens.listByUser(principal.user.id)).filter((t) => t.revokedAt === null);
    },

    async revokeApiToken(principal: Principal, id: string, ip: string | null): Promise<void> {
      await storage.transaction(async (tx) => {
        if (!(await tx.apiTokens.revoke(principal.user.id, id, clock.now()))) throw new AppError('not_found', 'No such API token.');
        await audit.record(principal.memberships.map((m) => m.domain), tokenAudit('api_token.revoked', principal, ip, { id }), tx);
      });
    },

    /** First start: create the platform admin from the environment, or with a random password to print once. */
    async bootstrapAdmin(email: string | undefined, password: string | undefined): Promise<{ email: string; password: string; generated: boolean } | null> {
      if ((await storage.users.count()) > 0) return null;
      const generated = !password;
      const finalEmail = (email ?? 'admin@localhost').trim().toLowerCase();
      const finalPassword = password ?? generateSecret('session').slice(0, 20);
      const inserted = await storage.users.insert({ id: newId(), email: finalEmail, passwordHash: await hashPassword(finalPassword), isPlatformAdmin: true, createdAt: clock.now() });
      // Several nodes starting together on one database: only the node whose insert landed tells its password.
      return inserted ? { email: finalEmail, password: finalPassword, generated } : null;
    },

    async pruneSessions(): Promise<number> {
      return storage.sessions.deleteExpired(clock.now(), sessionPolicy.idleMs);
    },
  };
}

export type AdminAuthService = ReturnType<typeof createAdminAuthService>;
