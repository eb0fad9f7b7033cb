import { AppError } from './errors.js';
import type { Clock, Storage } from './ports.js';

/** A budget of failures per key in a fixed window. */
export interface FailureRule {
  max: number;
  windowSeconds: number;
}

export const FAILURE_RULES = {
  // Wrong enrollment keys: a real device has one key and rarely fails; a guesser fails fast.
  enrollByIp: { max: 30, windowSeconds: 600 },
  enrollByDevice: { max: 10, windowSeconds: 600 },
  // Wrong tokens: a whole fleet behind one NAT may share an address, so the per-address budget is wide.
  checkinByIp: { max: 300, windowSeconds: 60 },
  checkinByDevice: { max: 20, windowSeconds: 60 },
  // Sign-in budgets are checked before the password is, so guessing stops at the budget. Both
  // count only this address's failures: a user is never locked out from another address.
  loginByIpAndEmail: { max: 10, windowSeconds: 600 },
  loginByIp: { max: 50, windowSeconds: 600 },
} satisfies Record<string, FailureRule>;

/**
 * Counts failures only (wrong keys, wrong tokens, failed sign-ins), per client address and per
 * identity. A request with valid credentials never reaches it, so someone else's failures can
 * never lock a real device or user out. Counters live in storage, so they hold across nodes.
 */
export function createFailureLimiter({ storage, clock }: { storage: Storage; clock: Clock }) {
  /**
   * Checks each key's counter in its current fixed window with `isSpent(key@window, rule)` and
   * throws `429 rate_limited` (Retry-After: until the latest spent window ends) when any is spent.
   */
  async function checkBudgets(
    entries: Array<[key: string, rule: FailureRule]>,
    isSpent: (windowKey: string, rule: FailureRule, windowStart: number, windowEnd: number) => Promise<boolean>,
  ): Promise<void> {
    const now = clock.now();
    let retryAfterSeconds = 0;
    for (const [key, rule] of entries) {
      const windowMs = rule.windowSeconds * 1000;
      const windowStart = Math.floor(now / windowMs) * windowMs;
      if (await isSpent(`${key}@${windowStart}`, rule, windowStart, windowStart + windowMs)) {
        retryAfterSeconds = Math.max(retryAfterSeconds, Math.ceil((windowStart + windowMs - now) / 1000));
      }
    }
    if (retryAfterSeconds > 0) throw new AppError('rate_limited', undefined, { retryAfterSeconds });
  }

  return {
    /**
     * Records one failure under each key and throws `429 rate_limited` when any budget is spent;
     * otherwise returns, and the caller answers with its own error.
     */
    recordFailure(entries: Array<[key: string, rule: FailureRule]>): Promise<void> {
      return checkBudgets(entries, async (windowKey, rule, start, end) => (await storage.rateLimits.hit(windowKey, start, end)) > rule.max);
    },

    /**
     * Throws `429 rate_limited` when a budget is already spent, without counting anything: for
     * guessable secrets (passwords), where answering at all would tell the guesser something.
     */
    assertWithinBudget(entries: Array<[key: string, rule: FailureRule]>): Promise<void> {
      return checkBudgets(entries, async (windowKey, rule) => (await storage.rateLimits.count(windowKey)) >= rule.max);
    },

    async prune(): Promise<number> {
      return storage.rateLimits.prune(clock.now());
    },
  };
}

export type FailureLimiter = ReturnType<typeof createFailureLimiter>;
