import type { StreamState } from '../../source.js';

/**
 * The entries stream's saved progress: `cursor` is the largest `timestamp`
 * (RFC 3339, as the API wrote it) of the entries loaded so far, capped by
 * their `receiveTimestamp`. The next run
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
  return typeof cursor === 'string' && Number.isFinite(instantMicros(cursor)) ? { cursor } : undefined;
}

/**
 * Moves the cursor past an entry read: to its `timestamp`, or to its
 * `receiveTimestamp` when that is earlier (Logging accepts timestamps up to a
 * day ahead: a clock-skewed writer must not move the cursor past entries not
 * yet written). Malformed times are ignored.
 */
export function cursorAfter(cursor: string | undefined, entry: Record<string, unknown>): string | undefined {
  const timestamp = entry['timestamp'];
  const received = entry['receiveTimestamp'];
  const t = typeof timestamp === 'string' ? instantMicros(timestamp) : Number.NaN;
  const r = typeof received === 'string' ? instantMicros(received) : Number.NaN;
  return advanceCursor(cursor, Number.isFinite(r) && (!Number.isFinite(t) || r < t) ? received : timestamp);
}

/** An RFC 3339 time in microseconds since the epoch (Logging keeps microseconds; Date.parse stops at ms); NaN when malformed. */
export function instantMicros(text: string): number {
  const m = /^(.+T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/i.exec(text);
  if (!m) return Number.NaN;
  const seconds = Date.parse(`${m[1] ?? ''}${m[3] ?? ''}`);
  return seconds * 1000 + Number((m[2] ?? '').padEnd(6, '0').slice(0, 6));
}

/** Moves the cursor to `timestamp` when it is later (malformed timestamps are ignored). */
export function advanceCursor(cursor: string | undefined, timestamp: unknown): string | undefined {
  if (typeof timestamp !== 'string') return cursor;
  const t = instantMicros(timestamp);
  if (!Number.isFinite(t)) return cursor;
  return cursor === undefined || t > instantMicros(cursor) ? timestamp : cursor;
}
