import type { Role } from '../contract/common.js';
import { AppError } from './errors.js';
import type { MembershipRecord, UserRecord } from './records.js';

/** Who is calling the admin API: the user and their memberships, read once per request. */
export interface Principal {
  user: UserRecord;
  memberships: MembershipRecord[];
  /** How the request was authenticated; only cookie sessions need the Origin check. */
  via: 'session' | 'api_token';
}

/** The caller's role in a domain, or undefined when they are not a member. Platform admins administer every domain. */
export function roleIn(principal: Principal, domain: string): Role | undefined {
  if (principal.user.isPlatformAdmin) return 'admin';
  return principal.memberships.find((m) => m.domain === domain)?.role;
}

/**
 * Object-level authorisation for every /domains/{domain} route. A non-member gets 404, as if
 * the domain did not exist (domains cannot be discovered); a viewer's change gets 403.
 */
export function requireRole(principal: Principal, domain: string, needed: Role): Role {
  const role = roleIn(principal, domain);
  if (!role) throw new AppError('not_found', `No domain "${domain}".`);
  if (needed === 'admin' && role !== 'admin') throw new AppError('forbidden', 'Viewers can look but not change anything; ask a domain admin.');
  return role;
}

export function requirePlatformAdmin(principal: Principal): void {
  if (!principal.user.isPlatformAdmin) throw new AppError('forbidden', 'Only platform admins can do this.');
}
