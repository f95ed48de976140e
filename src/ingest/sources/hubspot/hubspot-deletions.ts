import { throwIfAborted } from '../../../core/errors.js';
import type { ReadContext, RecordBatch } from '../../source.js';
import { fetchPage, type HubSpotObject, type HubSpotRuntime } from './hubspot-api.js';
import type { HubSpotReadPlan } from './hubspot-read-plan.js';
import { toStreamState, type CursorMark } from './hubspot-state.js';

/** Records per list page (HubSpot's maximum). */
const LIST_LIMIT = 100;

/** When an archived object was archived (epoch ms): `archivedAt`, else `updatedAt`; NaN when neither parses. */
export function archivedMs(object: HubSpotObject): number {
  const at = object['archivedAt'] ?? object['updatedAt'];
  return typeof at === 'string' ? Date.parse(at) : Number.NaN;
}

/**
 * The deletion pass of an incremental run, after its search: lists archived
 * objects (`GET /crm/v3/objects/{type}?archived=true`; the search API never
 * returns them) and reports those archived at or after `since` (the cursor
 * the run started from) as deleted keys `[id]`. Deleting is idempotent, so a
 * key reported twice (a resumed page, a record archived before the previous
 * run's last read) is harmless; each page is a checkpoint, and the last one
 * leaves the plain incremental state `mark`.
 */
export async function* readDeletions(
  rt: HubSpotRuntime,
  plan: HubSpotReadPlan,
  mark: CursorMark & { cursor: number },
  from: { since: number; after: string },
  context: ReadContext,
): AsyncGenerator<RecordBatch> {
  let after: string | undefined = from.after === '' ? undefined : from.after;
  for (;;) {
    throwIfAborted(context.signal);
    const query = { archived: 'true', limit: LIST_LIMIT, after, properties: plan.spec.modifiedProperty };
    const page = await fetchPage(rt, { url: `/crm/v3/objects/${plan.spec.objectType}`, query }, context.signal);
    const deletedKeys = page.results.filter((o) => !(archivedMs(o) < from.since)).map((o) => [String(o['id'])]);
    after = page.after;
    const state = after === undefined
      ? toStreamState({ mode: 'incremental', cursor: mark.cursor, seen: mark.seen })
      : toStreamState({ mode: 'incremental', cursor: mark.cursor, seen: mark.seen, deletedSince: from.since, deletions: after });
    yield { kind: 'records', records: [], deletedKeys, state };
    if (after === undefined) return;
  }
}
