import type { QueryOptions, WarehouseSession } from '../warehouse/warehouse.js';
import type { EventsSpec } from './events-spec.js';
import { toDay, toNumber, toNumberOrNull } from './result-values.js';
import { retentionSql } from './retention-sql.js';
import type { RetentionSpec } from './retention-spec.js';

export interface RetentionCohort {
  /** First day of the cohort's period. */
  cohort: string;
  users: number;
  /**
   * Users retained in period 0..N (period 0 is the whole cohort); null where
   * the period is not observable (it starts after `observedThrough`). A period
   * the data ends in counts the returns seen so far.
   */
  retained: Array<number | null>;
  /** retained / users per period (null where retained is). */
  rates: Array<number | null>;
}

export interface RetentionResult {
  cohorts: RetentionCohort[];
  /** The last day with an event in the relation (whatever the range): periods starting after it are null. Null without events. */
  observedThrough: string | null;
}

/** Runs the retention SQL and shapes the cohort table. */
export async function runRetention(session: WarehouseSession, events: EventsSpec, spec: RetentionSpec, options: QueryOptions = {}): Promise<RetentionResult> {
  const { sql, params } = retentionSql(session.dialect, events, spec);
  const { rows } = await session.query(sql, params, options);
  const cohorts = new Map<string, RetentionCohort>();
  let observedThrough: string | null = null;
  for (const r of rows) {
    if (r['observed_through'] !== null && r['observed_through'] !== undefined) observedThrough = toDay(r['observed_through']);
    // Without cohorts the one row only carries the last day.
    if (r['cohort'] === null || r['cohort'] === undefined) continue;
    const day = toDay(r['cohort']);
    const users = toNumber(r['users']);
    let c = cohorts.get(day);
    if (!c) {
      c = { cohort: day, users, retained: [users, ...new Array<null>(spec.periods).fill(null)], rates: [] };
      cohorts.set(day, c);
    }
    c.retained[toNumber(r['k'])] = toNumberOrNull(r['retained']);
  }
  const list = [...cohorts.values()].sort((a, b) => (a.cohort < b.cohort ? -1 : 1));
  for (const c of list) c.rates = c.retained.map((x) => (x === null ? null : x / c.users));
  return { cohorts: list, observedThrough };
}
