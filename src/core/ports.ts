import type { AuthState } from '../contract/common.js';
import type { DeviceSort } from '../contract/admin.js';
import type { DeviceEvent } from '../contract/events.js';
import type {
  ApiTokenRecord, AuditRecord, DeviceRecord, DomainRecord, EnrollmentKeyRecord,
  MembershipRecord, SessionRecord, UserRecord,
} from './records.js';

/** What the core needs from the outside world. Implemented in src/storage and src/http. */

export interface DeviceListFilter {
  domain: string;
  authState?: AuthState;
  /** Device ID prefix, compared byte for byte. */
  prefix?: string;
  sort: DeviceSort;
  limit: number;
  /** Keyset position: the sort value and Device ID of the last row of the previous page. */
  after?: { value: string | number; deviceId: string };
}

export interface DomainRepository {
  get(slug: string): Promise<DomainRecord | undefined>;
  list(): Promise<DomainRecord[]>;
  /** Returns false when the slug is taken. */
  insert(domain: DomainRecord): Promise<boolean>;
  update(slug: string, patch: Partial<Omit<DomainRecord, 'slug' | 'createdAt'>>): Promise<DomainRecord | undefined>;
}

export interface DeviceRepository {
  get(domain: string, deviceId: string): Promise<DeviceRecord | undefined>;
  /** Returns false when the Device ID already exists in the domain (a racing enrollment won). */
  insert(device: DeviceRecord): Promise<boolean>;
  /**
   * Compare-and-set on `version`: returns false when another writer changed the row first.
   * `previous` is the row as read, so the per-state counts follow an authState change.
   * Call insert and update inside a transaction: the row and its count change together.
   */
  update(device: DeviceRecord, previous: Pick<DeviceRecord, 'version' | 'authState'>): Promise<boolean>;
  list(filter: DeviceListFilter): Promise<DeviceRecord[]>;
  /** Devices matching the filter; without a prefix it reads the kept counts, not the rows. */
  count(filter: Pick<DeviceListFilter, 'domain' | 'authState' | 'prefix'>): Promise<number>;
  countByAuthState(domain: string): Promise<Record<AuthState, number>>;
}

export interface EnrollmentKeyRepository {
  insert(key: EnrollmentKeyRecord): Promise<void>;
  list(domain: string): Promise<EnrollmentKeyRecord[]>;
  get(domain: string, id: string): Promise<EnrollmentKeyRecord | undefined>;
  findByHash(keyHash: string): Promise<EnrollmentKeyRecord | undefined>;
  revoke(domain: string, id: string, at: number): Promise<boolean>;
  /** Counts one use if the key is still usable at `at` (atomic); false when it is used up, expired or revoked. */
  consumeUse(id: string, at: number, deviceId: string): Promise<boolean>;
}

export interface UserRepository {
  get(id: string): Promise<UserRecord | undefined>;
  findByEmail(email: string): Promise<UserRecord | undefined>;
  list(): Promise<UserRecord[]>;
  listByDomain(domain: string): Promise<UserRecord[]>;
  count(): Promise<number>;
  /** Returns false when the email is taken. */
  insert(user: UserRecord): Promise<boolean>;
  memberships(userId: string): Promise<MembershipRecord[]>;
  membershipsOf(userIds: string[]): Promise<MembershipRecord[]>;
  setMembership(membership: MembershipRecord): Promise<void>;
  removeMembership(userId: string, domain: string): Promise<boolean>;
}

export interface SessionRepository {
  insert(session: SessionRecord): Promise<void>;
  get(idHash: string): Promise<SessionRecord | undefined>;
  touch(idHash: string, lastSeenAt: number): Promise<void>;
  delete(idHash: string): Promise<void>;
  deleteExpired(now: number, idleMs: number): Promise<number>;
}

export interface ApiTokenRepository {
  insert(token: ApiTokenRecord): Promise<void>;
  findByHash(tokenHash: string): Promise<ApiTokenRecord | undefined>;
  listByUser(userId: string): Promise<ApiTokenRecord[]>;
  revoke(userId: string, id: string, at: number): Promise<boolean>;
  touch(id: string, at: number): Promise<void>;
}

export interface AuditListFilter {
  /** null: the platform log (entries of no domain). */
  domain: string | null;
  deviceId?: string;
  action?: string;
  actor?: string;
  limit: number;
  /** Keyset position (newest first): entries strictly older than this one. */
  before?: { at: number; id: string };
}

export interface AuditRepository {
  insert(entry: AuditRecord): Promise<void>;
  list(filter: AuditListFilter): Promise<AuditRecord[]>;
}

export interface RateLimitRepository {
  /** Adds one hit to the counter `key` of the window starting at `windowStart`; returns the new count. */
  hit(key: string, windowStart: number, expiresAt: number): Promise<number>;
  /** The current count of `key` (0 when it has none). */
  count(key: string): Promise<number>;
  prune(now: number): Promise<number>;
}

export interface Storage {
  readonly dialect: 'sqlite' | 'postgres';
  readonly domains: DomainRepository;
  readonly devices: DeviceRepository;
  readonly enrollmentKeys: EnrollmentKeyRepository;
  readonly users: UserRepository;
  readonly sessions: SessionRepository;
  readonly apiTokens: ApiTokenRepository;
  readonly audit: AuditRepository;
  readonly rateLimits: RateLimitRepository;
  /** Runs `work` in one transaction; everything it writes lands together or not at all. */
  transaction<T>(work: (tx: Storage) => Promise<T>): Promise<T>;
  /** Resolves when the database answers a trivial query (health checks). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface Clock {
  now(): number;
}

/** Device changes, delivered to every subscriber of the domain (across nodes where the bus supports it). */
export interface EventBus {
  publish(event: DeviceEvent): Promise<void>;
  subscribe(domain: string, listener: (event: DeviceEvent) => void): () => void;
  close(): Promise<void>;
}
