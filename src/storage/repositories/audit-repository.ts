import type { Kysely, Selectable } from 'kysely';
import type { AuditRepository } from '../../core/ports.js';
import type { ActorRecord, AuditRecord } from '../../core/records.js';
import type { AuditLogTable, DB } from '../schema.js';

function actorOf(row: Selectable<AuditLogTable>): ActorRecord {
  if (row.actor_type === 'user') return { type: 'user', email: row.actor_email ?? '' };
  if (row.actor_type === 'device') return { type: 'device', deviceId: row.actor_device_id ?? '' };
  return { type: 'system' };
}

const toRecord = (row: Selectable<AuditLogTable>): AuditRecord => ({
  id: row.id,
  domain: row.domain,
  at: Number(row.at),
  actor: actorOf(row),
  action: row.action,
  deviceId: row.device_id,
  sourceIp: row.source_ip,
  details: row.details === null ? null : (JSON.parse(row.details) as Record<string, unknown>),
});

/** Append-only: there is no update or delete here on purpose. */
export function auditRepository(db: Kysely<DB>): AuditRepository {
  return {
    async insert(e) {
      await db
        .insertInto('audit_log')
        .values({
          id: e.id,
          domain: e.domain,
          at: e.at,
          actor_type: e.actor.type,
          actor_email: e.actor.type === 'user' ? e.actor.email : null,
          actor_device_id: e.actor.type === 'device' ? e.actor.deviceId : null,
          action: e.action,
          device_id: e.deviceId,
          source_ip: e.sourceIp,
          details: e.details === null ? null : JSON.stringify(e.details),
        })
        .execute();
    },
    async list(filter) {
      let query = db.selectFrom('audit_log').selectAll().where('domain', filter.domain === null ? 'is' : '=', filter.domain);
      if (filter.deviceId) query = query.where('device_id', '=', filter.deviceId);
      if (filter.action) query = query.where('action', '=', filter.action);
      if (filter.actor) {
        // An email (users, stored lower-case) or a Device ID (devices, byte for byte): each side has its index.
        query = filter.actor.includes('@') ? query.where('actor_email', '=', filter.actor.toLowerCase()) : query.where('actor_device_id', '=', filter.actor);
      }
      if (filter.before) {
        const { at, id } = filter.before;
        query = query.where((eb) => eb(eb.refTuple('at', 'id'), '<', eb.tuple(at, id)));
      }
      const rows = await query.orderBy('at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
      return rows.map(toRecord);
    },
  };
}
