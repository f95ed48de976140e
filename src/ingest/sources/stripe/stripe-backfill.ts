import { throwIfAborted } from '../../../core/errors.js';
import type { QueryValue } from '../../http/http-request.js';
import type { ReadContext, RecordBatch } from '../../source.js';
import { listPage, newestEvent, type StripeObject, type StripeRuntime } from './stripe-api.js';
import { StripeBatcher } from './stripe-batcher.js';
import { toStreamState, type BackfillState, type IncrementalState, type Watch } from './stripe-state.js';
import type { StripeStreamSpec } from './stripe-streams.js';
import { isChange, trackEdge, watchLowerBound, watchRecords } from './stripe-watch.js';

/** Width of a backfill window (seconds of `created`). */
export const WINDOW_SECONDS = 30 * 86_400;
/** Default backfill depth before the newest event. */
const DEFAULT_DEPTH_SECONDS = 730 * 86_400;

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/**
 * A new backfill (default start: the configured start date, else two years
 * before the newest event). The newest event, read first, is where the
 * incremental reads take over: anything changed after it has an event at or
 * after its `created`.
 */
export async function startBackfill(rt: StripeRuntime, signal: AbortSignal): Promise<BackfillState> {
  const anchor = await newestEvent(rt, signal);
  const start = rt.startDate ?? (anchor?.created ?? nowSeconds()) - DEFAULT_DEPTH_SECONDS;
  return { mode: 'backfill', start, window: start, anchor };
}

/** An incremental run of a stream without events: a listing from the cursor (or the oldest watched record) that emits only changes. */
export async function startRelist(rt: StripeRuntime, signal: AbortSignal, state: IncrementalState): Promise<BackfillState> {
  const fresh = await startBackfill(rt, signal);
  if (state.cursor === undefined) return fresh;
  const start = watchLowerBound(state.cursor, state.watch);
  return { ...fresh, start, window: start, known: { cursor: state.cursor, watch: state.watch ?? {} } };
}

/** The state after a complete listing: event streams go on from the anchor event, the others from the largest `created`. */
function finished(spec: StripeStreamSpec, state: BackfillState, max: number | undefined, watch: Watch): IncrementalState {
  if (spec.events) return { mode: 'incremental', cursor: state.anchor?.created, event: state.anchor?.id, seen: state.anchor?.same };
  return { mode: 'incremental', cursor: Math.max(max ?? state.start, state.start), watch };
}

/** One listed page, expanded into records. */
interface FetchedPage {
  /** The window's end (undefined: the open last window, or no windows). */
  end: number | undefined;
  hasMore: boolean;
  lastId: string | undefined;
  records: StripeObject[];
}

/** `promise`, marked handled so a read-ahead the consumer never awaits (it stopped early) cannot crash the process. */
function prefetch<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/**
 * Lists `created` windows of 30 days from `state.window` (the last window
 * open-ended), pages inside a window with `starting_after`, and checkpoints
 * the window and the last id, so a crash resumes on the next page. One page
 * is read ahead while the consumer loads the current batch.
 */
export async function* readBackfill(rt: StripeRuntime, spec: StripeStreamSpec, state: BackfillState, context: ReadContext): AsyncGenerator<RecordBatch> {
  const batcher = new StripeBatcher(rt.batchSize);
  const horizon = state.anchor?.created ?? nowSeconds();
  let { window, after, max } = state;
  const watch: Watch = { ...state.watch };
  const edge: Watch = {};
  if (after !== undefined || window !== state.start) context.logger.info('resuming the Stripe backfill', { stream: spec.name, window: new Date(window * 1000).toISOString() });
  const fetchAt = async (from: number, cursor: string | undefined): Promise<FetchedPage> => {
    const end = spec.windowed && from + WINDOW_SECONDS <= horizon ? from + WINDOW_SECONDS : undefined;
    const query: Record<string, QueryValue> = { ...spec.params, starting_after: cursor };
    if (spec.windowed) {
      query['created[gte]'] = from;
      if (end !== undefined) query['created[lt]'] = end;
    }
    const page = await listPage(rt, spec.path, query, context.signal);
    const records: StripeObject[] = [];
    for (const object of page.data) records.push(...(spec.toRecords ? await spec.toRecords(rt, object, context.signal) : [object]));
    return { end, hasMore: page.has_more, lastId: page.data.length > 0 ? String(page.data.at(-1)?.['id']) : undefined, records };
  };
  let next = prefetch(fetchAt(window, after));
  for (;;) {
    throwIfAborted(context.signal);
    const page = await next;
    let records = page.records;
    watchRecords(spec, watch, records);
    max = trackEdge(edge, max, records);
    const known = state.known;
    if (known) records = records.filter((r) => isChange(r, known));
    if (page.hasMore && page.lastId !== undefined) after = page.lastId;
    else if (page.end !== undefined) {
      window = page.end;
      after = undefined;
    } else {
      const full = batcher.add(records, toStreamState({ ...state, window, after: undefined, max, watch }));
      if (full) yield full;
      yield batcher.flush(toStreamState(finished(spec, state, max, { ...watch, ...edge })));
      return;
    }
    // The next page is on its way while the loader writes this batch.
    next = prefetch(fetchAt(window, after));
    const batch = batcher.add(records, toStreamState({ ...state, window, after, max, watch }));
    if (batch) yield batch;
  }
}
