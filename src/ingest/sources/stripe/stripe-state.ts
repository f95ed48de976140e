import type { StreamState } from '../../source.js';

/**
 * A Stripe stream's saved progress.
 * - backfill: listing `created` windows from `start`; `window` is the current
 *   window's start, `after` the last id read in it (`starting_after`), `anchor`
 *   the newest event when the backfill began (where incremental reads take
 *   over), `max` the largest `created` read; `watch` the records to look at
 *   again next run (see stripe-watch.ts) and `known` the previous run's
 *   watch, when this listing is an incremental run of an event-less stream.
 * - incremental: `cursor` is the `created` (epoch seconds) from which the
 *   next run reads (events, or objects for append-only streams); `event` the
 *   newest event id seen at the last run (its 404 means the last run is past
 *   Stripe's 30-day event retention), `seen` the events on the cursor's
 *   second already reflected (skipped by the next `created[gte]` read).
 */
export interface BackfillState {
  mode: 'backfill';
  start: number;
  window: number;
  after?: string | undefined;
  anchor?: { id: string; created: number; same: string[] } | undefined;
  max?: number | undefined;
  watch?: Watch | undefined;
  known?: { cursor: number; watch: Watch } | undefined;
}

/** id -> [created, status] of records that may still change or sit on the cursor's second. */
export type Watch = Record<string, [number, string]>;

export interface IncrementalState {
  mode: 'incremental';
  cursor?: number | undefined;
  event?: string | undefined;
  seen?: string[] | undefined;
  watch?: Watch | undefined;
}

export type StripeState = BackfillState | IncrementalState;

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Reads a saved state; undefined when absent or unrecognised (a fresh backfill). */
export function parseStripeState(state: StreamState | undefined): StripeState | undefined {
  if (!state) return undefined;
  if (state['mode'] === 'incremental') return { mode: 'incremental', cursor: num(state['cursor']), event: str(state['event']), seen: strings(state['seen']), watch: watchOf(state['watch']) };
  if (state['mode'] === 'backfill') {
    const start = num(state['start']);
    const window = num(state['window']);
    if (start === undefined || window === undefined) return undefined;
    const a = state['anchor'] as Record<string, unknown> | undefined;
    const anchorId = str(a?.['id']);
    const anchorCreated = num(a?.['created']);
    return {
      mode: 'backfill',
      start,
      window,
      after: str(state['after']),
      anchor: anchorId !== undefined && anchorCreated !== undefined ? { id: anchorId, created: anchorCreated, same: strings(a?.['same']) ?? [] } : undefined,
      max: num(state['max']),
      watch: watchOf(state['watch']),
      known: knownOf(state['known']),
    };
  }
  return undefined;
}

function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
}

function watchOf(value: unknown): Watch | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const out: Watch = {};
  for (const [id, entry] of Object.entries(value)) {
    if (Array.isArray(entry) && typeof entry[0] === 'number' && typeof entry[1] === 'string') out[id] = [entry[0], entry[1]];
  }
  return out;
}

function knownOf(value: unknown): BackfillState['known'] {
  const v = value as Record<string, unknown> | undefined;
  const cursor = num(v?.['cursor']);
  return cursor === undefined ? undefined : { cursor, watch: watchOf(v?.['watch']) ?? {} };
}

/** The state as stored (undefined fields dropped). */
export function toStreamState(state: StripeState): StreamState {
  return JSON.parse(JSON.stringify(state)) as StreamState;
}
