/**
 * A Help Scout stream's saved progress: `cursor`, the latest modification
 * time read (ISO 8601). Each run reads from the cursor minus a small
 * lookback (changes Help Scout indexes a little late are caught; the merge
 * on `id` absorbs the overlap), never before `start_date`.
 */
import type { StreamState } from '../../source.js';
import { isoSeconds } from './help-scout-api.js';

/** Re-read this much before the saved cursor. */
export const LOOKBACK_MS = 5 * 60_000;

/** The saved cursor (epoch ms), if any. */
export function savedCursor(state: StreamState | undefined): number | undefined {
  const raw = state?.['cursor'];
  const ms = typeof raw === 'string' ? Date.parse(raw) : Number.NaN;
  return Number.isNaN(ms) ? undefined : ms;
}

/** Where a run starts reading (epoch ms), or undefined to read everything. */
export function lowerBound(saved: number | undefined, startDate: number | undefined): number | undefined {
  if (saved === undefined) return startDate;
  const from = saved - LOOKBACK_MS;
  return startDate === undefined ? from : Math.max(from, startDate);
}

/** The state to commit with a batch: the larger of the saved cursor and the run's mark (never moves back). */
export function cursorState(saved: number | undefined, mark: number | undefined): StreamState | undefined {
  const best = saved === undefined ? mark : mark === undefined ? saved : Math.max(saved, mark);
  return best === undefined ? undefined : { cursor: isoSeconds(best) };
}
