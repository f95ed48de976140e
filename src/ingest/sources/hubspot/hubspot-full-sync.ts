import { throwIfAborted } from '../../../core/errors.js';
import type { ReadContext, RecordBatch } from '../../source.js';
import { fetchPage, updatedMs, type HubSpotRuntime } from './hubspot-api.js';
import type { HubSpotReadPlan } from './hubspot-read-plan.js';
import { toStreamState, trackMark, type CursorMark } from './hubspot-state.js';

/** Records per list page (HubSpot's maximum). */
const LIST_LIMIT = 100;

/**
 * Lists every (non-archived) object with `after` paging, the plan's
 * properties requested; each page is a checkpoint. Objects updated before
 * `start_date` are skipped. The last state hands over to incremental reads
 * from the largest `updatedAt` listed.
 */
export async function* readFullSync(
  rt: HubSpotRuntime,
  plan: HubSpotReadPlan,
  from: { after?: string | undefined } & CursorMark,
  context: ReadContext,
): AsyncGenerator<RecordBatch> {
  const mark: CursorMark = { cursor: from.cursor, seen: [...from.seen] };
  let after = from.after;
  if (after !== undefined) context.logger.info('resuming the HubSpot full sync', { stream: plan.stream, after });
  for (;;) {
    throwIfAborted(context.signal);
    const query = { limit: LIST_LIMIT, after, properties: plan.properties.length > 0 ? plan.properties.join(',') : undefined };
    const page = await fetchPage(rt, { url: `/crm/v3/objects/${plan.spec.objectType}`, query }, context.signal);
    const objects = page.results.filter((o) => rt.startDate === undefined || !(updatedMs(o) < rt.startDate));
    for (const o of objects) trackMark(mark, String(o['id']), updatedMs(o));
    const records = await plan.toRecords(objects, context.signal);
    after = page.after;
    if (after === undefined) {
      const cursor = mark.cursor ?? rt.startDate ?? 0;
      yield { kind: 'records', records, state: toStreamState({ mode: 'incremental', cursor, seen: mark.seen }) };
      return;
    }
    yield { kind: 'records', records, state: toStreamState({ mode: 'full', after, ...mark }) };
  }
}
