import { describe, expect, it } from 'vitest';
import { createStatusCounts } from './fleet-counts.js';
import { createRateMeter, formatProgressLine } from './progress-line.js';

describe('fleet progress', () => {
  it('keeps per-status counts through transitions', () => {
    const counts = createStatusCounts(3);
    counts.move('enrolling', 'ok');
    counts.move('enrolling', 'ok');
    counts.move('ok', 'lost');
    counts.move('lost', 'lost');
    expect(counts.snapshot()).toEqual({ enrolling: 1, ok: 1, lost: 1, invalid: 0, reset: 0 });
  });

  it('prints enrolled / ok / lost / invalid / reset counts and the rate', () => {
    const line = formatProgressLine(
      { counts: { enrolling: 0, ok: 9996, lost: 3, invalid: 1, reset: 0 }, devices: 10_000, enrolled: 10_000, checkins: 123_456, errors: 2, wipes: 3, recovered: 0 },
      987.65,
    );
    expect(line).toBe('enrolled 10,000/10,000 · ok 9,996 · lost 3 · invalid 1 · reset 0 · check-ins 123,456 (987.6/s) · wipes 3 · recovered 0 · errors 2');
  });

  it('measures the rate over a sliding window', () => {
    const meter = createRateMeter(2);
    expect(meter.sample(0, 0)).toBe(0);
    expect(meter.sample(1000, 100)).toBe(100);
    expect(meter.sample(2000, 300)).toBe(150);
    expect(meter.sample(3000, 400)).toBe(150);
  });
});
