/** Durations as people enter them: a whole number and a unit, kept in seconds on the wire. */

export type DurationUnit = 'seconds' | 'minutes' | 'hours' | 'days';

export const UNIT_SECONDS: Record<DurationUnit, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };

const SINGULAR: Record<DurationUnit, string> = { seconds: 'second', minutes: 'minute', hours: 'hour', days: 'day' };

/** "1 hour", "90 minutes", "2 days": the largest of `units` that divides the seconds evenly. */
export function formatDuration(seconds: number, units: DurationUnit[] = ['days', 'hours', 'minutes', 'seconds']): string {
  const { amount, unit } = splitDuration(seconds, units);
  return `${amount} ${amount === 1 ? SINGULAR[unit] : unit}`;
}

/** The amount and unit a form starts with: the largest of `units` (largest first) that fits exactly. */
export function splitDuration(seconds: number, units: DurationUnit[]): { amount: number; unit: DurationUnit } {
  for (const unit of units) {
    if (seconds >= UNIT_SECONDS[unit] && seconds % UNIT_SECONDS[unit] === 0) return { amount: seconds / UNIT_SECONDS[unit], unit };
  }
  const smallest = units[units.length - 1] ?? 'seconds';
  return { amount: Math.round(seconds / UNIT_SECONDS[smallest]), unit: smallest };
}

/**
 * The seconds of `amount` `unit`, or a sentence saying what is wrong: empty, not a whole
 * number, or outside `min`..`max` seconds.
 */
export function durationSeconds(
  what: string,
  amount: number | string,
  unit: DurationUnit,
  min: number,
  max: number,
): { seconds: number; error?: undefined } | { seconds?: undefined; error: string } {
  const range = `between ${formatDuration(min)} and ${formatDuration(max)}`;
  if (amount === '' || amount === undefined) return { error: `Enter the ${what}, ${range}.` };
  const value = typeof amount === 'number' ? amount : Number(amount);
  if (!Number.isInteger(value) || value < 1) return { error: `Enter the ${what} as a whole number of ${unit}, ${range}.` };
  const seconds = value * UNIT_SECONDS[unit];
  if (seconds < min || seconds > max) return { error: `The ${what} must be ${range}; ${formatDuration(seconds)} is ${seconds < min ? 'too short' : 'too long'}.` };
  return { seconds };
}
