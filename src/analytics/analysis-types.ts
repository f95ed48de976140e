/** Inputs shared by the analyses. */

/** Days, inclusive, as `YYYY-MM-DD` (UTC). Either end may be open. */
export interface DateRange {
  from?: string | undefined;
  to?: string | undefined;
}

/** A property of the event (a top-level key of its JSON properties) equal to a value, compared as text. */
export interface PropertyFilter {
  property: string;
  equals: string;
}

/** Events of one name, optionally narrowed by property filters (all must hold). */
export interface EventMatcher {
  event: string;
  where?: PropertyFilter[] | undefined;
}

/** What to group by: a JSON property of the event or a column of the events relation (compared as text). */
export type Breakdown = { property: string } | { column: string };
