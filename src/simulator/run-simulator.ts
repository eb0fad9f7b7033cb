import { formatProgressLine, createRateMeter } from './progress-line.js';
import { createFleet, type FleetOptions, type FleetStats } from './fleet.js';

export interface SimulatorRun {
  stats: FleetStats;
  /** Check-ins per second from the end of the ramp-up to the end of the run. */
  sustainedCheckinsPerSecond: number;
  seconds: number;
}

/**
 * Runs a fleet with a live progress line (rewritten in place on a terminal, one line every 5 s
 * otherwise) until `durationMs` passes or `signal` aborts.
 */
export async function runSimulator(options: FleetOptions, control: { durationMs?: number; signal?: AbortSignal; out?: NodeJS.WriteStream } = {}): Promise<SimulatorRun> {
  const out = control.out ?? process.stdout;
  const fleet = createFleet(options);
  const meter = createRateMeter(10);
  const startedAt = Date.now();
  let steady: { atMs: number; checkins: number } | undefined;
  let ticks = 0;
  fleet.start();

  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      ticks += 1;
      const stats = fleet.stats();
      const now = Date.now();
      const rate = meter.sample(now, stats.checkins);
      // Sustained rate: counted from the moment every device is enrolled.
      if (!steady && stats.enrolled >= stats.devices) steady = { atMs: now, checkins: stats.checkins };
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
  return {
    stats,
    sustainedCheckinsPerSecond: steady && sustainedSeconds > 0 ? (stats.checkins - steady.checkins) / sustainedSeconds : 0,
    seconds: (endedAt - startedAt) / 1000,
  };
}
