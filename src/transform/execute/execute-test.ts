import type { Warehouse } from '../../warehouse/warehouse.js';
import { normalizeThreshold, planTestQuery } from '../materialize/test-plan.js';
import type { NodeConfig } from '../project/types.js';

/** The outcome of one data test. */
export interface TestOutcome {
  status: 'pass' | 'fail' | 'warn';
  failures: number;
  message: string;
}

const truthy = (v: unknown): boolean => v === true || v === 1 || v === 't' || v === 'true' || v === 1n;

/**
 * Runs a data test as dbt does: counts the failing rows its SQL selects and
 * compares the count with `error_if` / `warn_if` under its `severity`. A test
 * with severity `warn` never fails the command.
 */
export async function executeTest(
  warehouse: Warehouse,
  name: string,
  failingRowsSql: string,
  config: NodeConfig,
  signal?: AbortSignal,
): Promise<TestOutcome & { sql: string }> {
  const thresholds = {
    errorIf: normalizeThreshold(config.error_if, 'error_if', name),
    warnIf: normalizeThreshold(config.warn_if, 'warn_if', name),
  };
  const limit = typeof config['limit'] === 'number' ? (config['limit'] as number) : undefined;
  const sql = planTestQuery(warehouse.dialect, failingRowsSql, thresholds, limit);
  const res = await warehouse.query<{ failures: unknown; should_warn: unknown; should_error: unknown }>(sql, [], signal ? { signal } : {});
  const row = res.rows[0];
  const failures = Number(row?.failures ?? 0);
  const severity = String(config.severity ?? 'error').toLowerCase();
  const shouldError = truthy(row?.should_error);
  const shouldWarn = truthy(row?.should_warn);
  let status: TestOutcome['status'] = 'pass';
  if (severity === 'error' && shouldError) status = 'fail';
  else if (shouldWarn) status = 'warn';
  const message =
    status === 'pass'
      ? 'PASS'
      : `Got ${failures} result${failures === 1 ? '' : 's'}, configured to ${status === 'fail' ? 'fail' : 'warn'} if ${status === 'fail' ? thresholds.errorIf : thresholds.warnIf}`;
  return { status, failures, message, sql };
}
