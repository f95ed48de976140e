import type { StreamState } from '../source.js';
import { getPath } from './json-path.js';

/**
 * Incremental reads on a cursor field (`updated_at`, `modified`, an id),
 * with a lookback window that re-reads recent records to catch late updates
 * (merge on the primary key makes the overlap harmless).
 *
 * State is saved so that nothing is ever skipped:
 * - `cursor` is the high-water mark of the last COMPLETED run; it only moves
 *   when a run reaches its last page (or on every page when the API returns
 *   records in ascending cursor order: `ordered`), because an API that
 *   returns a filtered listing in any other order may still hold older
 *   records on later pages;
 * - `run` describes a run in progress: its lower bound, the largest cursor
 *   seen so far and where to resume (e.g. the next page's request), so a
 *   crashed backfill restarts from its last checkpoint with the same bound.
 */

/** How cursor values are written. `auto`: date strings are ISO dates, numbers above 1e9 epoch seconds (above 1e11 milliseconds). */
export type CursorFormat = 'auto' | 'iso' | 'unix' | 'unix_ms' | 'raw';

export interface IncrementalCursorOptions {
  /** The record field holding the cursor (dotted path). */
  field: string;
  /** Re-read this much before the saved cursor (dates and epochs only). */
  lookbackMs?: number | undefined;
  /** Lower bound on a first run (e.g. a start date); none = read everything. */
  initialValue?: string | number | undefined;
  format?: CursorFormat | undefined;
  /** Records come in ascending cursor order, so the cursor may advance on every page. */
  ordered?: boolean | undefined;
}

/** The saved shape (inside a stream's state). */
export interface IncrementalState {
  cursor?: string | number | undefined;
  run?: { since?: string | number | undefined; max?: string | number | undefined; resume?: unknown } | undefined;
}

/** Tracks one read's cursor. */
export interface IncrementalCursor {
  /** The bound to request records from (saved cursor minus lookback, or the initial value), if any. */
  readonly lowerBound: string | number | undefined;
  /** Where an interrupted run left off (what `pageState` was given), if this read resumes one. */
  readonly resume: unknown;
  /** The largest cursor seen (this run and the resumed part of it). */
  readonly max: string | number | undefined;
  /** Notes the cursor values of `records`. */
  observe(records: readonly unknown[]): void;
  /** The state to checkpoint after a page when more pages follow (`resume` says where to go on). */
  pageState(resume: unknown): StreamState;
  /** The state to checkpoint after the last page: the new high-water mark. */
  finalState(): StreamState;
}

/** A cursor for one read, starting from the saved `state` (undefined on a first run or full refresh). */
export function createIncrementalCursor(options: IncrementalCursorOptions, state: StreamState | undefined): IncrementalCursor {
  const saved = (state ?? {}) as IncrementalState;
  const format = options.format ?? 'auto';
  const savedCursor = scalar(saved.cursor);
  const run = saved.run && typeof saved.run === 'object' ? saved.run : undefined;
  const lowerBound = run
    ? scalar(run.since)
    : savedCursor !== undefined
      ? subtractLookback(savedCursor, options.lookbackMs ?? 0, format)
      : options.initialValue;
  let max = run ? scalar(run.max) : undefined;
  const highWater = (): string | number | undefined => larger(savedCursor, max, format);

  return {
    lowerBound,
    resume: run?.resume,
    get max() {
      return max;
    },
    observe(records) {
      for (const record of records) {
        const value = scalar(getPath(record, options.field));
        if (value !== undefined) max = larger(max, value, format);
      }
    },
    pageState(resume) {
      const cursor = options.ordered ? highWater() : savedCursor;
      return { ...(cursor !== undefined ? { cursor } : {}), run: { since: lowerBound, max, resume } };
    },
    finalState() {
      const cursor = highWater();
      return cursor !== undefined ? { cursor } : {};
    },
  };
}

/** Compares two cursor values in `format`; -1, 0 or 1. */
export function compareCursor(a: string | number, b: string | number, format: CursorFormat = 'auto'): number {
  const x = numeric(a, format);
  const y = numeric(b, format);
  if (x !== undefined && y !== undefined) return x < y ? -1 : x > y ? 1 : 0;
  const s = String(a);
  const t = String(b);
  return s < t ? -1 : s > t ? 1 : 0;
}

function larger(a: string | number | undefined, b: string | number | undefined, format: CursorFormat): string | number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return compareCursor(a, b, format) >= 0 ? a : b;
}

function scalar(value: unknown): string | number | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  return undefined;
}

const DATE_LIKE = /^\d{4}-\d{2}-\d{2}/;

/** A comparable number for dates and numbers; undefined for other strings. */
function numeric(value: string | number, format: CursorFormat): number | undefined {
  if (typeof value === 'number') return value;
  if ((format === 'auto' || format === 'iso') && DATE_LIKE.test(value)) {
    const t = Date.parse(value);
    return Number.isNaN(t) ? undefined : t;
  }
  if ((format === 'unix' || format === 'unix_ms' || format === 'raw' || format === 'auto') && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return undefined;
}

/** `value` moved back by `ms`, in the same representation. */
export function subtractLookback(value: string | number, ms: number, format: CursorFormat = 'auto'): string | number {
  if (ms <= 0 || format === 'raw') return value;
  if (typeof value === 'number' || /^\d+(\.\d+)?$/.test(value)) {
    const n = Number(value);
    const unit = format === 'unix' ? 1000 : format === 'unix_ms' ? 1 : n > 1e11 ? 1 : n > 1e9 ? 1000 : 0;
    if (unit === 0) return value;
    const moved = n - Math.ceil(ms / unit);
    return typeof value === 'number' ? moved : String(moved);
  }
  if (DATE_LIKE.test(value)) {
    const t = Date.parse(value);
    if (!Number.isNaN(t)) return new Date(t - ms).toISOString();
  }
  return value;
}
