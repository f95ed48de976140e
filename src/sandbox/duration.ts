/** A span of sandbox time: milliseconds, or named units that add up. */
export type SandboxDuration =
  | number
  | { days?: number; hours?: number; minutes?: number; seconds?: number; ms?: number };

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Milliseconds in `d`. Throws a RangeError for negative or non-finite spans. */
export function durationMs(d: SandboxDuration): number {
  const ms =
    typeof d === 'number'
      ? d
      : (d.days ?? 0) * DAY + (d.hours ?? 0) * HOUR + (d.minutes ?? 0) * MINUTE + (d.seconds ?? 0) * SECOND + (d.ms ?? 0);
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`invalid duration: ${JSON.stringify(d)}`);
  return ms;
}
