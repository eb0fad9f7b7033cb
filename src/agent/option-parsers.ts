import { InvalidArgumentError } from 'commander';
import { parseDurationMs } from './duration.js';

/** commander value parsers shared by dmp-agent, dmp and the simulator. */
export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive whole number.');
  return n;
}

/** "30s", "5m", "1h" or milliseconds → milliseconds. */
export function duration(value: string): number {
  try {
    return parseDurationMs(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}
