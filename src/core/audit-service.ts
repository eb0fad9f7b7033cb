import type { AuditEntry, AuditList, AuditQuery } from '../contract/admin.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { Clock, Storage } from './ports.js';
import type { AuditDraft, AuditRecord } from './records.js';
import { newId } from './tokens.js';

export function toAuditView(entry: AuditRecord): AuditEntry {
  return { ...entry, at: new Date(entry.at).toISOString() };
}

/** The audit log: append-only, read newest first in keyset pages. */
export function createAuditService({ storage, clock }: { storage: Storage; clock: Clock }) {
  return {
    /**
     * Appends one entry to each domain's log, or to the platform log (domain null) when the change
     * belongs to no domain. Pass the transaction of the change, so both land together or neither.
     */
    async record(domains: string | null | string[], draft: AuditDraft, tx: Storage = storage): Promise<void> {
      const targets = Array.isArray(domains) ? (domains.length > 0 ? domains : [null]) : [domains];
      const at = clock.now();
      for (const domain of targets) await tx.audit.insert({ ...draft, id: newId(), at, domain });
    },

    /** `domain` null reads the platform log: sign-ins and changes that belong to no domain. */
    async list(domain: string | null, query: AuditQuery): Promise<AuditList> {
      const before = query.cursor ? decodeCursor<{ at: number; id: string }>(query.cursor, { at: 'number', id: 'string' }) : undefined;
      const rows = await storage.audit.list({ domain, deviceId: query.deviceId, action: query.action, actor: query.actor, limit: query.limit + 1, before });
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map(toAuditView),
        nextCursor: rows.length > query.limit && last ? encodeCursor({ at: last.at, id: last.id }) : null,
      };
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
