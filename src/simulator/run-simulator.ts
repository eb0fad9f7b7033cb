import { formatProgressLine, createRateMeter } from './progress-line.js';
import { createFleet, type FleetOptions, type FleetStats } from './fleet.js';

export interface SimulatorRun {
  stats: FleetStats;
  /** Check-ins per second from the end of the ramp-up (and warm-up) to the end of the run. */
  sustainedCheckinsPerSecond: number;
  /** Seconds from the start until every device was enrolled (undefined: never). */
  rampUpSeconds: number | undefined;
  /** Seconds over which the sustained rate was measured. */
  sustainedSeconds: number;
  /** Check-ins per second over the second half of the run, whether or not the ramp-up finished. */
  secondHalfCheckinsPerSecond: number;
  seconds: number;
}

/**
 * Runs a fleet with a live progress line (rewritten in place on a terminal, one line every 5 s
 * otherwise) until `durationMs` passes or `signal` aborts.
 */
export async function runSimulator(
  options: FleetOptions,
  control: { durationMs?: number; signal?: AbortSignal; out?: NodeJS.WriteStream; /** Measure the sustained rate from this long after the last enrollment. */ warmupMs?: number } = {},
): Promise<SimulatorRun> {
  const out = control.out ?? process.stdout;
  const fleet = createFleet(options);
  const meter = createRateMeter(10);
  const startedAt = Date.now();
  let steady: { atMs: number; checkins: number } | undefined;
  let allEnrolledAtMs: number | undefined;
  let ticks = 0;
  const samples: Array<{ atMs: number; checkins: number }> = [{ atMs: startedAt, checkins: 0 }];
  fleet.start();

  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      ticks += 1;
      const stats = fleet.stats();
      const now = Date.now();
      const rate = meter.sample(now, stats.checkins);
      samples.push({ atMs: now, checkins: stats.checkins });
      // Sustained rate: counted from the moment every device is enrolled (plus the warm-up).
      if (allEnrolledAtMs === undefined && stats.enrolled >= stats.devices) allEnrolledAtMs = now;
      if (!steady && allEnrolledAtMs !== undefined && now - allEnrolledAtMs >= (control.warmupMs ?? 0)) steady = { atMs: now, checkins: stats.checkins };
      const line = formatProgressLine(stats, rate);
      if (out.isTTY) out.write(`\r\x1b[2K${line}`);
      else if (ticks % 5 === 0) out.write(`${line}\n`);
      if (control.durationMs !== undefined && now - startedAt >= control.durationMs) finish();
    }, 1000);
    const finish = () => {
      clearInterval(timer);
      control.signal?.removeEventListener('abort', finish);
      resolve();
    };
    control.signal?.addEventListener('abort', finish, { once: true });
  });

  const stats = fleet.stats();
  const endedAt = Date.now();
  if (out.isTTY) out.write('\n');
  await fleet.stop();
  const sustainedSeconds = steady ? (endedAt - steady.atMs) / 1000 : 0;
  const half = samples.find((sample) => sample.atMs >= startedAt + (endedAt - startedAt) / 2) ?? samples[0]!;
  const halfSeconds = (endedAt - half.atMs) / 1000;
  return {
    stats,
    sustainedCheckinsPerSecond: steady && sustainedSeconds > 0 ? (stats.checkins - steady.checkins) / sustainedSeconds : 0,
    rampUpSeconds: allEnrolledAtMs === undefined ? undefined : (allEnrolledAtMs - startedAt) / 1000,
    sustainedSeconds,
    secondHalfCheckinsPerSecond: halfSeconds > 0 ? (stats.checkins - half.checkins) / halfSeconds : 0,
    seconds: (endedAt - startedAt) / 1000,
  };
}
