import type { ReadContext, RecordBatch, Stream, StreamDefinition } from '../../source.js';
import { eventRetained, type StripeRuntime } from './stripe-api.js';
import { readBackfill, startBackfill, startRelist } from './stripe-backfill.js';
import { readEvents } from './stripe-incremental.js';
import { readAhead } from './read-ahead.js';
import { parseStripeState } from './stripe-state.js';
import type { StripeStreamSpec } from './stripe-streams.js';

/** One Stripe stream: key `id`, cursor `created`, write merge. */
export function createStripeStream(spec: StripeStreamSpec, rt: StripeRuntime): Stream {
  const definition: StreamDefinition = { name: spec.name, primaryKey: ['id'], cursorField: 'created', write: 'merge' };
  return { definition, read: (context) => readStripe(rt, spec, context) };
}

/**
 * A first run (or a full refresh) backfills; later runs read events since
 * the last sync, or re-backfill when the last sync's newest event has left
 * Stripe's 30-day retention. Streams without events (refunds, balance
 * transactions) re-list from their largest `created`.
 */
async function* readStripe(rt: StripeRuntime, spec: StripeStreamSpec, context: ReadContext): AsyncGenerator<RecordBatch> {
  let state = context.fullRefresh ? undefined : parseStripeState(context.state);
  if (state?.mode === 'incremental' && spec.events && state.event !== undefined && !(await eventRetained(rt, state.event, context.signal))) {
    context.logger.warn('the last Stripe sync is older than the 30-day event retention; backfilling again', { stream: spec.name });
    state = undefined;
  }
  if (!state) state = await startBackfill(rt, context.signal);
  else if (state.mode === 'incremental' && !spec.events) state = await startRelist(rt, context.signal, state);
  // Two batches are read ahead while the loader writes.
  if (state.mode === 'backfill') yield* readAhead(readBackfill(rt, spec, state, context), 2);
  else yield* readEvents(rt, spec, state, context);
}
