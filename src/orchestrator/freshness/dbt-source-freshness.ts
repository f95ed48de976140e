/**
 * A dbt source's own `freshness:` (as SourceDefinition.freshness keeps it:
 * table over source over config), read as hours:
 * `{ warn_after: { count: 12, period: hour }, error_after: { count: 1, period: day } }`.
 * `freshness: null`, or no threshold, means no expectation.
 */

/** Thresholds in hours; absent when the source sets none. */
export interface FreshnessThresholds {
  warnAfterHours?: number | undefined;
  errorAfterHours?: number | undefined;
}

const PERIOD_HOURS: Record<string, number> = { minute: 1 / 60, hour: 1, day: 24 };

function hoursOf(threshold: unknown): number | undefined {
  if (typeof threshold !== 'object' || threshold === null) return undefined;
  const { count, period } = threshold as { count?: unknown; period?: unknown };
  const n = typeof count === 'string' ? Number(count) : count;
  const unit = typeof period === 'string' ? PERIOD_HOURS[period] : undefined;
  if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0 || unit === undefined) return undefined;
  return n * unit;
}

/** The thresholds of a dbt `freshness:` value, or undefined when it sets none. */
export function dbtFreshnessThresholds(freshness: unknown): FreshnessThresholds | undefined {
  if (typeof freshness !== 'object' || freshness === null) return undefined;
  const { warn_after: warn, error_after: error } = freshness as { warn_after?: unknown; error_after?: unknown };
  const warnAfterHours = hoursOf(warn);
  const errorAfterHours = hoursOf(error);
  if (warnAfterHours === undefined && errorAfterHours === undefined) return undefined;
  return { warnAfterHours, errorAfterHours };
}
