import { throwIfAborted } from '../../../core/errors.js';
import type { QueryValue } from '../../http/http-request.js';
import type { ReadContext, RecordBatch } from '../../source.js';
import { isObject, listPage, newestEvent, type StripeObject, type StripeRuntime } from './stripe-api.js';
import { StripeBatcher } from './stripe-batcher.js';
import { toStreamState, type IncrementalState } from './stripe-state.js';
import type { StripeStreamSpec } from './stripe-streams.js';

/** Where the latest event of one object left it. */
interface LatestChange {
  deleted: boolean;
  object: StripeObject;
}

/** `type` for one pattern (wildcards allowed), `types[]` for several (exact names). */
function typeQuery(events: readonly string[]): Record<string, QueryValue> {
  return events.length === 1 ? { type: events[0] } : { 'types[]': events };
}

/**
 * Reads `/v1/events` of the stream's types since `state.cursor` (newest
 * first), keeps each object's latest event (the first seen), and emits the
 * objects as records and deletions as deletedKeys. The new cursor is the
 * newest event seen before listing (or a newer matching one): later events
 * have a `created` at or after it; events on its second already read are
 * remembered (`seen`) and skipped next time. Memory: one object per changed id.
 */
export async function* readEvents(rt: StripeRuntime, spec: StripeStreamSpec, state: IncrementalState, context: ReadContext): AsyncGenerator<RecordBatch> {
  const events = spec.events ?? [];
  const probe = await newestEvent(rt, context.signal);
  const latest = new Map<string, LatestChange>();
  const seen = new Set(state.seen ?? []);
  let cursor = state.cursor;
  let after: string | undefined;
  let atCursor: string[] = [];
  for (;;) {
    throwIfAborted(context.signal);
    const page = await listPage(rt, 'events', { ...typeQuery(events), 'created[gte]': state.cursor, starting_after: after }, context.signal);
    for (const event of page.data) {
      if (seen.has(String(event['id']))) continue;
      const object = isObject(event['data']) ? event['data']['object'] : undefined;
      if (!isObject(object) || object['object'] !== spec.object || typeof object['id'] !== 'string') continue;
      const created = event['created'];
      if (typeof created === 'number' && (cursor === undefined || created > cursor)) {
        cursor = created;
        atCursor = [];
      }
      if (created === cursor) atCursor.push(String(event['id']));
      if (!latest.has(object['id'])) latest.set(object['id'], { deleted: spec.deletes?.includes(String(event['type'])) ?? false, object });
    }
    const last = page.data.at(-1);
    if (!page.has_more || !last) break;
    after = String(last['id']);
  }
  if (probe && (cursor === undefined || probe.created > cursor)) {
    cursor = probe.created;
    atCursor = [];
  }
  if (probe && probe.created === cursor) atCursor.push(...probe.same);
  if (cursor === state.cursor) atCursor.push(...seen);
  context.logger.debug('stripe events read', { stream: spec.name, changed: latest.size });
  const batcher = new StripeBatcher(rt.batchSize);
  for (const [id, change] of latest) {
    throwIfAborted(context.signal);
    const batch = change.deleted
      ? batcher.add([], undefined, [[id]])
      : batcher.add(spec.toRecords ? await spec.toRecords(rt, change.object, context.signal) : [change.object], undefined);
    if (batch) yield batch;
  }
  yield batcher.flush(toStreamState({ mode: 'incremental', cursor, event: probe?.id ?? state.event, seen: [...new Set(atCursor)] }));
}
