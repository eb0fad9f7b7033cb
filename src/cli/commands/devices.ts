import { BulkResetResponse, Device, DeviceList, type DeviceSort } from '../../contract/admin.js';
import type { AuthState } from '../../contract/common.js';
import { AdminApiError } from '../admin-client.js';
import { printJson, segment, UsageError, type CliContext } from '../cli-context.js';
import { CLI_EXIT } from '../exit-codes.js';
import { formatTable, formatTime } from '../format-table.js';
import { collectDeviceIds } from '../read-ids.js';

const WARNING_STATES: readonly string[] = ['missing', 'invalid'];

function stateCell(state: string): string {
  return WARNING_STATES.includes(state) ? `${state} (!)` : state;
}

export interface ListOptions {
  state?: AuthState;
  prefix?: string;
  sort?: DeviceSort;
  limit?: number;
  all?: boolean;
}

/** `dmp devices list`: one page (--limit, default 50), or every page with --all. */
export async function listDevicesCommand(ctx: CliContext, options: ListOptions): Promise<number> {
  const domain = await ctx.domain();
  const items: Device[] = [];
  let cursor: string | null = null;
  let total = 0;
  do {
    const query = new URLSearchParams();
    if (options.state) query.set('authState', options.state);
    if (options.prefix) query.set('q', options.prefix);
    if (options.sort) query.set('sort', options.sort);
    query.set('limit', String(options.all ? 500 : (options.limit ?? 50)));
    if (cursor) query.set('cursor', cursor);
    const page: DeviceList = await ctx.client.request('GET', `/api/v1/domains/${segment(domain)}/devices?${query}`, DeviceList);
    items.push(...page.items);
    total = page.total;
    cursor = options.all ? page.nextCursor : null;
  } while (cursor);

  if (ctx.json) {
    printJson({ items, total });
    return CLI_EXIT.ok;
  }
  console.log(formatTable(['DEVICE ID', 'STATE', 'LAST SEEN', 'ENROLLED', 'NAME'], items.map((d) => [d.deviceId, stateCell(d.authState), formatTime(d.lastSeenAt), formatTime(d.enrolledAt), d.name])));
  console.log(`\n${items.length} of ${total} device(s) in ${domain}${options.state ? ` with state ${options.state}` : ''}.${items.length < total && !options.all ? ' Use --all for every one.' : ''}`);
  return CLI_EXIT.ok;
}

/** `dmp devices show ID`: every field, and what a warning means. */
export async function showDeviceCommand(ctx: CliContext, deviceId: string): Promise<number> {
  const domain = await ctx.domain();
  const d = await ctx.client.request('GET', `/api/v1/domains/${segment(domain)}/devices/${segment(deviceId)}`, Device);
  if (ctx.json) {
    printJson(d);
    return CLI_EXIT.ok;
  }
  const rows: Array<[string, string | null | undefined]> = [
    ['Device ID', d.deviceId],
    ['Domain', d.domain],
    ['Auth state', stateCell(d.authState)],
    ['Name', d.name],
    ['Model', d.model],
    ['OS', [d.os, d.osVersion].filter(Boolean).join(' ') || null],
    ['Agent', d.agentVersion],
    ['Enrolled', formatTime(d.enrolledAt)],
    ['Token issued', formatTime(d.tokenIssuedAt)],
    ['Last seen', `${formatTime(d.lastSeenAt)}${d.lastSeenIp ? ` from ${d.lastSeenIp}` : ''}`],
    ['Last reset', d.lastResetAt ? `${formatTime(d.lastResetAt)} by ${d.lastResetBy ?? '?'}` : null],
    ['Re-enroll until', d.reenrollWindowEndsAt ? formatTime(d.reenrollWindowEndsAt) : null],
    ['Refused enrollments', d.refusedEnrollments ? `${d.refusedEnrollments.count} (last ${formatTime(d.refusedEnrollments.lastAt)} from ${d.refusedEnrollments.lastIp ?? '?'})` : null],
    ['Invalid tokens', d.invalidTokens ? `${d.invalidTokens.count} (last ${formatTime(d.invalidTokens.lastAt)} from ${d.invalidTokens.lastIp ?? '?'})` : null],
  ];
  for (const [label, value] of rows) console.log(`${`${label}:`.padEnd(21)}${value ?? '-'}`);
  if (d.authState === 'missing') {
    console.log(`\nAn installation tried to enroll as "${d.deviceId}" while the server holds its token: the device lost its token (e.g. a wipe).`);
    if (d.validCheckinSinceWarning) console.log('But the device also checked in with its valid token since: another installation claims this Device ID.');
    console.log(`If the device was reinstalled, reset its auth token: dmp devices reset ${d.deviceId} --domain ${d.domain}`);
  } else if (d.authState === 'invalid') {
    console.log(`\nA request for "${d.deviceId}" presented a token that is not its current one (an old backup, a clone, or an attack).`);
    console.log(`To let the device enroll again, reset its auth token: dmp devices reset ${d.deviceId} --domain ${d.domain}`);
  }
  return CLI_EXIT.ok;
}

/**
 * `dmp devices reset ID...` (or IDs on stdin): resets each auth token, 1000 per request.
 * Exit 0 when all were reset, else partialFailure (each failure printed).
 */
export async function resetDevicesCommand(ctx: CliContext, args: string[], stdinText: string | undefined): Promise<number> {
  const { ids, invalid } = collectDeviceIds(args, stdinText);
  if (ids.length === 0 && invalid.length === 0) throw new UsageError('Name the Device IDs to reset, as arguments or one per line on stdin.');
  const domain = await ctx.domain();
  const results: BulkResetResponse['items'] = invalid.map((deviceId) => ({ deviceId, ok: false, error: { code: 'invalid_device_id', message: 'Not a valid Device ID; nothing was sent for it.' } }));
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    if (chunk.length === 1) {
      // One device: the contract's own route, whose errors (404, 403) are the clearest.
      try {
        const device = await ctx.client.request('POST', `/api/v1/domains/${segment(domain)}/devices/${segment(chunk[0]!)}/auth-token/reset`, Device);
        results.push({ deviceId: chunk[0]!, ok: true, device });
      } catch (error) {
        if (!(error instanceof AdminApiError) || error.status === 401 || error.status === 0 || error.status >= 500) throw error;
        results.push({ deviceId: chunk[0]!, ok: false, error: { code: error.code, message: error.message } });
      }
    } else {
      const answer = await ctx.client.request('POST', `/api/v1/domains/${segment(domain)}/auth-token-resets`, BulkResetResponse, { deviceIds: chunk });
      results.push(...answer.items);
    }
  }
  const failed = results.filter((r) => !r.ok);
  if (ctx.json) {
    printJson({ domain, items: results });
  } else {
    for (const r of results) {
      if (r.ok) console.log(`reset   ${r.deviceId}`);
      else console.error(`failed  ${r.deviceId}: ${r.error?.message ?? 'unknown error'} (${r.error?.code ?? '?'})`);
    }
    console.log(`${results.length - failed.length} of ${results.length} auth token(s) reset in ${domain}; those devices may now enroll again.`);
  }
  if (failed.length === 0) return CLI_EXIT.ok;
  // One device that does not exist is "not found"; a mixed batch is a partial failure.
  if (results.length === 1 && failed[0]?.error?.code === 'not_found') return CLI_EXIT.notFound;
  if (results.length === 1 && failed[0]?.error?.code === 'forbidden') return CLI_EXIT.forbidden;
  return CLI_EXIT.partialFailure;
}
