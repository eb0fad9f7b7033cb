import { DomainList, Me } from '../../contract/admin.js';
import { printJson, type CliContext } from '../cli-context.js';
import { CLI_EXIT } from '../exit-codes.js';
import { formatTable } from '../format-table.js';

export async function whoamiCommand(ctx: CliContext): Promise<number> {
  const me = await ctx.client.request('GET', '/api/v1/auth/me', Me);
  if (ctx.json) printJson({ server: ctx.client.server, ...me });
  else console.log(`${me.user.email} on ${ctx.client.server}${me.user.isPlatformAdmin ? ' (platform admin)' : ''}`);
  return CLI_EXIT.ok;
}

export async function listDomainsCommand(ctx: CliContext): Promise<number> {
  const { items } = await ctx.client.request('GET', '/api/v1/domains', DomainList);
  if (ctx.json) printJson({ items });
  else console.log(formatTable(['DOMAIN', 'NAME', 'ROLE', 'CHECK-IN', 'RE-ENROLL WINDOW'], items.map((d) => [d.slug, d.name, d.role, `${d.checkinIntervalSeconds}s`, `${d.reenrollWindowSeconds}s`])));
  return CLI_EXIT.ok;
}
