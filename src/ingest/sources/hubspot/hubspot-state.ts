import type { StreamState } from '../../source.js';

/**
 * A HubSpot stream's saved progress. `cursor` is the largest `updatedAt`
 * (epoch ms) read and `seen` the ids read at exactly that millisecond (the
 * next `GTE cursor` search skips them).
 * - full: listing with `after` (the next page's token).
 * - incremental: searching from `cursor`; `deletedSince` is the cursor the
 *   run started from (archived records from then on are reported as
 *   deletions at the end of the run), `deletions` the next page of that
 *   archived listing once the search is done.
 */
export interface CursorMark {
  cursor: number | undefined;
  seen: string[];
}

export interface IncrementalProgress {
  /** Start of the archived window of the run in progress (epoch ms). */
  deletedSince?: number | undefined;
  /** Set once the search is done: the archived listing's next page ('' = its first). */
  deletions?: string | undefined;
}

export type HubSpotState = ({ mode: 'full'; after?: string | undefined } | ({ mode: 'incremental' } & IncrementalProgress)) & CursorMark;

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** Reads a saved state; undefined when absent or unrecognised (a full sync). */
export function parseHubSpotState(state: StreamState | undefined): HubSpotState | undefined {
  if (!state) return undefined;
  const seen = Array.isArray(state['seen']) ? state['seen'].filter((v): v is string => typeof v === 'string') : [];
  const cursor = num(state['cursor']);
  if (state['mode'] === 'full') return { mode: 'full', after: typeof state['after'] === 'string' ? state['after'] : undefined, cursor, seen };
  if (state['mode'] === 'incremental' && cursor !== undefined) {
    const deletions = typeof state['deletions'] === 'string' ? state['deletions'] : undefined;
    return { mode: 'incremental', cursor, seen, deletedSince: num(state['deletedSince']), deletions };
  }
  return undefined;
}

/** The state as stored (undefined fields dropped). */
export function toStreamState(state: HubSpotState): StreamState {
  return JSON.parse(JSON.stringify(state)) as StreamState;
}

/** Moves the mark to a record's `updatedAt` (ms) when it is the largest so far. */
export function trackMark(mark: CursorMark, id: string, ms: number): void {
  if (Number.isNaN(ms)) return;
  if (mark.cursor === undefined || ms > mark.cursor) {
    mark.cursor = ms;
    mark.seen = [id];
  } else if (ms === mark.cursor && !mark.seen.includes(id)) mark.seen.push(id);
}

/** True when a record at `ms` was already read by the run that left `mark`. */
export function alreadyRead(mark: CursorMark, id: string, ms: number): boolean {
  return mark.cursor !== undefined && (ms < mark.cursor || (ms === mark.cursor && mark.seen.includes(id)));
}
