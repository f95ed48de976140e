import type { QueryOptions, WarehouseSession } from '../warehouse/warehouse.js';
import type { EventsSpec } from './events-spec.js';
import { funnelSql } from './funnel-sql.js';
import type { FunnelSpec } from './funnel-spec.js';
import { toNumber, toNumberOrNull, compareGroups } from './result-values.js';

export interface FunnelStepResult {
  step: number;
  event: string;
  users: number;
  /** users / users at step 1 (null when nobody started). */
  conversionFromFirst: number | null;
  /** users / users at the previous step (null for step 1 and when nobody reached the previous step). */
  conversionFromPrevious: number | null;
  /** Seconds from the previous step, over the users reaching this step (null for step 1 or nobody). */
  avgSecondsFromPrevious: number | null;
  medianSecondsFromPrevious: number | null;
}

export interface FunnelGroupResult {
  /** The breakdown value (null: no breakdown, or the value is missing). */
  breakdown: string | null;
  steps: FunnelStepResult[];
  /** Users reaching the last step. */
  converted: number;
  conversionRate: number | null;
  /** Seconds from the first step to the last, over the converted users. */
  avgSecondsToConvert: number | null;
  medianSecondsToConvert: number | null;
}

export interface FunnelResult {
  /** One group without a breakdown; with one, by users at step 1 (most first), then value. */
  groups: FunnelGroupResult[];
}

const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);

/** Runs the funnel's SQL and shapes its rows. */
export async function runFunnel(session: WarehouseSession, events: EventsSpec, spec: FunnelSpec, options: QueryOptions = {}): Promise<FunnelResult> {
  const { sql, params } = funnelSql(session.dialect, events, spec);
  const { rows } = await session.query(sql, params, options);
  const n = spec.steps.length;
  const groups = rows.map((r): FunnelGroupResult => {
    const users = spec.steps.map((_, i) => toNumber(r[`users_${i + 1}`]));
    const steps = spec.steps.map((s, i): FunnelStepResult => ({
      step: i + 1,
      event: s.event,
      users: users[i]!,
      conversionFromFirst: ratio(users[i]!, users[0]!),
      conversionFromPrevious: i === 0 ? null : ratio(users[i]!, users[i - 1]!),
      avgSecondsFromPrevious: i === 0 ? null : toNumberOrNull(r[`avg_${i + 1}`]),
      medianSecondsFromPrevious: i === 0 ? null : toNumberOrNull(r[`med_${i + 1}`]),
    }));
    return {
      breakdown: r['grp'] === null || r['grp'] === undefined ? null : String(r['grp']),
      steps,
      converted: users[n - 1]!,
      conversionRate: ratio(users[n - 1]!, users[0]!),
      avgSecondsToConvert: toNumberOrNull(r['avg_total']),
      medianSecondsToConvert: toNumberOrNull(r['med_total']),
    };
  });
  if (groups.length === 0 && !spec.breakdown) {
    groups.push({
      breakdown: null,
      steps: spec.steps.map((s, i) => ({ step: i + 1, event: s.event, users: 0, conversionFromFirst: null, conversionFromPrevious: null, avgSecondsFromPrevious: null, medianSecondsFromPrevious: null })),
      converted: 0,
      conversionRate: null,
      avgSecondsToConvert: null,
      medianSecondsToConvert: null,
    });
  }
  groups.sort((a, b) => b.steps[0]!.users - a.steps[0]!.users || compareGroups(a.breakdown, b.breakdown));
  return { groups };
}
