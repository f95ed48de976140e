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
   * Window expression: the smallest `time` strictly after the current row's
   * among the rows of the partition where `flag` holds. `partition` and
   * `time` must make rows unique (one row per partition and time).
   */
  nextTimeWhere(flag: string, partition: string, time: string): string;
}

const duckdb = (sql: SqlDialect): AnalyticsDialect => ({
  sql,
  epochMicros: (e) => `epoch_us(${e})`,
  jsonText: (e, key) => `json_extract_string(${e}, ${key})`,
  jsonKeyParam: (key) => `$."${key}"`,
  median: (e) => `quantile_cont(${e}, 0.5)`,
  // One pass over the sorted partition; a running min frame costs a segment tree per column.
  nextTimeWhere: (flag, partition, time) => `lead(CASE WHEN ${flag} THEN ${time} END IGNORE NULLS) OVER (PARTITION BY ${partition} ORDER BY ${time})`,
});

const postgres = (sql: SqlDialect): AnalyticsDialect => ({
  sql,
  epochMicros: (e) => `CAST(extract(epoch FROM ${e}) * 1000000 AS BIGINT)`,
  jsonText: (e, key) => `(${e} ->> CAST(${key} AS TEXT))`,
  jsonKeyParam: (key) => key,
  median: (e) => `percentile_cont(0.5) WITHIN GROUP (ORDER BY ${e})`,
  // Postgres has no IGNORE NULLS; a frame from the partition's end is aggregated incrementally.
  nextTimeWhere: (flag, partition, time) =>
    `min(CASE WHEN ${flag} THEN ${time} END) OVER (PARTITION BY ${partition} ORDER BY ${time} DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)`,
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
