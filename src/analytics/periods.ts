import type { AnalyticsDialect } from './analytics-dialect.js';

/** Calendar buckets: days, ISO weeks (from Monday) and months, in UTC. */
export type Period = 'day' | 'week' | 'month';

export const PERIODS: readonly Period[] = ['day', 'week', 'month'];

/** The first day of the bucket holding the DATE expression `dateExpr`, as DATE. */
export function bucketOf(dialect: AnalyticsDialect, period: Period, dateExpr: string): string {
  if (period === 'day') return dateExpr;
  return `CAST(date_trunc(${dialect.sql.quoteLiteral(period)}, CAST(${dateExpr} AS ${dialect.sql.typeFor('timestamp')})) AS DATE)`;
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
