import { BasinError } from '../core/errors.js';
import type { SqlDialect } from '../warehouse/dialect.js';

/**
 * The few expressions analytics SQL writes differently per warehouse. Chosen
 * once per dialect here; everything else in src/analytics is shared SQL.
 */
export interface AnalyticsDialect {
  readonly sql: SqlDialect;
  /** Microseconds since the epoch as BIGINT (exact integer arithmetic for windows and durations). */
  epochMicros(timestampExpr: string): string;
  /** The text of a top-level key of a JSON column; `keyParam` is a bound parameter (see `jsonKeyParam`). */
  jsonText(jsonExpr: string, keyParam: string): string;
  /** The parameter value that `jsonText` expects for a key. */
  jsonKeyParam(key: string): string;
  /** The 50th percentile, interpolated between the two middle values (NULLs ignored). */
  median(expr: string): string;
  /**
   * The first row of `stepRelation` (columns u, t, b) of the same user with
   * `t` after (`>`) or at-or-after (`>=`) the left side's column `leftTime`, joined
   * to every row of `left` (`f`). Yields columns `t` and `b` of the match as
   * `<alias>_t`, `<alias>_b` (NULL when none). A NULL `leftTime` never matches.
   */
  nextEventJoin(left: string, leftTime: string, stepRelation: string, op: '>' | '>=', alias: string): string;
}

/** Above every microsecond timestamp: a key that matches nothing in an ASOF join. */
const NEVER = '9000000000000000000';

const duckdb = (sql: SqlDialect): AnalyticsDialect => ({
  sql,
  epochMicros: (e) => `epoch_us(${e})`,
  jsonText: (e, key) => `json_extract_string(${e}, ${key})`,
  jsonKeyParam: (key) => `$."${key}"`,
  median: (e) => `quantile_cont(${e}, 0.5)`,
  // ASOF finds the nearest later row per user in one merge pass. The
  // inequality key is never NULL: a NULL key has been seen to match rows in
  // DuckDB's ASOF LEFT JOIN, so it is replaced by a value no row exceeds.
  nextEventJoin: (left, leftTime, step, op, alias) =>
    `SELECT f.* EXCLUDE (asof_key), s.t AS ${alias}_t, s.b AS ${alias}_b FROM (SELECT *, coalesce(${leftTime}, ${NEVER}) AS asof_key FROM ${left}) f ` +
    `ASOF LEFT JOIN ${step} s ON f.u = s.u AND s.t ${op} f.asof_key`,
});

const postgres = (sql: SqlDialect): AnalyticsDialect => ({
  sql,
  epochMicros: (e) => `CAST(extract(epoch FROM ${e}) * 1000000 AS BIGINT)`,
  jsonText: (e, key) => `(${e} ->> CAST(${key} AS TEXT))`,
  jsonKeyParam: (key) => key,
  median: (e) => `percentile_cont(0.5) WITHIN GROUP (ORDER BY ${e})`,
  nextEventJoin: (left, leftTime, step, op, alias) =>
    `SELECT f.*, s.t AS ${alias}_t, s.b AS ${alias}_b FROM ${left} f LEFT JOIN LATERAL ` +
    `(SELECT x.t, x.b FROM ${step} x WHERE x.u = f.u AND x.t ${op} f.${leftTime} ORDER BY x.t LIMIT 1) s ON true`,
});

/** The analytics expressions for a warehouse's dialect. */
export function analyticsDialect(sql: SqlDialect): AnalyticsDialect {
  switch (sql.name) {
    case 'duckdb':
      return duckdb(sql);
    case 'postgres':
      return postgres(sql);
    default:
      throw new BasinError('USAGE', `product analytics does not support ${sql.name} warehouses yet (DuckDB and Postgres do)`);
  }
}
