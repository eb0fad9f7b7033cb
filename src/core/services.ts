import { createAdminAuthService } from './admin-auth-service.js';
import { createAuditService } from './audit-service.js';
import { createDeviceAuthService } from './device-auth-service.js';
import { createDeviceQueryService } from './device-query-service.js';
import { createDomainService } from './domain-service.js';
import { createEnrollmentKeyService } from './enrollment-key-service.js';
import { createFailureLimiter } from './failure-limiter.js';
import type { Clock, EventBus, Storage } from './ports.js';
import { createUserService } from './user-service.js';

export const systemClock: Clock = { now: () => Date.now() };

/** Wires every core service to one storage, clock and event bus. */
export function createServices({
  storage,
  events,
  clock = systemClock,
  warn,
}: {
  storage: Storage;
  events: EventBus;
  clock?: Clock;
  /** Told about trouble that does not fail the request (an event that could not be published). */
  warn?: (message: string, err: unknown) => void;
}) {
  const audit = createAuditService({ storage, clock });
  return {
    storage,
    events,
    clock,
    audit,
    deviceAuth: createDeviceAuthService({ storage, clock, events, warn }),
    devices: createDeviceQueryService({ storage }),
    domains: createDomainService({ storage, clock, audit }),
    users: createUserService({ storage, clock, audit }),
    enrollmentKeys: createEnrollmentKeyService({ storage, clock, audit }),
    adminAuth: createAdminAuthService({ storage, clock, audit }),
    failures: createFailureLimiter({ storage, clock }),
  };
}

export type Services = ReturnType<typeof createServices>;
