import type { StreamState } from '../../source.js';

/**
 * The entries stream's saved progress: `cursor` is the largest `timestamp`
 * (RFC 3339, as the API wrote it) of the entries loaded so far. The next run
 * reads from `cursor - lookback`, so entries that landed late (received
 * after the previous run, with an earlier timestamp) are still picked up;
 * entries read twice merge on `insertId`.
 */
export interface LoggingState {
  cursor: string;
}

/** Reads a saved state; undefined when absent or unrecognised (then a first run). */
export function parseLoggingState(state: StreamState | undefined): LoggingState | undefined {
  const cursor = state?.['cursor'];
  return typeof cursor === 'string' && Number.isFinite(Date.parse(cursor)) ? { cursor } : undefined;
}

/** Moves the cursor to `timestamp` when it is later (malformed timestamps are ignored). */
export function advanceCursor(cursor: string | undefined, timestamp: unknown): string | undefined {
  if (typeof timestamp !== 'string') return cursor;
  const ms = Date.parse(timestamp);
  if (!Number.isFinite(ms)) return cursor;
  if (cursor === undefined) return timestamp;
  const current = Date.parse(cursor);
  return ms > current || (ms === current && timestamp > cursor) ? timestamp : cursor;
}
