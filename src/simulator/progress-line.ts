import type { FleetStats } from './fleet.js';

/** "enrolled 300/300 · ok 296 · lost 3 · invalid 1 · reset 0 · check-ins 1,234 (29.8/s) · wipes 3 · recovered 0 · errors 0" */
export function formatProgressLine(stats: FleetStats, checkinsPerSecond: number): string {
  const n = (value: number) => value.toLocaleString('en-US');
  return [
    `enrolled ${n(stats.enrolled)}/${n(stats.devices)}`,
    `ok ${n(stats.counts.ok)}`,
    `lost ${n(stats.counts.lost)}`,
    `invalid ${n(stats.counts.invalid)}`,
    `reset ${n(stats.counts.reset)}`,
    `check-ins ${n(stats.checkins)} (${checkinsPerSecond.toFixed(1)}/s)`,
    `wipes ${n(stats.wipes)}`,
    `recovered ${n(stats.recovered)}`,
    `errors ${n(stats.errors)}`,
  ].join(' · ');
}

/** Check-ins per second over a sliding window of samples (one per tick). */
export function createRateMeter(windowSamples = 10) {
  const samples: Array<{ atMs: number; total: number }> = [];
  return {
    sample(atMs: number, total: number): number {
      samples.push({ atMs, total });
      if (samples.length > windowSamples + 1) samples.shift();
      const first = samples[0]!;
      const seconds = (atMs - first.atMs) / 1000;
      return seconds > 0 ? (total - first.total) / seconds : 0;
    },
  };
}
