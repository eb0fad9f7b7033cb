import type { AuditAction } from '../../contract/admin.js';

/**
 * Audit actions in words; an action the console does not know yet shows as its code. Typed
 * against the contract's list, so a new action fails the typecheck here, without loading zod
 * (the contract's schemas) into the console.
 */
const LABELS = {
  'device.enrolled': 'Enrolled',
  'device.reenrolled': 'Enrolled again after a reset',
  'device.enrollment_refused': 'Enrollment refused (token exists: lost token)',
  'device.reenrollment_refused': 'Re-enrollment refused (window over)',
  'device.token_invalid': 'Request with an invalid token',
  'device.auth_token_reset': 'Auth token reset',
  'enrollment_key.created': 'Enrollment key created',
  'enrollment_key.revoked': 'Enrollment key revoked',
  'user.created': 'User created',
  'user.membership_set': 'Membership set',
  'user.membership_removed': 'Membership removed',
  'user.signed_in': 'Signed in',
  'user.sign_in_failed': 'Sign-in failed',
  'domain.created': 'Domain created',
  'domain.updated': 'Domain updated',
  'api_token.created': 'API token created',
  'api_token.revoked': 'API token revoked',
} as const satisfies Record<AuditAction, string>;

export const AUDIT_ACTION_OPTIONS = Object.entries(LABELS).map(([value, label]) => ({ value, label }));

export function auditActionLabel(action: string): string {
  return (LABELS as Record<string, string>)[action] ?? action;
}
