import { sql, type Kysely, type Selectable } from 'kysely';
import { AUTH_STATES, type AuthState } from '../../contract/common.js';
import type { DeviceListFilter, DeviceRepository } from '../../core/ports.js';
import type { AttemptRecord, DeviceRecord } from '../../core/records.js';
import type { DB, DevicesTable } from '../schema.js';

// Device IDs only hold ASCII below '~', so every ID starting with p sorts in [p, p + '~').
const PREFIX_END = '~';

const parseAttempts = (json: string | null): AttemptRecord | null => (json === null ? null : (JSON.parse(json) as AttemptRecord));

function toRecord(row: Selectable<DevicesTable>): DeviceRecord {
  return {
    domain: row.domain,
    deviceId: row.device_id,
    authState: row.auth_state as AuthState,
    name: row.name,
    model: row.model,
    os: row.os,
    osVersion: row.os_version,
    agentVersion: row.agent_version,
    tokenHash: row.token_hash,
    tokenIssuedAt: row.token_issued_at === null ? null : Number(row.token_issued_at),
    resetTokenHash: row.reset_token_hash,
    enrolledAt: Number(row.enrolled_at),
    enrolledWithKeyId: row.enrolled_with_key_id,
    lastSeenAt: Number(row.last_seen_at),
    lastSeenIp: row.last_seen_ip,
    lastResetAt: row.last_reset_at === null ? null : Number(row.last_reset_at),
    lastResetBy: row.last_reset_by,
    reenrollWindowEndsAt: row.reenroll_window_ends_at === null ? null : Number(row.reenroll_window_ends_at),
    refusedEnrollments: parseAttempts(row.refused_enrollments),
    invalidTokens: parseAttempts(row.invalid_tokens),
    version: Number(row.version),
  };
}

function toRow(d: DeviceRecord): DevicesTable {
  return {
    domain: d.domain,
    device_id: d.deviceId,
    auth_state: d.authState,
    name: d.name,
    model: d.model,
    os: d.os,
    os_version: d.osVersion,
    agent_version: d.agentVersion,
    token_hash: d.tokenHash,
    token_issued_at: d.tokenIssuedAt,
    reset_token_hash: d.resetTokenHash,
    enrolled_at: d.enrolledAt,
    enrolled_with_key_id: d.enrolledWithKeyId,
    last_seen_at: d.lastSeenAt ?? d.enrolledAt,
    last_seen_ip: d.lastSeenIp,
    last_reset_at: d.lastResetAt,
    last_reset_by: d.lastResetBy,
    reenroll_window_ends_at: d.reenrollWindowEndsAt,
    refused_enrollments: d.refusedEnrollments === null ? null : JSON.stringify(d.refusedEnrollments),
    invalid_tokens: d.invalidTokens === null ? null : JSON.stringify(d.invalidTokens),
    version: d.version,
  };
}

const SORT_COLUMN = { deviceId: 'device_id', lastSeenAt: 'last_seen_at', enrolledAt: 'enrolled_at' } as const;

/**
 * `lockRowsOnRead`: inside a transaction on a backend with row locks, `get` locks the row until
 * commit, so racing writers of one device wait for each other instead of failing their compare-and-set.
 */
export function deviceRepository(db: Kysely<DB>, { lockRowsOnRead = false } = {}): DeviceRepository {
  function filtered(filter: Pick<DeviceListFilter, 'domain' | 'authState' | 'prefix'>) {
    let query = db.selectFrom('devices').where('domain', '=', filter.domain);
    if (filter.authState) query = query.where('auth_state', '=', filter.authState);
    // A range, not LIKE: SQLite's LIKE ignores case, and a range is answered from the index byte for byte.
    if (filter.prefix) query = query.where('device_id', '>=', filter.prefix).where('device_id', '<', filter.prefix + PREFIX_END);
    return query;
  }

  /**
   * Applies count changes in one statement, in auth_state order: concurrent transactions then
   * lock the count rows in the same order, so on PostgreSQL an ok→reset of one device and a
   * reset→ok of another cannot deadlock.
   */
  async function addToCounts(domain: string, deltas: Array<[AuthState, number]>): Promise<void> {
    const rows = [...deltas].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([authState, n]) => ({ domain, auth_state: authState, n }));
    await db
      .insertInto('device_counts')
      .values(rows)
      .onConflict((oc) => oc.columns(['domain', 'auth_state']).doUpdateSet({ n: sql`device_counts.n + excluded.n` }))
      .execute();
  }

  async function readCounts(domain: string): Promise<Record<AuthState, number>> {
    const rows = await db.selectFrom('device_counts').select(['auth_state', 'n']).where('domain', '=', domain).execute();
    const counts = Object.fromEntries(AUTH_STATES.map((s) => [s, 0])) as Record<AuthState, number>;
    for (const row of rows) if (row.auth_state in counts) counts[row.auth_state as AuthState] = Number(row.n);
    return counts;
  }

  return {
    async get(domain, deviceId) {
      const query = db.selectFrom('devices').selectAll().where('domain', '=', domain).where('device_id', '=', deviceId);
      const row = await (lockRowsOnRead ? query.forUpdate() : query).executeTakeFirst();
      return row && toRecord(row);
    },

    async insert(device) {
      const result = await db.insertInto('devices').values(toRow(device)).onConflict((oc) => oc.columns(['domain', 'device_id']).doNothing()).executeTakeFirst();
      const inserted = Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
      if (inserted) await addToCounts(device.domain, [[device.authState, 1]]);
      return inserted;
    },

    async update(device, previous) {
      const { domain, device_id, ...changes } = toRow(device);
      const result = await db
        .updateTable('devices')
        .set(changes)
        .where('domain', '=', domain)
        .where('device_id', '=', device_id)
        .where('version', '=', previous.version)
        .executeTakeFirst();
      const updated = Number(result.numUpdatedRows) === 1;
      if (updated && previous.authState !== device.authState) {
        await addToCounts(domain, [[previous.authState, -1], [device.authState, 1]]);
      }
      return updated;
    },

    async list(filter) {
      const descending = filter.sort.startsWith('-');
      const column = SORT_COLUMN[filter.sort.replace('-', '') as keyof typeof SORT_COLUMN];
      const direction = descending ? 'desc' : 'asc';
      let query = filtered(filter).selectAll();
      if (filter.after) {
        const { value, deviceId } = filter.after;
        const op = descending ? '<' : '>';
        query =
          column === 'device_id'
            ? query.where('device_id', op, deviceId)
            : query.where((eb) => eb(eb.refTuple(column, 'device_id'), op, eb.tuple(Number(value), deviceId)));
      }
      query = column === 'device_id' ? query.orderBy('device_id', direction) : query.orderBy(column, direction).orderBy('device_id', direction);
      const rows = await query.limit(filter.limit).execute();
      return rows.map(toRecord);
    },

    async count(filter) {
      if (!filter.prefix) {
        const counts = await readCounts(filter.domain);
        return filter.authState ? counts[filter.authState] : AUTH_STATES.reduce((sum, s) => sum + counts[s], 0);
      }
      const row = await filtered(filter).select((eb) => eb.fn.countAll<number | string | bigint>().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    },

    countByAuthState: readCounts,
  };
}
