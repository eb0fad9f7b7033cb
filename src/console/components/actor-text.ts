import type { Actor } from '../../contract/admin.js';

export function actorText(actor: Actor): string {
  if (actor.type === 'user') return actor.email;
  if (actor.type === 'device') return `device ${actor.deviceId}`;
  return 'system';
}
