import type { StreamState } from '../../source.js';

/**
 * A Firestore stream's saved progress.
 * - Incremental (merge) streams: `cursor`, the position of the last document
 *   read in (updated_at_field, __name__) order: the field's Firestore value,
 *   kept as sent so the next query starts exactly after it, and the name.
 * - Full (replace) streams: `after`, the name of the last document read by an
 *   unfinished run (absent once a run is complete, so the next run starts over).
 */
export interface FirestoreState {
  cursor?: { value: Record<string, unknown>; name: string } | undefined;
  after?: string | undefined;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads a saved state (unrecognised parts are dropped). */
export function parseFirestoreState(state: StreamState | undefined): FirestoreState {
  if (!state) return {};
  const out: FirestoreState = {};
  const cursor = state['cursor'];
  if (isObj(cursor) && isObj(cursor['value']) && typeof cursor['name'] === 'string') out.cursor = { value: cursor['value'], name: cursor['name'] };
  if (typeof state['after'] === 'string') out.after = state['after'];
  return out;
}

/** The state as stored. */
export function toStreamState(state: FirestoreState): StreamState {
  return JSON.parse(JSON.stringify(state)) as StreamState;
}
