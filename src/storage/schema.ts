import type { Generated } from 'kysely';

/**
 * The database as Kysely sees it, one interface for SQLite and PostgreSQL. Times are epoch
 * milliseconds (bigint columns read back as numbers), booleans 0/1, JSON as text.
 */
export interface DB {
  domains: DomainsTable;
  devices: DevicesTable;
  device_counts: DeviceCountsTable;
  enrollment_keys: EnrollmentKeysTable;
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  rate_limits: RateLimitsTable;
}

export interface DomainsTable {
  slug: string;
  name: string;
  reenroll_window_seconds: number;
  checkin_interval_seconds: number;
  created_at: number;
}

export interface DevicesTable {
  domain: string;
  device_id: string;
  auth_state: string;
  name: string | null;
  model: string | null;
  os: string | null;
  os_version: string | null;
  agent_version: string | null;
  token_hash: string | null;
  token_issued_at: number | null;
  reset_token_hash: string | null;
  enrolled_at: number;
  enrolled_with_key_id: string | null;
  last_seen_at: number;
  last_seen_ip: string | null;
  last_reset_at: number | null;
  last_reset_by: string | null;
  reenroll_window_ends_at: number | null;
  /** JSON of AttemptRecord */
  refused_enrollments: string | null;
  /** JSON of AttemptRecord */
  invalid_tokens: string | null;
  version: number;
}

export interface DeviceCountsTable {
  domain: string;
  auth_state: string;
  n: number;
}

export interface EnrollmentKeysTable {
  id: string;
  domain: string;
  label: string | null;
  key_hash: string;
  prefix: string;
  created_at: number;
  created_by: string | null;
  expires_at: number | null;
  max_uses: number | null;
  uses: number;
  last_used_at: number | null;
  last_used_device_id: string | null;
  revoked_at: number | null;
}

export interface UsersTable {
  id: string;
  email: string;
  password_hash: string;
  is_platform_admin: number;
  created_at: number;
}

export interface MembershipsTable {
  user_id: string;
  domain: string;
  role: string;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface AuditLogTable {
  id: string;
  domain: string | null;
  at: number;
  actor_type: string;
  actor_email: string | null;
  actor_device_id: string | null;
  action: string;
  device_id: string | null;
  source_ip: string | null;
  /** JSON */
  details: string | null;
}

export interface RateLimitsTable {
  key: string;
  window_start: number;
  expires_at: number;
  count: Generated<number>;
}
