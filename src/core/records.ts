import type { AuthState, DeviceInfo, Role } from '../contract/common.js';

/** What the core works with: plain records, times as epoch milliseconds. */

export interface DomainRecord {
  slug: string;
  name: string;
  reenrollWindowSeconds: number;
  checkinIntervalSeconds: number;
  createdAt: number;
}

export interface AttemptRecord {
  count: number;
  firstAt: number;
  lastAt: number;
  lastIp: string | null;
  lastInfo: DeviceInfo | null;
}

export interface DeviceRecord {
  domain: string;
  deviceId: string;
  authState: AuthState;
  name: string | null;
  model: string | null;
  os: string | null;
  osVersion: string | null;
  agentVersion: string | null;
  /** SHA-256 of the current token; null while `reset`. */
  tokenHash: string | null;
  tokenIssuedAt: number | null;
  /** SHA-256 of the token a reset killed, so that it gets `auth_token_reset` rather than `auth_token_invalid`. */
  resetTokenHash: string | null;
  enrolledAt: number;
  enrolledWithKeyId: string | null;
  lastSeenAt: number | null;
  lastSeenIp: string | null;
  lastResetAt: number | null;
  lastResetBy: string | null;
  reenrollWindowEndsAt: number | null;
  refusedEnrollments: AttemptRecord | null;
  invalidTokens: AttemptRecord | null;
  /** Optimistic-concurrency counter: every write is `WHERE version = read version`. */
  version: number;
}

export interface EnrollmentKeyRecord {
  id: string;
  domain: string;
  label: string | null;
  keyHash: string;
  prefix: string;
  createdAt: number;
  createdBy: string | null;
  expiresAt: number | null;
  maxUses: number | null;
  uses: number;
  lastUsedAt: number | null;
  lastUsedDeviceId: string | null;
  revokedAt: number | null;
}

export interface UserRecord {
  id: string;
  email: string;
  passwordHash: string;
  isPlatformAdmin: boolean;
  createdAt: number;
}

export interface MembershipRecord {
  userId: string;
  domain: string;
  role: Role;
}

export interface SessionRecord {
  idHash: string;
  userId: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
}

export interface ApiTokenRecord {
  id: string;
  userId: string;
  name: string;
  tokenHash: string;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

export type ActorRecord =
  | { type: 'user'; email: string }
  | { type: 'device'; deviceId: string }
  | { type: 'system' };

export interface AuditRecord {
  id: string;
  domain: string | null;
  at: number;
  actor: ActorRecord;
  action: string;
  deviceId: string | null;
  sourceIp: string | null;
  details: Record<string, unknown> | null;
}

/** An audit entry before it has an id and a time. */
export type AuditDraft = Omit<AuditRecord, 'id' | 'at' | 'domain'>;
