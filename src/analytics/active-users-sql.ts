import type { SqlDialect } from '../warehouse/dialect.js';
import { analyticsDialect } from './analytics-dialect.js';
import { daysInRange, type ActiveUsersSpec, type StickinessSpec } from './active-users-spec.js';
import type { EventsSpec } from './events-spec.js';
import { EventsSource } from './events-source.js';
import { SqlParams, type GeneratedSql } from './generated-sql.js';
import { bucketOf } from './periods.js';

/** Distinct (user, day) of activity within the range widened by `beforeDays`. */
function activeDays(src: EventsSource, spec: ActiveUsersSpec | StickinessSpec, beforeDays: number): string {
  return (
    `SELECT DISTINCT ${src.user} AS u, ${src.day} AS d FROM ${src.relation} ` +
    `WHERE ${src.user} IS NOT NULL AND ${src.inDays(spec.range, { beforeDays })}${spec.event ? ` AND ${src.matches(spec.event)}` : ''}`
  );
}

/**
 * DAU, WAU and MAU for every day of the range (`day`, `dau`, `wau`, `mau`),
 * WAU on day d counting users active in [d-6, d], MAU in [d-29, d].
 *
 * Each active day a of a user covers the days [a, a+7) for WAU; up to the
 * user's next active day b the pieces [a, min(b, a+7)) are disjoint, so +1 at
 * a and -1 at min(b, a+7) summed in day order give WAU without a range join
 * (the same for MAU with 30). DAU is the +1s of the same rows, so the events
 * are scanned and deduplicated once.
 */
export function activeUsersSql(sqlDialect: SqlDialect, events: EventsSpec, spec: ActiveUsersSpec): GeneratedSql {
  const params = new SqlParams(sqlDialect);
  const src = new EventsSource(events, analyticsDialect(sqlDialect), params);
  const int = sqlDialect.typeFor('integer');
  const days = daysInRange(spec.range);
  const from = src.dateParam(spec.range.from);
  const to = src.dateParam(spec.range.to);
  const end = (w: number): string => `CASE WHEN nd < d + ${w} THEN nd ELSE d + ${w} END`;
  const sql =
    `WITH days AS (${activeDays(src, spec, 29)}),\n` +
    `nx AS (SELECT d, lead(d) OVER (PARTITION BY u ORDER BY d) AS nd FROM days),\n` +
    `deltas AS (SELECT d AS x, 1 AS a, 1 AS w, 1 AS m FROM nx UNION ALL SELECT ${end(7)}, 0, -1, 0 FROM nx UNION ALL SELECT ${end(30)}, 0, 0, -1 FROM nx ` +
    `UNION ALL SELECT ${from} + CAST(g.i AS ${int}), 0, 0, 0 FROM generate_series(0, CAST(${params.add(days - 1)} AS ${int})) AS g(i)),\n` +
    `totals AS (SELECT x, sum(a) AS dau, sum(w) AS w, sum(m) AS m FROM deltas GROUP BY x),\n` +
    `running AS (SELECT x, dau, sum(w) OVER (ORDER BY x ROWS UNBOUNDED PRECEDING) AS wau, sum(m) OVER (ORDER BY x ROWS UNBOUNDED PRECEDING) AS mau FROM totals)\n` +
    `SELECT x AS day, dau, wau, mau FROM running WHERE x >= ${from} AND x <= ${to} ORDER BY x`;
  return { sql, params: params.values };
}

/**
 * Per period (`period` DATE) and number of active days (`days`), the users
 * (`users`) active on exactly that many days of the period within the range.
 */
export function stickinessSql(sqlDialect: SqlDialect, events: EventsSpec, spec: StickinessSpec): GeneratedSql {
  const params = new SqlParams(sqlDialect);
  const dialect = analyticsDialect(sqlDialect);
  const src = new EventsSource(events, dialect, params);
  daysInRange(spec.range);
  const sql =
    `WITH days AS (${activeDays(src, spec, 0)}),\n` +
    `per AS (SELECT u, ${bucketOf(dialect, spec.period, 'd')} AS p, count(*) AS n FROM days GROUP BY u, ${bucketOf(dialect, spec.period, 'd')})\n` +
    `SELECT p AS period, n AS days, count(*) AS users FROM per GROUP BY p, n ORDER BY p, n`;
  return { sql, params: params.values };
}
