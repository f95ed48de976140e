import { BasinError, throwIfAborted } from '../../../core/errors.js';
import type { ReadContext, RecordBatch } from '../../source.js';
import { searchPage, toRecord, updatedMs, type HubSpotRuntime } from './hubspot-api.js';
import { alreadyRead, toStreamState, trackMark, type CursorMark } from './hubspot-state.js';
import type { HubSpotObjectSpec } from './hubspot-streams.js';

/** Records per search page (HubSpot's maximum). */
const SEARCH_LIMIT = 200;

/**
 * Searches records with the last-modified property GTE the cursor, sorted
 * ascending; each page is a checkpoint (cursor = the largest `updatedAt`
 * read, plus the ids read at that millisecond, which are skipped next time).
 * A query reaches at most `searchCap` results (HubSpot: 10,000), so when the
 * window [cursor, now] holds more, it is sliced: the next slice is a new
 * query starting at the largest `updatedAt` read so far.
 */
export async function* readIncremental(
  rt: HubSpotRuntime,
  spec: HubSpotObjectSpec,
  properties: string[],
  from: CursorMark & { cursor: number },
  context: ReadContext,
): AsyncGenerator<RecordBatch> {
  const mark: CursorMark = { cursor: from.cursor, seen: [...from.seen] };
  for (;;) {
    const sliceStart = mark.cursor ?? from.cursor;
    let offset = 0;
    let sliced = false;
    for (;;) {
      throwIfAborted(context.signal);
      const body = {
        filterGroups: [{ filters: [{ propertyName: spec.modifiedProperty, operator: 'GTE', value: String(sliceStart) }] }],
        sorts: [{ propertyName: spec.modifiedProperty, direction: 'ASCENDING' }],
        properties,
        limit: Math.min(SEARCH_LIMIT, rt.searchCap - offset),
        after: offset,
      };
      const page = await searchPage(rt, spec.objectType, body, context.signal);
      const records = page.results.map(toRecord).filter((r) => !alreadyRead(mark, String(r['id']), updatedMs(r)));
      for (const r of records) trackMark(mark, String(r['id']), updatedMs(r));
      offset += page.results.length;
      const more = page.after !== undefined && page.results.length > 0;
      sliced = more && offset >= rt.searchCap;
      yield { kind: 'records', records, state: toStreamState({ mode: 'incremental', cursor: mark.cursor ?? from.cursor, seen: mark.seen }) };
      if (!more || sliced) break;
    }
    if (!sliced) return;
    if (mark.cursor === sliceStart) {
      throw new BasinError('HTTP_RESPONSE', `HubSpot ${spec.name}: more than ${rt.searchCap} records modified in the same millisecond (${new Date(sliceStart).toISOString()}); the search API cannot page past them`);
    }
    context.logger.debug('HubSpot search window reached the result cap; slicing', { stream: spec.name, from: new Date(mark.cursor ?? sliceStart).toISOString() });
  }
}
