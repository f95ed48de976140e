import { BasinError } from '../core/errors.js';
import type { DateRange, EventMatcher } from './analysis-types.js';
import { PERIODS, type Period } from './periods.js';

/**
 * - `on`: retained in period k = did the return event in period k exactly (Amplitude's N-day retention);
 * - `on_or_after`: in period k or any later one (unbounded retention).
 */
export type RetentionMode = 'on' | 'on_or_after';

/** `first_time`: one cohort per user, by their first start event ever; `recurring`: every period with a start event. */
export type RetentionCohortType = 'first_time' | 'recurring';

export interface RetentionSpec {
  startEvent: EventMatcher;
  /** Default: any event. */
  returnEvent?: EventMatcher | undefined;
  period: Period;
  /** Periods after the cohort's own (period 0), e.g. 12 weeks. */
  periods: number;
  mode?: RetentionMode | undefined;
  cohortType?: RetentionCohortType | undefined;
  /** Days of the start events that form cohorts. */
  range?: DateRange | undefined;
}

export function checkRetentionSpec(spec: RetentionSpec): void {
  if (!PERIODS.includes(spec.period)) throw new BasinError('USAGE', `period must be day, week or month, got "${spec.period}"`);
  if (!Number.isInteger(spec.periods) || spec.periods < 1 || spec.periods > 1000) throw new BasinError('USAGE', `periods must be 1..1000, got ${spec.periods}`);
}
