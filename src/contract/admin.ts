import { z } from 'zod';
import { AuthState, DeviceId, DeviceInfo, DomainSlug, Role, Timestamp } from './common.js';

/** The admin API: what the console, the CLI and scripts send and get back. */

// ---- sign-in and identity -------------------------------------------------------------

export const LoginRequest = z.object({
  email: z.string().min(1).max(320),
  password: z.string().min(1).max(1024),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const Membership = z.object({ domain: DomainSlug, role: Role });
export type Membership = z.infer<typeof Membership>;

export const User = z.object({
  id: z.string(),
  email: z.string(),
  isPlatformAdmin: z.boolean(),
  memberships: z.array(Membership),
  createdAt: Timestamp,
});
export type User = z.infer<typeof User>;

/** Who is signed in, and where they may go. */
export const Me = z.object({ user: User });
export type Me = z.infer<typeof Me>;

export const CreateUserRequest = z.object({
  email: z.string().email().max(320),
  password: z.string().min(8).max(1024),
  memberships: z.array(Membership).max(1000).default([]),
  isPlatformAdmin: z.boolean().default(false),
});
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;

export const UserList = z.object({ items: z.array(User) });

export const SetMembershipRequest = z.object({ role: Role });

export const ApiTokenCreateRequest = z.object({ name: z.string().min(1).max(100) });
export const ApiToken = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: Timestamp,
  lastUsedAt: Timestamp.nullable(),
});
export type ApiToken = z.infer<typeof ApiToken>;
/** The secret is shown once, in this answer only. */
export const ApiTokenCreated = ApiToken.extend({ token: z.string() });
export const ApiTokenList = z.object({ items: z.array(ApiToken) });

// ---- domains ---------------------------------------------------------------------------

export const Domain = z.object({
  slug: DomainSlug,
  name: z.string(),
  reenrollWindowSeconds: z.number().int(),
  checkinIntervalSeconds: z.number().int(),
  createdAt: Timestamp,
  /** The caller's role in this domain. */
  role: Role,
});
export type Domain = z.infer<typeof Domain>;

export const CreateDomainRequest = z.object({
  slug: DomainSlug,
  name: z.string().min(1).max(200),
  reenrollWindowSeconds: z.number().int().min(1).max(90 * 86400).optional(),
  checkinIntervalSeconds: z.number().int().min(10).max(86400).optional(),
});
export type CreateDomainRequest = z.infer<typeof CreateDomainRequest>;

export const UpdateDomainRequest = z.object({
  name: z.string().min(1).max(200).optional(),
  reenrollWindowSeconds: z.number().int().min(1).max(90 * 86400).optional(),
  checkinIntervalSeconds: z.number().int().min(10).max(86400).optional(),
});
export type UpdateDomainRequest = z.infer<typeof UpdateDomainRequest>;

export const DomainList = z.object({ items: z.array(Domain) });

// ---- enrollment keys -------------------------------------------------------------------

export const CreateEnrollmentKeyRequest = z.object({
  label: z.string().max(200).optional(),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
  maxUses: z.number().int().min(1).max(1_000_000_000).optional(),
});
export type CreateEnrollmentKeyRequest = z.infer<typeof CreateEnrollmentKeyRequest>;

export const EnrollmentKey = z.object({
  id: z.string(),
  label: z.string().nullable(),
  /** The first characters of the key, to tell keys apart; never enough to use it. */
  prefix: z.string(),
  createdAt: Timestamp,
  createdBy: z.string().nullable(),
  expiresAt: Timestamp.nullable(),
  maxUses: z.number().int().nullable(),
  uses: z.number().int(),
  lastUsedAt: Timestamp.nullable(),
  lastUsedDeviceId: z.string().nullable(),
  revokedAt: Timestamp.nullable(),
  /** active | expired | used_up | revoked */
  status: z.enum(['active', 'expired', 'used_up', 'revoked']),
});
export type EnrollmentKey = z.infer<typeof EnrollmentKey>;
/** The key itself is shown once, in this answer only. */
export const EnrollmentKeyCreated = EnrollmentKey.extend({ key: z.string() });
export type EnrollmentKeyCreated = z.infer<typeof EnrollmentKeyCreated>;
export const EnrollmentKeyList = z.object({ items: z.array(EnrollmentKey) });

// ---- devices ---------------------------------------------------------------------------

/** Refused enrollments or wrong tokens seen since the device's token was last issued or reset. */
export const Attempts = z.object({
  count: z.number().int(),
  firstAt: Timestamp,
  lastAt: Timestamp,
  lastIp: z.string().nullable(),
  /** What the claiming installation reported about itself (refused enrollments only). */
  lastInfo: DeviceInfo.nullable(),
});
export type Attempts = z.infer<typeof Attempts>;

export const Device = z.object({
  domain: z.string(),
  deviceId: z.string(),
  authState: AuthState,
  name: z.string().nullable(),
  model: z.string().nullable(),
  os: z.string().nullable(),
  osVersion: z.string().nullable(),
  agentVersion: z.string().nullable(),
  enrolledAt: Timestamp,
  enrolledWithKeyId: z.string().nullable(),
  tokenIssuedAt: Timestamp.nullable(),
  lastSeenAt: Timestamp.nullable(),
  lastSeenIp: z.string().nullable(),
  lastResetAt: Timestamp.nullable(),
  lastResetBy: z.string().nullable(),
  /** While `reset`: the moment after which re-enrollment is refused. */
  reenrollWindowEndsAt: Timestamp.nullable(),
  refusedEnrollments: Attempts.nullable(),
  invalidTokens: Attempts.nullable(),
  /**
   * True when the device checked in with its valid token after the first refused enrollment:
   * the real device still holds its token, and a second installation claims this Device ID.
   */
  validCheckinSinceWarning: z.boolean(),
});
export type Device = z.infer<typeof Device>;

export const DEVICE_SORTS = ['deviceId', '-deviceId', 'lastSeenAt', '-lastSeenAt', 'enrolledAt', '-enrolledAt'] as const;
export const DeviceSort = z.enum(DEVICE_SORTS);
export type DeviceSort = z.infer<typeof DeviceSort>;

export const DeviceListQuery = z.object({
  authState: AuthState.optional(),
  /** Device ID prefix, case-sensitive. */
  q: z.string().max(128).optional(),
  sort: DeviceSort.default('deviceId'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});
export type DeviceListQuery = z.infer<typeof DeviceListQuery>;

export const DeviceList = z.object({
  items: z.array(Device),
  nextCursor: z.string().nullable(),
  total: z.number().int(),
});
export type DeviceList = z.infer<typeof DeviceList>;

export const DeviceCounts = z.object({
  all: z.number().int(),
  ok: z.number().int(),
  missing: z.number().int(),
  invalid: z.number().int(),
  reset: z.number().int(),
});
export type DeviceCounts = z.infer<typeof DeviceCounts>;

export const BulkResetRequest = z.object({ deviceIds: z.array(DeviceId).min(1).max(1000) });
export const BulkResetResponse = z.object({
  items: z.array(
    z.object({
      deviceId: z.string(),
      ok: z.boolean(),
      device: Device.optional(),
      error: z.object({ code: z.string(), message: z.string() }).optional(),
    }),
  ),
});
export type BulkResetResponse = z.infer<typeof BulkResetResponse>;

// ---- audit log -------------------------------------------------------------------------

export const AUDIT_ACTIONS = [
  'device.enrolled',
  'device.reenrolled',
  'device.enrollment_refused',
  'device.reenrollment_refused',
  'device.token_invalid',
  'device.auth_token_reset',
  'enrollment_key.created',
  'enrollment_key.revoked',
  'user.created',
  'user.membership_set',
  'user.membership_removed',
  'user.signed_in',
  'user.sign_in_failed',
  'domain.created',
  'domain.updated',
  'api_token.created',
  'api_token.revoked',
] as const;
export const AuditAction = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditAction>;

export const Actor = z.discriminatedUnion('type', [
  z.object({ type: z.literal('user'), email: z.string() }),
  z.object({ type: z.literal('device'), deviceId: z.string() }),
  z.object({ type: z.literal('system') }),
]);
export type Actor = z.infer<typeof Actor>;

export const AuditEntry = z.object({
  id: z.string(),
  at: Timestamp,
  domain: z.string().nullable(),
  actor: Actor,
  action: z.string(),
  deviceId: z.string().nullable(),
  sourceIp: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z.object({
  deviceId: z.string().max(128).optional(),
  action: z.string().max(100).optional(),
  /** Actor email (users) or Device ID (devices), exact. */
  actor: z.string().max(320).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditList = z.object({ items: z.array(AuditEntry), nextCursor: z.string().nullable() });
export type AuditList = z.infer<typeof AuditList>;
