import type { AnalyticsDialect } from './analytics-dialect.js';

/** Calendar buckets: days, ISO weeks (from Monday) and months, in UTC. */
export type Period = 'day' | 'week' | 'month';

export const PERIODS: readonly Period[] = ['day', 'week', 'month'];

/** The first day of the bucket holding the DATE expression `dateExpr`, as DATE. */
export function bucketOf(dialect: AnalyticsDialect, period: Period, dateExpr: string): string {
  if (period === 'day') return dateExpr;
  return `CAST(date_trunc(${dialect.sql.quoteLiteral(period)}, CAST(${dateExpr} AS ${dialect.sql.typeFor('timestamp')})) AS DATE)`;
}

const DAY_MICROS = 86_400_000_000;

/**
 * The distinct buckets of a column, cheaply: `SELECT DISTINCT keys, <bucket>`
 * over many rows groups on an integer bucket number computed from the epoch
 * microseconds (days and weeks; months by date_trunc), and turns numbers into
 * first days only on the distinct rows. Returns the inner expression (the
 * bucket number) and the outer one (its first day as DATE, from `column`).
 */
export function bucketNumber(dialect: AnalyticsDialect, period: Period, timestampExpr: string): { number: string; firstDay: (column: string) => string } {
  const date = dialect.sql.typeFor('date');
  if (period === 'month') {
    return { number: bucketOf(dialect, period, `CAST(${timestampExpr} AS ${date})`), firstDay: (column) => column };
  }
  // ISO weeks start on Monday; 1970-01-05 was the first Monday after the epoch.
  const [length, origin, offsetMicros] = period === 'day' ? [1, '1970-01-01', 0] : [7, '1970-01-05', 4 * DAY_MICROS];
  const micros = offsetMicros === 0 ? dialect.epochMicros(timestampExpr) : `(${dialect.epochMicros(timestampExpr)} - ${offsetMicros})`;
  return {
    // Exact in DOUBLE (epoch microseconds stay below 2^53 until the year 2255); floor keeps days before the origin right.
    number: `CAST(floor(CAST(${micros} AS ${dialect.sql.typeFor('double')}) / ${length * DAY_MICROS}) AS ${dialect.sql.typeFor('bigint')})`,
    firstDay: (column) => `CAST(CAST(${dialect.sql.quoteLiteral(origin)} AS ${date}) + CAST(${column} * ${length} AS ${dialect.sql.typeFor('integer')}) AS ${date})`,
  };
}

/** Whole buckets from bucket start `from` to bucket start `to` (both DATE expressions), as INTEGER. */
export function bucketsBetween(period: Period, from: string, to: string): string {
  if (period === 'day') return `CAST(${to} - ${from} AS INTEGER)`;
  if (period === 'week') return `CAST((${to} - ${from}) / 7 AS INTEGER)`;
  const ym = (d: string): string => `(CAST(extract(year FROM ${d}) AS INTEGER) * 12 + CAST(extract(month FROM ${d}) AS INTEGER))`;
  return `(${ym(to)} - ${ym(from)})`;
}

/** The first day of the bucket holding `day` (YYYY-MM-DD), computed in JS. */
export function bucketStart(period: Period, day: string): string {
  if (period === 'day') return day;
  if (period === 'month') return `${day.slice(0, 7)}-01`;
  const ms = Date.parse(`${day}T00:00:00Z`);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7;
  return new Date(ms - weekday * 86_400_000).toISOString().slice(0, 10);
}
