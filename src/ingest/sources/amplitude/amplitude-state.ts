/**
 * The `events` stream's saved progress: `complete_before`, the end of the last
 * upload hour read once the export had loaded it completely (ISO, on the
 * hour). Every hour before it has been read in full; the next run starts
 * `lookback_hours` before it.
 */
import type { StreamState } from '../../source.js';

/** The state, parsed: `complete_before` as epoch ms. */
export interface AmplitudeState {
  completeBefore: number;
}

/** Reads a saved state; undefined when absent or unrecognised (a first run). */
export function parseAmplitudeState(state: StreamState | undefined): AmplitudeState | undefined {
  const value = state?.['complete_before'];
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : { completeBefore: ms };
}

/** The state as stored. */
export function toStreamState(state: AmplitudeState): StreamState {
  return { complete_before: new Date(state.completeBefore).toISOString() };
}
