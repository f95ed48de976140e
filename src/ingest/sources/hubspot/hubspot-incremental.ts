import { BasinError, throwIfAborted } from '../../../core/errors.js';
import type { ReadContext, RecordBatch } from '../../source.js';
import { searchPage, updatedMs, type HubSpotRuntime } from './hubspot-api.js';
import type { HubSpotReadPlan } from './hubspot-read-plan.js';
import { alreadyRead, toStreamState, trackMark, type CursorMark } from './hubspot-state.js';

/** Records per search page (HubSpot's maximum). */
const SEARCH_LIMIT = 200;

/**
 * Searches objects with the last-modified property GTE the cursor, sorted
 * ascending; each page is a checkpoint (cursor = the largest `updatedAt`
 * read, plus the ids read at that millisecond, which are skipped next time;
 * `deletedSince` carried along for the run's deletion pass). A query
 * reaches at most `searchCap` results (HubSpot: 10,000), so when the window
 * [cursor, now] holds more, it is sliced: the next slice is a new query
 * starting at the largest `updatedAt` read so far. Returns the final mark.
 */
export async function* readIncremental(
  rt: HubSpotRuntime,
  plan: HubSpotReadPlan,
  from: CursorMark & { cursor: number; deletedSince: number },
  context: ReadContext,
): AsyncGenerator<RecordBatch, CursorMark & { cursor: number }> {
  const { spec } = plan;
  const mark: CursorMark = { cursor: from.cursor, seen: [...from.seen] };
  const state = () => toStreamState({ mode: 'incremental', cursor: mark.cursor ?? from.cursor, seen: mark.seen, deletedSince: from.deletedSince });
  for (;;) {
    const sliceStart = mark.cursor ?? from.cursor;
    let offset = 0;
    let sliced = false;
    for (;;) {
      throwIfAborted(context.signal);
      const body = {
        filterGroups: [{ filters: [{ propertyName: spec.modifiedProperty, operator: 'GTE', value: String(sliceStart) }] }],
        sorts: [{ propertyName: spec.modifiedProperty, direction: 'ASCENDING' }],
        properties: plan.properties,
        limit: Math.min(SEARCH_LIMIT, rt.searchCap - offset),
        after: offset,
      };
      const page = await searchPage(rt, spec.objectType, body, context.signal);
      const objects = page.results.filter((o) => !alreadyRead(mark, String(o['id']), updatedMs(o)));
      for (const o of objects) trackMark(mark, String(o['id']), updatedMs(o));
      offset += page.results.length;
      const more = page.after !== undefined && page.results.length > 0;
      sliced = more && offset >= rt.searchCap;
      yield { kind: 'records', records: await plan.toRecords(objects, context.signal), state: state() };
      if (!more || sliced) break;
    }
    if (!sliced) return { cursor: mark.cursor ?? from.cursor, seen: mark.seen };
    if (mark.cursor === sliceStart) {
      throw new BasinError('HTTP_RESPONSE', `HubSpot ${plan.stream}: more than ${rt.searchCap} records modified in the same millisecond (${new Date(sliceStart).toISOString()}); the search API cannot page past them`);
    }
    context.logger.debug('HubSpot search window reached the result cap; slicing', { stream: plan.stream, from: new Date(mark.cursor ?? sliceStart).toISOString() });
  }
}
