import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Secrets DMP issues: 256 bits from the CSPRNG, with a prefix that tells what a leaked string is. */
export type SecretKind = 'device_token' | 'enrollment_key' | 'api_token' | 'session';
const PREFIX: Record<SecretKind, string> = {
  device_token: 'dmpt_',
  enrollment_key: 'dmpk_',
  api_token: 'dmpa_',
  session: '',
};

export function generateSecret(kind: SecretKind): string {
  return PREFIX[kind] + randomBytes(32).toString('base64url');
}

/** SHA-256 hex: secrets are high-entropy, so a fast hash is enough and keeps look-ups indexable. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Constant-time comparison of two hex hashes. */
export function hashesEqual(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));
}

/** Random identifier for rows (not a secret). */
export function newId(): string {
  return randomBytes(12).toString('base64url');
}
