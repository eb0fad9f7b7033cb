import type { EnrollmentKey } from '../contract/admin.js';
import type { EnrollmentKeyRecord } from './records.js';

/** Where a key stands now: only `active` keys let devices enroll. */
export function enrollmentKeyStatus(key: EnrollmentKeyRecord, now: number): EnrollmentKey['status'] {
  if (key.revokedAt !== null) return 'revoked';
  if (key.expiresAt !== null && now >= key.expiresAt) return 'expired';
  if (key.maxUses !== null && key.uses >= key.maxUses) return 'used_up';
  return 'active';
}

export const isKeyUsable = (key: EnrollmentKeyRecord, now: number): boolean => enrollmentKeyStatus(key, now) === 'active';
