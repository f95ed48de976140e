/**
 * JSON shapes of the product-analytics explorer's API (src/server/analytics);
 * the UI imports them type-only. Analysis results are src/analytics' own
 * result objects plus the day range they covered.
 */
import type { ActiveUsersDay, FunnelResult, PathRow, RetentionResult, StickinessPeriod } from '../../analytics/index.js';

export type { ActiveUsersDay, FunnelGroupResult, FunnelResult, FunnelStepResult, PathRow, RetentionCohort, RetentionResult, StickinessPeriod } from '../../analytics/index.js';

/** Days, inclusive, `YYYY-MM-DD` (UTC). */
export interface DayRangeJson {
  from: string;
  to: string;
}

/** GET /api/analytics/events. */
export interface EventsOverviewJson {
  /** Where the events are read from (basin.yml analytics.events). */
  relation: string;
  columns: { user_id: string; event: string; timestamp: string; properties: string | null };
  /** Every column of the relation in ordinal order, with the warehouse's type name (breakdowns by `{ column }` pick one). */
  relation_columns: Array<{ name: string; type: string }>;
  /** The most frequent event names (at most `EVENT_NAMES_LIMIT`), most events first. */
  events: Array<{ name: string; count: number }>;
  /** Whether there were more event names than listed. */
  events_truncated: boolean;
  /** Top-level JSON property keys seen on a sample of events, most frequent first (empty without a properties column). */
  properties: string[];
  /** Events in the sample the keys were read from. */
  properties_sample: number;
  /** First and last day with events; null when there are none. */
  range: DayRangeJson | null;
}

/** The range an analysis covered: the request's, its open ends filled with the events' first and last day. */
interface Covered {
  range: DayRangeJson | null;
}

export type FunnelJson = FunnelResult & Covered;
export type RetentionJson = RetentionResult & Covered;
export interface ActiveUsersJson extends Covered {
  days: ActiveUsersDay[];
  /** Per week or month (the request's `stickiness`), users by number of active days. */
  stickiness: StickinessPeriod[];
  stickiness_period: 'week' | 'month';
}
export interface PathsJson extends Covered {
  event: string;
  direction: 'next' | 'previous';
  paths: PathRow[];
}

/** What an error answer carries. */
export interface AnalyticsErrorJson {
  error: string;
  code: string;
}
