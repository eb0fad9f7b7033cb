import type { CreateEnrollmentKeyRequest, EnrollmentKey, EnrollmentKeyCreated } from '../contract/admin.js';
import type { Principal } from './access.js';
import type { AuditService } from './audit-service.js';
import { enrollmentKeyStatus } from './enrollment-key-status.js';
import { AppError } from './errors.js';
import type { Clock, Storage } from './ports.js';
import type { EnrollmentKeyRecord } from './records.js';
import { generateSecret, hashSecret, newId } from './tokens.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function toEnrollmentKeyView(key: EnrollmentKeyRecord, now: number): EnrollmentKey {
  return {
    id: key.id,
    label: key.label,
    prefix: key.prefix,
    createdAt: new Date(key.createdAt).toISOString(),
    createdBy: key.createdBy,
    expiresAt: iso(key.expiresAt),
    maxUses: key.maxUses,
    uses: key.uses,
    lastUsedAt: iso(key.lastUsedAt),
    lastUsedDeviceId: key.lastUsedDeviceId,
    revokedAt: iso(key.revokedAt),
    status: enrollmentKeyStatus(key, now),
  };
}

/** Enrollment keys: shown once at creation, stored as SHA-256, revocable. */
export function createEnrollmentKeyService({ storage, clock, audit }: { storage: Storage; clock: Clock; audit: AuditService }) {
  return {
    async create(principal: Principal, domain: string, request: CreateEnrollmentKeyRequest, ip: string | null): Promise<EnrollmentKeyCreated> {
      const now = clock.now();
      const expiresAt = request.expiresAt ? Date.parse(request.expiresAt) : null;
      if (expiresAt !== null && expiresAt <= now) throw new AppError('invalid_request', 'expiresAt must be in the future.');
      const key = generateSecret('enrollment_key');
      const record: EnrollmentKeyRecord = {
        id: newId(), domain, label: request.label ?? null, keyHash: hashSecret(key), prefix: key.slice(0, 10),
        createdAt: now, createdBy: principal.user.email, expiresAt, maxUses: request.maxUses ?? null,
        uses: 0, lastUsedAt: null, lastUsedDeviceId: null, revokedAt: null,
      };
      // One transaction: a key nobody was shown must not stay live because its audit entry failed.
      await storage.transaction(async (tx) => {
        await tx.enrollmentKeys.insert(record);
        await audit.record(domain, { action: 'enrollment_key.created', actor: { type: 'user', email: principal.user.email }, deviceId: null, sourceIp: ip, details: { keyId: record.id, label: record.label } }, tx);
      });
      return { ...toEnrollmentKeyView(record, now), key };
    },

    async list(domain: string): Promise<EnrollmentKey[]> {
      const now = clock.now();
      return (await storage.enrollmentKeys.list(domain)).map((k) => toEnrollmentKeyView(k, now));
    },

    /** Devices enrolled with the key are unaffected; only new enrollments are refused. Revoking twice is fine. */
    async revoke(principal: Principal, domain: string, id: string, ip: string | null): Promise<void> {
      await storage.transaction(async (tx) => {
        if (await tx.enrollmentKeys.revoke(domain, id, clock.now())) {
          await audit.record(domain, { action: 'enrollment_key.revoked', actor: { type: 'user', email: principal.user.email }, deviceId: null, sourceIp: ip, details: { keyId: id } }, tx);
        } else if (!(await tx.enrollmentKeys.get(domain, id))) {
          throw new AppError('not_found', 'No such enrollment key.');
        }
      });
    },
  };
}

export type EnrollmentKeyService = ReturnType<typeof createEnrollmentKeyService>;
