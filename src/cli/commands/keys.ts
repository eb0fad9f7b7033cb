import QRCode from 'qrcode';
import { EnrollmentKeyCreated, EnrollmentKeyList } from '../../contract/admin.js';
import { formatEnrollmentString } from '../../contract/enrollment-string.js';
import { printJson, segment, type CliContext } from '../cli-context.js';
import { CLI_EXIT } from '../exit-codes.js';
import { formatTable, formatTime } from '../format-table.js';

export interface CreateKeyOptions {
  label?: string;
  expiresInMs?: number;
  expiresAt?: string;
  maxUses?: number;
  qr?: boolean;
}

/** `dmp keys create`: shows the key once, with its enrollment string (and QR code with --qr). */
export async function createKeyCommand(ctx: CliContext, options: CreateKeyOptions): Promise<number> {
  const domain = await ctx.domain();
  const expiresAt = options.expiresAt ?? (options.expiresInMs !== undefined ? new Date(Date.now() + options.expiresInMs).toISOString() : undefined);
  const created = await ctx.client.request('POST', `/api/v1/domains/${segment(domain)}/enrollment-keys`, EnrollmentKeyCreated, {
    ...(options.label ? { label: options.label } : {}),
    ...(expiresAt ? { expiresAt } : {}),
    ...(options.maxUses ? { maxUses: options.maxUses } : {}),
  });
  const enrollmentString = formatEnrollmentString({ server: ctx.client.server, domain, key: created.key });
  if (ctx.json) {
    printJson({ ...created, enrollmentString });
    return CLI_EXIT.ok;
  }
  console.log(`Enrollment key ${created.id} created in ${domain}${created.label ? ` (${created.label})` : ''}. It is shown only now:\n`);
  console.log(`  key:               ${created.key}`);
  console.log(`  enrollment string: ${enrollmentString}`);
  console.log(`  expires:           ${formatTime(created.expiresAt)}   max uses: ${created.maxUses ?? 'unlimited'}\n`);
  console.log(`On a device: dmp-agent enroll '${enrollmentString}'`);
  if (options.qr) console.log(`\n${await QRCode.toString(enrollmentString, { type: 'terminal', small: true })}`);
  return CLI_EXIT.ok;
}

export async function listKeysCommand(ctx: CliContext): Promise<number> {
  const domain = await ctx.domain();
  const { items } = await ctx.client.request('GET', `/api/v1/domains/${segment(domain)}/enrollment-keys`, EnrollmentKeyList);
  if (ctx.json) {
    printJson({ items });
    return CLI_EXIT.ok;
  }
  console.log(
    formatTable(
      ['ID', 'PREFIX', 'LABEL', 'STATUS', 'USES', 'EXPIRES', 'LAST USED'],
      items.map((k) => [k.id, k.prefix, k.label, k.status, `${k.uses}${k.maxUses ? `/${k.maxUses}` : ''}`, formatTime(k.expiresAt), k.lastUsedAt ? `${formatTime(k.lastUsedAt)} ${k.lastUsedDeviceId ?? ''}` : '-']),
    ),
  );
  return CLI_EXIT.ok;
}

/** Revokes keys by id; devices enrolled with them are unaffected. */
export async function revokeKeysCommand(ctx: CliContext, ids: string[]): Promise<number> {
  const domain = await ctx.domain();
  for (const id of ids) {
    await ctx.client.send('DELETE', `/api/v1/domains/${segment(domain)}/enrollment-keys/${segment(id)}`);
    if (!ctx.json) console.log(`revoked ${id}`);
  }
  if (ctx.json) printJson({ domain, revoked: ids });
  return CLI_EXIT.ok;
}
