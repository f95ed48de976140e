import type { SqlDialect } from '../../warehouse/dialect.js';

/** A test's thresholds (dbt's `error_if` / `warn_if`, default `!= 0`). */
export interface TestThresholds {
  errorIf: string;
  warnIf: string;
}

const CONDITION = /^\s*(!=|<>|=|==|>=|<=|>|<)\s*(-?\d+(?:\.\d+)?)\s*$/;

/** Validates a threshold such as `!= 0` or `>10`; returns it in SQL form. */
export function normalizeThreshold(value: unknown, key: string, testName: string): string {
  const text = value === undefined || value === null ? '!= 0' : String(value);
  const m = CONDITION.exec(text);
  if (!m) {
    throw new Error(`test ${testName}: ${key} must be a comparison such as '!= 0' or '>10' (got '${text}')`);
  }
  const op = m[1] === '==' ? '=' : (m[1] as string);
  return `${op} ${m[2] as string}`;
}

/**
 * Wraps the SQL of a test (which selects the failing rows) into one row with
 * the failure count and whether it crosses the warn and error thresholds,
 * exactly as dbt's `get_test_sql` does.
 */
export function planTestQuery(d: SqlDialect, failingRowsSql: string, thresholds: TestThresholds, limit?: number): string {
  const inner = limit === undefined ? failingRowsSql : `${failingRowsSql}\nlimit ${limit}`;
  return (
    `select count(*) as failures, ` +
    `count(*) ${thresholds.warnIf} as should_warn, ` +
    `count(*) ${thresholds.errorIf} as should_error ` +
    `from (\n${inner}\n) as ${d.quoteIdentifier('dbt_internal_test')}`
  );
}

/** The relation expression a generic test sees as `model` when the test has a `where` config. */
export function whereFilteredRelation(relationSql: string, where: string | undefined): string {
  if (!where) return relationSql;
  return `(select * from ${relationSql} where ${where}) dbt_subquery`;
}
