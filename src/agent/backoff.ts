/** How long to wait before the next attempt: exponential growth, capped, with jitter. */
export interface BackoffPolicy {
  /** Delay before the first retry, before jitter. */
  minMs: number;
  /** No delay is ever longer than this. */
  maxMs: number;
  /** Growth per attempt; 2 doubles the delay each time. */
  factor: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { minMs: 1_000, maxMs: 5 * 60_000, factor: 2 };

/**
 * The delay before retry number `attempt` (0 for the first retry), with "equal jitter":
 * half of the exponential delay is fixed and half random, so a fleet that failed together
 * spreads out, yet no device retries at once in a hot loop.
 */
export function backoffDelayMs(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const exponential = policy.minMs * policy.factor ** Math.max(0, attempt);
  const capped = Math.min(policy.maxMs, exponential);
  return Math.round(capped / 2 + random() * (capped / 2));
}

/** Spreads a regular interval by ±`share` so devices started together do not check in together. */
export function jitteredIntervalMs(intervalMs: number, share = 0.1, random: () => number = Math.random): number {
  return Math.max(0, Math.round(intervalMs * (1 - share + 2 * share * random())));
}

/**
 * A `Retry-After` header in milliseconds: delta-seconds or an HTTP date; undefined when absent
 * or unreadable. Never negative.
 */
export function parseRetryAfterMs(header: string | null | undefined, now: Date = new Date()): number | undefined {
  if (header === null || header === undefined) return undefined;
  const value = header.trim();
  if (value === '') return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}

/** The server's Retry-After wins when it asks for longer than our own backoff would wait. */
export function retryDelayMs(attempt: number, retryAfterMs: number | undefined, policy: BackoffPolicy, random: () => number = Math.random): number {
  const own = backoffDelayMs(attempt, policy, random);
  return retryAfterMs === undefined ? own : Math.max(own, retryAfterMs);
}
