import type { SqlDialect } from '../warehouse/dialect.js';
import { analyticsDialect } from './analytics-dialect.js';
import type { EventsSpec } from './events-spec.js';
import { EventsSource } from './events-source.js';
import { SqlParams, type GeneratedSql } from './generated-sql.js';
import { checkPathsSpec, type PathsSpec } from './paths-spec.js';

/**
 * The most common paths from (or to) an event: each user's events in the
 * range ordered by time, then event name (events at the same time are
 * otherwise indistinguishable by name); for every occurrence of the event the
 * names of the next (previous) `depth` events (`e1`..`eN`, NULL where the
 * user's events end). Rows: the path, `occurrences`, distinct `users`;
 * most occurrences first, then by names (shorter paths first).
 */
export function pathsSql(sqlDialect: SqlDialect, events: EventsSpec, spec: PathsSpec): GeneratedSql {
  checkPathsSpec(spec);
  const params = new SqlParams(sqlDialect);
  const src = new EventsSource(events, analyticsDialect(sqlDialect), params);
  const depth = spec.depth ?? 1;
  const steps = Array.from({ length: depth }, (_, i) => i + 1);
  const fn = spec.direction === 'next' ? 'lead' : 'lag';
  const cols = steps.map((i) => `e${i}`);
  const sql =
    `WITH ev AS (SELECT ${src.user} AS u, ${src.timestamp} AS t, ${src.event} AS e FROM ${src.relation} ` +
    `WHERE ${src.user} IS NOT NULL AND ${src.timestamp} IS NOT NULL AND ${src.event} IS NOT NULL AND ${src.inDays(spec.range ?? {})}),\n` +
    `seq AS (SELECT u, e, ${steps.map((i) => `${fn}(e, ${i}) OVER (PARTITION BY u ORDER BY t, e) AS e${i}`).join(', ')} FROM ev)\n` +
    `SELECT ${cols.join(', ')}, count(*) AS occurrences, count(DISTINCT u) AS users FROM seq WHERE e = ${src.text(spec.event)} AND e1 IS NOT NULL ` +
    `GROUP BY ${cols.join(', ')} ORDER BY occurrences DESC, ${cols.map((c) => `${c} NULLS FIRST`).join(', ')} LIMIT ${src.integer(spec.limit ?? 10)}`;
  return { sql, params: params.values };
}
