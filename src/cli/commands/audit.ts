import { AuditList, type Actor, type AuditEntry } from '../../contract/admin.js';
import { printJson, segment, type CliContext } from '../cli-context.js';
import { CLI_EXIT } from '../exit-codes.js';
import { formatTable, formatTime } from '../format-table.js';

export interface AuditOptions {
  deviceId?: string;
  action?: string;
  actor?: string;
  limit?: number;
}

function actorCell(actor: Actor): string {
  if (actor.type === 'user') return actor.email;
  if (actor.type === 'device') return `device ${actor.deviceId}`;
  return 'system';
}

/** `dmp audit`: the newest entries of the domain's audit log. */
export async function auditCommand(ctx: CliContext, options: AuditOptions): Promise<number> {
  const domain = await ctx.domain();
  const query = new URLSearchParams();
  if (options.deviceId) query.set('deviceId', options.deviceId);
  if (options.action) query.set('action', options.action);
  if (options.actor) query.set('actor', options.actor);
  const wanted = options.limit ?? 50;
  const items: AuditEntry[] = [];
  let cursor: string | null = null;
  do {
    query.set('limit', String(Math.min(500, wanted - items.length)));
    if (cursor) query.set('cursor', cursor);
    const page: AuditList = await ctx.client.request('GET', `/api/v1/domains/${segment(domain)}/audit-log?${query}`, AuditList);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && items.length < wanted);
  if (ctx.json) {
    printJson({ items });
    return CLI_EXIT.ok;
  }
  console.log(formatTable(['AT', 'ACTOR', 'ACTION', 'DEVICE ID', 'SOURCE IP'], items.map((e) => [formatTime(e.at), actorCell(e.actor), e.action, e.deviceId, e.sourceIp])));
  return CLI_EXIT.ok;
}
