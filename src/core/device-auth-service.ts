import type { CheckinRequest, EnrollRequest } from '../contract/device.js';
import type { Device } from '../contract/admin.js';
import { DOMAIN_SLUG_PATTERN } from '../contract/common.js';
import { AppError } from './errors.js';
import { transition, type AuthEvent, type Transition } from './auth-state.js';
import { toDeviceView } from './device-view.js';
import { isKeyUsable } from './enrollment-key-status.js';
import type { Clock, EventBus, Storage } from './ports.js';
import type { DeviceRecord, DomainRecord } from './records.js';
import { generateSecret, hashSecret, newId } from './tokens.js';

// Check-ins read their domain's settings (the interval) on every request; a second-old copy is
// fine for that and saves a database round trip per check-in at fleet rates.
const DOMAIN_CACHE_MS = 1000;

// Two writers racing for one device: the loser re-reads and decides again. A handful of
// rounds is plenty; more means something is wrong, and the client can retry.
const MAX_ROUNDS = 5;

type Deps = { storage: Storage; clock: Clock; events: EventBus; warn?: (message: string, err: unknown) => void };

/** Enrollment, check-in and admin reset: reads a device, runs the state machine, writes with compare-and-set. */
export function createDeviceAuthService({ storage, clock, events, warn = () => undefined }: Deps) {
  const domainCache = new Map<string, { domain: DomainRecord | undefined; until: number }>();
  async function cachedDomain(slug: string): Promise<DomainRecord | undefined> {
    const now = clock.now();
    if (!DOMAIN_SLUG_PATTERN.test(slug)) return undefined;
    const hit = domainCache.get(slug);
    if (hit && hit.until > now) return hit.domain;
    const domain = await storage.domains.get(slug);
    // Unknown slugs are not cached: a stranger could fill the map with them.
    if (domain) domainCache.set(slug, { domain, until: now + DOMAIN_CACHE_MS });
    return domain;
  }

  /** Writes one transition inside `tx`; false when another writer got there first. */
  async function write(tx: Storage, current: DeviceRecord | undefined, t: Transition, domain: string, at: number): Promise<boolean> {
    if (t.write === 'insert' && t.device) {
      if (!(await tx.devices.insert(t.device))) return false;
    } else if (t.write === 'update' && t.device && current) {
      if (!(await tx.devices.update({ ...t.device, version: current.version + 1 }, current))) return false;
    }
    for (const draft of t.audit) await tx.audit.insert({ ...draft, id: newId(), at, domain });
    return true;
  }

  async function publish(t: Transition, domain: string, at: number): Promise<void> {
    if (!t.device || t.events.length === 0) return;
    const device = toDeviceView(t.device);
    // The change is committed: a failing event bus costs live consoles an update (they refetch),
    // never the device its answer (an enrollment's token is shown only once).
    try {
      for (const type of t.events) await events.publish({ type, domain, deviceId: t.device.deviceId, at: new Date(at).toISOString(), device });
    } catch (err) {
      warn('publishing a device event failed', err);
    }
  }

  /**
   * Runs an event against one device until its write lands. `extra` runs in the same transaction
   * after the device write (e.g. counting an enrollment key's use) and may throw to roll back.
   */
  async function apply(
    domain: string,
    deviceId: string,
    makeEvent: (now: number) => AuthEvent,
    extra?: (tx: Storage, t: Transition, now: number) => Promise<void>,
  ): Promise<Transition> {
    // Most check-ins only move lastSeenAt: no audit entry, no authState change (so no count to
    // keep in step), no insert. One compare-and-set statement is enough then, without a
    // transaction or row lock. Everything else, or a write that lost a race, goes the transactional way.
    if (!extra) {
      const now = clock.now();
      const current = await storage.devices.get(domain, deviceId);
      const t = transition(current, makeEvent(now));
      const isQuiet = t.audit.length === 0 && t.write !== 'insert' && t.device?.authState === current?.authState;
      if (isQuiet && (await write(storage, current, t, domain, now))) {
        await publish(t, domain, now);
        return t;
      }
    }
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const now = clock.now();
      const event = makeEvent(now);
      const outcome = await storage.transaction(async (tx) => {
        const current = await tx.devices.get(domain, deviceId);
        const t = transition(current, event);
        if (!(await write(tx, current, t, domain, now))) return undefined;
        if (extra) await extra(tx, t, now);
        return t;
      });
      if (outcome) {
        await publish(outcome, domain, now);
        return outcome;
      }
    }
    throw new AppError('service_unavailable', 'The device is being changed by another request; try again.');
  }

  return {
    /** The enrollment handshake: issues a token once, or refuses and flags the device. */
    async enroll(request: EnrollRequest, ip: string | null): Promise<{ token: string; domain: DomainRecord }> {
      const now = clock.now();
      const domain = DOMAIN_SLUG_PATTERN.test(request.domain) ? await storage.domains.get(request.domain) : undefined;
      const key = await storage.enrollmentKeys.findByHash(hashSecret(request.enrollmentKey));
      // Unknown domain, unknown key, another domain's key: one answer, so nothing can be enumerated.
      if (!domain || !key || key.domain !== domain.slug || !isKeyUsable(key, now)) throw new AppError('enrollment_key_invalid');

      const token = generateSecret('device_token');
      const tokenHash = hashSecret(token);
      const t = await apply(
        domain.slug,
        request.deviceId,
        (at) => ({ type: 'enroll', domain: domain.slug, deviceId: request.deviceId, now: at, ip, info: request.info, newTokenHash: tokenHash, keyId: key.id }),
        async (tx, result, at) => {
          if (result.issuedToken && !(await tx.enrollmentKeys.consumeUse(key.id, at, request.deviceId))) {
            throw new AppError('enrollment_key_invalid'); // used up by a racing enrollment: roll back
          }
        },
      );
      if (t.error === 'auth_token_exists') {
        throw new AppError(
          'auth_token_exists',
          `Device ID "${request.deviceId}" is already enrolled on domain "${domain.slug}" (Device IDs are case-sensitive). ` +
            `Ask an administrator of "${domain.slug}" to reset the auth token of "${request.deviceId}", then enroll again.`,
        );
      }
      if (t.error) throw new AppError(t.error);
      return { token, domain };
    },

    /** A check-in with the device's bearer token. */
    async checkin(request: CheckinRequest, bearerToken: string | null, ip: string | null): Promise<{ domain: DomainRecord }> {
      const domain = await cachedDomain(request.domain);
      if (!domain) throw new AppError('auth_token_invalid');
      const presentedTokenHash = bearerToken ? hashSecret(bearerToken) : null;
      const t = await apply(domain.slug, request.deviceId, (now) => ({ type: 'checkin', now, ip, info: request.info, presentedTokenHash }));
      if (t.error) throw new AppError(t.error);
      return { domain };
    },

    /** An admin's reset: the old token is dead at once and one re-enrollment is allowed within the window. */
    async resetAuthToken(domain: DomainRecord, deviceId: string, by: string, ip: string | null): Promise<Device> {
      const t = await apply(domain.slug, deviceId, (now) => ({ type: 'reset', now, ip, by, reenrollWindowSeconds: domain.reenrollWindowSeconds }));
      if (t.error || !t.device) throw new AppError(t.error ?? 'not_found', `No device "${deviceId}" in domain "${domain.slug}".`);
      return toDeviceView(t.device);
    },
  };
}

export type DeviceAuthService = ReturnType<typeof createDeviceAuthService>;
