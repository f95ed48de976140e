import type { SqlDialect } from '../warehouse/dialect.js';
import { analyticsDialect } from './analytics-dialect.js';
import type { EventsSpec } from './events-spec.js';
import { EventsSource } from './events-source.js';
import { SqlParams, type GeneratedSql } from './generated-sql.js';
import { bucketNumber, bucketOf, bucketsBetween } from './periods.js';
import { checkRetentionSpec, type RetentionSpec } from './retention-spec.js';

/**
 * The cohort table as rows (`cohort` DATE, `users` in the cohort, `k` 1..N,
 * `retained` users), ordered by cohort and k, each with `observed_through`:
 * the last day with an event in the relation (the range does not cut it).
 * Periods are calendar buckets; returns in the cohort's own bucket do not
 * count; `retained` is NULL for a period that starts after `observed_through`
 * (not observable yet). Without cohorts: one row, all NULL but
 * `observed_through`.
 */
export function retentionSql(sqlDialect: SqlDialect, events: EventsSpec, spec: RetentionSpec): GeneratedSql {
  checkRetentionSpec(spec);
  const params = new SqlParams(sqlDialect);
  const dialect = analyticsDialect(sqlDialect);
  const src = new EventsSource(events, dialect, params);
  const cohortType = spec.cohortType ?? 'first_time';
  const range = spec.range ?? {};
  // Each relation scans the events itself: a CTE read twice would be materialized (all events in memory).
  const base = `${src.user} IS NOT NULL AND ${src.timestamp} IS NOT NULL`;
  const inRange = (col: string): string =>
    [range.from ? `${col} >= ${src.dateParam(range.from)}` : '', range.to ? `${col} <= ${src.dateParam(range.to)}` : ''].filter(Boolean).join(' AND ') || 'TRUE';
  const period = (d: string): string => bucketOf(dialect, spec.period, d);
  const cohorts =
    cohortType === 'first_time'
      ? // First-time cohorts need each user's whole history of start events.
        `SELECT u, ${period('fd')} AS c FROM (SELECT ${src.user} AS u, min(${src.day}) AS fd FROM ${src.relation} WHERE ${base} AND ${src.matches(spec.startEvent)} GROUP BY ${src.user}) f WHERE ${inRange('fd')}`
      : `SELECT DISTINCT ${src.user} AS u, ${period(src.day)} AS c FROM ${src.relation} WHERE ${base} AND ${src.matches(spec.startEvent)} AND ${inRange(src.day)}`;
  // Returns before the first cohort's period cannot count.
  const returnsFrom = range.from ? `${src.timestamp} >= CAST(${period(src.dateParam(range.from))} AS ${sqlDialect.typeFor('timestamp')})` : 'TRUE';
  const bucket = bucketNumber(dialect, spec.period, src.timestamp);
  const returns =
    `SELECT u, ${bucket.firstDay('b')} AS p FROM (SELECT DISTINCT ${src.user} AS u, ${bucket.number} AS b FROM ${src.relation} WHERE ${base} AND ${returnsFrom}` +
    (spec.returnEvent ? ` AND ${src.matches(spec.returnEvent)}` : '') +
    ') r';
  const n = `CAST(${params.add(spec.periods)} AS ${sqlDialect.typeFor('integer')})`;
  const retained =
    (spec.mode ?? 'on') === 'on'
      ? `SELECT c, k, count(*) AS n FROM pairs WHERE k <= ${n} GROUP BY c, k`
      : `SELECT m.c, g.k, count(*) AS n FROM (SELECT u, c, max(k) AS mk FROM pairs GROUP BY u, c) m JOIN generate_series(1, ${n}) AS g(k) ON m.mk >= g.k GROUP BY m.c, g.k`;
  const sql =
    `WITH cohorts AS (${cohorts}),\n` +
    `returns AS (${returns}),\n` +
    `pairs AS (SELECT c.u, c.c, ${bucketsBetween(spec.period, 'c.c', 'r.p')} AS k FROM cohorts c JOIN returns r ON r.u = c.u AND r.p > c.c),\n` +
    `retained AS (${retained}),\n` +
    `sizes AS (SELECT c, count(*) AS n FROM cohorts GROUP BY c),\n` +
    `cells AS (SELECT s.c, s.n, g.k FROM sizes s CROSS JOIN generate_series(1, ${n}) AS g(k)),\n` +
    // Any event counts as data seen, whatever the filters (max over the timestamp: one cheap scan).
    `observed AS (SELECT CAST(max(${src.timestamp}) AS DATE) AS d FROM ${src.relation})\n` +
    `SELECT o.d AS observed_through, s.c AS cohort, s.n AS users, s.k AS k, ` +
    `CASE WHEN s.k <= ${bucketsBetween(spec.period, 's.c', period('o.d'))} THEN coalesce(x.n, 0) END AS retained ` +
    `FROM observed o LEFT JOIN cells s ON TRUE LEFT JOIN retained x ON x.c = s.c AND x.k = s.k ORDER BY s.c, s.k`;
  return { sql, params: params.values };
}
