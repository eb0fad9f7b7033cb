import { describe, expect, it } from 'vitest';
import { backoffDelayMs, jitteredIntervalMs, parseRetryAfterMs, retryDelayMs } from './backoff.js';

const policy = { minMs: 1000, maxMs: 8000, factor: 2 };

describe('backoffDelayMs', () => {
  it.each([
    [0, 0, 500],
    [0, 1, 1000],
    [1, 0, 1000],
    [2, 1, 4000],
    [3, 1, 8000],
    [10, 1, 8000],
    [10, 0, 4000],
  ])('attempt %i with random %f waits %i ms', (attempt, r, expected) => {
    expect(backoffDelayMs(attempt, policy, () => r)).toBe(expected);
  });

  it('spreads a fleet: two devices with different luck wait differently', () => {
    expect(backoffDelayMs(2, policy, () => 0.1)).not.toBe(backoffDelayMs(2, policy, () => 0.9));
  });
});

describe('jitteredIntervalMs', () => {
  it('stays within ±10 % of the interval', () => {
    expect(jitteredIntervalMs(60_000, 0.1, () => 0)).toBe(54_000);
    expect(jitteredIntervalMs(60_000, 0.1, () => 1)).toBe(66_000);
  });
});

describe('parseRetryAfterMs', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  it.each([
    ['120', 120_000],
    [' 5 ', 5_000],
    ['Thu, 01 Jan 2026 00:00:30 GMT', 30_000],
    ['Wed, 31 Dec 2025 23:00:00 GMT', 0],
  ])('reads %s as %i ms', (header, expected) => {
    expect(parseRetryAfterMs(header, now)).toBe(expected);
  });
  it.each([[undefined], [null], [''], ['soon']])('ignores %s', (header) => {
    expect(parseRetryAfterMs(header, now)).toBeUndefined();
  });
});

describe('retryDelayMs', () => {
  it('waits at least as long as Retry-After asks', () => {
    expect(retryDelayMs(0, 30_000, policy, () => 0)).toBe(30_000);
  });
  it('uses its own backoff when that is longer', () => {
    expect(retryDelayMs(3, 1_000, policy, () => 1)).toBe(8_000);
  });
});
