import type { QueryOptions, WarehouseSession } from '../warehouse/warehouse.js';
import type { EventsSpec } from './events-spec.js';
import { toDay, toNumber } from './result-values.js';
import { retentionSql } from './retention-sql.js';
import type { RetentionSpec } from './retention-spec.js';

export interface RetentionCohort {
  /** First day of the cohort's period. */
  cohort: string;
  users: number;
  /** Users retained in period 0..N (period 0 is the whole cohort). */
  retained: number[];
  /** retained / users per period. */
  rates: number[];
}

export interface RetentionResult {
  cohorts: RetentionCohort[];
}

/** Runs the retention SQL and shapes the cohort table. */
export async function runRetention(session: WarehouseSession, events: EventsSpec, spec: RetentionSpec, options: QueryOptions = {}): Promise<RetentionResult> {
  const { sql, params } = retentionSql(session.dialect, events, spec);
  const { rows } = await session.query(sql, params, options);
  const cohorts = new Map<string, RetentionCohort>();
  for (const r of rows) {
    const day = toDay(r['cohort']);
    const users = toNumber(r['users']);
    let c = cohorts.get(day);
    if (!c) {
      c = { cohort: day, users, retained: [users, ...new Array<number>(spec.periods).fill(0)], rates: [] };
      cohorts.set(day, c);
    }
    c.retained[toNumber(r['k'])] = toNumber(r['retained']);
  }
  const list = [...cohorts.values()].sort((a, b) => (a.cohort < b.cohort ? -1 : 1));
  for (const c of list) c.rates = c.retained.map((x) => x / c.users);
  return { cohorts: list };
}
