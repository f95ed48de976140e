import type { SqlDialect } from '../warehouse/dialect.js';
import { analyticsDialect } from './analytics-dialect.js';
import type { EventsSpec } from './events-spec.js';
import { EventsSource } from './events-source.js';
import { SqlParams, type GeneratedSql } from './generated-sql.js';
import { bucketOf, bucketsBetween } from './periods.js';
import { checkRetentionSpec, type RetentionSpec } from './retention-spec.js';

/**
 * The cohort table as rows (`cohort` DATE, `users` in the cohort, `k` 1..N,
 * `retained` users), ordered by cohort and k. Periods are calendar buckets;
 * returns in the cohort's own bucket do not count.
 */
export function retentionSql(sqlDialect: SqlDialect, events: EventsSpec, spec: RetentionSpec): GeneratedSql {
  checkRetentionSpec(spec);
  const params = new SqlParams(sqlDialect);
  const dialect = analyticsDialect(sqlDialect);
  const src = new EventsSource(events, dialect, params);
  const cohortType = spec.cohortType ?? 'first_time';
  const range = spec.range ?? {};
  const isStart = src.matches(spec.startEvent);
  const isReturn = spec.returnEvent ? src.matches(spec.returnEvent) : 'TRUE';
  // First-time cohorts need each user's whole history of start events; otherwise events before the range cannot matter.
  const scanFrom = cohortType === 'first_time' ? 'TRUE' : src.inDays({ from: range.from });
  const nameFilter = spec.returnEvent ? ` AND ${src.eventIn([spec.startEvent.event, spec.returnEvent.event])}` : '';
  const ev =
    `SELECT ${src.user} AS u, ${src.day} AS d, ${isStart} AS s, ${isReturn} AS r FROM ${src.relation} ` +
    `WHERE ${src.user} IS NOT NULL AND ${src.timestamp} IS NOT NULL AND ${scanFrom}${nameFilter}`;
  const inRange = (col: string): string =>
    [range.from ? `${col} >= ${src.dateParam(range.from)}` : '', range.to ? `${col} <= ${src.dateParam(range.to)}` : ''].filter(Boolean).join(' AND ') || 'TRUE';
  const cohorts =
    cohortType === 'first_time'
      ? `SELECT u, ${bucketOf(dialect, spec.period, 'fd')} AS c FROM (SELECT u, min(d) AS fd FROM ev WHERE s GROUP BY u) f WHERE ${inRange('fd')}`
      : `SELECT DISTINCT u, ${bucketOf(dialect, spec.period, 'd')} AS c FROM ev WHERE s AND ${inRange('d')}`;
  const n = `CAST(${params.add(spec.periods)} AS ${sqlDialect.typeFor('integer')})`;
  const retained =
    (spec.mode ?? 'on') === 'on'
      ? `SELECT c, k, count(*) AS n FROM pairs WHERE k <= ${n} GROUP BY c, k`
      : `SELECT m.c, g.k, count(*) AS n FROM (SELECT u, c, max(k) AS mk FROM pairs GROUP BY u, c) m JOIN generate_series(1, ${n}) AS g(k) ON m.mk >= g.k GROUP BY m.c, g.k`;
  const sql =
    `WITH ev AS (${ev}),\n` +
    `cohorts AS (${cohorts}),\n` +
    `returns AS (SELECT DISTINCT u, ${bucketOf(dialect, spec.period, 'd')} AS p FROM ev WHERE r),\n` +
    `pairs AS (SELECT c.u, c.c, ${bucketsBetween(spec.period, 'c.c', 'r.p')} AS k FROM cohorts c JOIN returns r ON r.u = c.u AND r.p > c.c),\n` +
    `retained AS (${retained}),\n` +
    `sizes AS (SELECT c, count(*) AS n FROM cohorts GROUP BY c)\n` +
    `SELECT s.c AS cohort, s.n AS users, g.k AS k, coalesce(x.n, 0) AS retained FROM sizes s CROSS JOIN generate_series(1, ${n}) AS g(k) ` +
    `LEFT JOIN retained x ON x.c = s.c AND x.k = g.k ORDER BY s.c, g.k`;
  return { sql, params: params.values };
}
