import { throwIfAborted } from '../../../core/errors.js';
import type { ReadContext, RecordBatch } from '../../source.js';
import { fetchPage, toRecord, updatedMs, type HubSpotRuntime } from './hubspot-api.js';
import { toStreamState, trackMark, type CursorMark } from './hubspot-state.js';
import type { HubSpotObjectSpec } from './hubspot-streams.js';

/** Records per list page (HubSpot's maximum). */
const LIST_LIMIT = 100;

/**
 * Lists every (non-archived) record with `after` paging, all discovered
 * properties requested; each page is a checkpoint. Records updated before
 * `start_date` are skipped. The last state hands over to incremental reads
 * from the largest `updatedAt` listed.
 */
export async function* readFullSync(
  rt: HubSpotRuntime,
  spec: HubSpotObjectSpec,
  properties: string[],
  from: { after?: string | undefined } & CursorMark,
  context: ReadContext,
): AsyncGenerator<RecordBatch> {
  const mark: CursorMark = { cursor: from.cursor, seen: [...from.seen] };
  let after = from.after;
  if (after !== undefined) context.logger.info('resuming the HubSpot full sync', { stream: spec.name, after });
  for (;;) {
    throwIfAborted(context.signal);
    const query = { limit: LIST_LIMIT, after, properties: properties.length > 0 ? properties.join(',') : undefined };
    const page = await fetchPage(rt, { url: `/crm/v3/objects/${spec.objectType}`, query }, context.signal);
    const records = page.results.map(toRecord).filter((r) => rt.startDate === undefined || !(updatedMs(r) < rt.startDate));
    for (const r of records) trackMark(mark, String(r['id']), updatedMs(r));
    after = page.after;
    if (after === undefined) {
      const cursor = mark.cursor ?? rt.startDate ?? 0;
      yield { kind: 'records', records, state: toStreamState({ mode: 'incremental', cursor, seen: mark.seen }) };
      return;
    }
    yield { kind: 'records', records, state: toStreamState({ mode: 'full', after, ...mark }) };
  }
}
