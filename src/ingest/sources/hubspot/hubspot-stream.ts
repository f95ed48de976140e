import type { ReadContext, RecordBatch, Stream, StreamDefinition } from '../../source.js';
import { discoverProperties, toRecord, type HubSpotRuntime } from './hubspot-api.js';
import { readDeletions } from './hubspot-deletions.js';
import { readFullSync } from './hubspot-full-sync.js';
import { readIncremental } from './hubspot-incremental.js';
import type { HubSpotReadPlan } from './hubspot-read-plan.js';
import { parseHubSpotState } from './hubspot-state.js';
import type { HubSpotObjectSpec } from './hubspot-streams.js';

/** One CRM object stream (standard or custom object): key `id`, cursor `updatedAt`, write merge. */
export function createHubSpotObjectStream(spec: HubSpotObjectSpec, rt: HubSpotRuntime): Stream {
  const definition: StreamDefinition = {
    name: spec.name,
    primaryKey: ['id'],
    cursorField: 'updatedAt',
    write: 'merge',
    columns: { id: 'text', createdAt: 'timestamptz', updatedAt: 'timestamptz', archived: 'boolean' },
  };
  const read = async function* (context: ReadContext): AsyncGenerator<RecordBatch> {
    const properties = await discoverProperties(rt, spec.objectType, context.signal);
    yield* readPlan(rt, { stream: spec.name, spec, properties, toRecords: async (objects) => objects.map(toRecord) }, context);
  };
  return { definition, read };
}

/**
 * Reads a plan: a first run (or full refresh, or an unfinished full sync)
 * lists; later runs search from the cursor, then report the objects
 * archived since the run's starting cursor as deletions.
 */
export async function* readPlan(rt: HubSpotRuntime, plan: HubSpotReadPlan, context: ReadContext): AsyncGenerator<RecordBatch> {
  const state = context.fullRefresh ? undefined : parseHubSpotState(context.state);
  if (state?.mode !== 'incremental' || state.cursor === undefined) {
    yield* readFullSync(rt, plan, state ?? { cursor: undefined, seen: [] }, context);
    return;
  }
  const since = state.deletedSince ?? state.cursor;
  const mark = state.deletions !== undefined
    ? { cursor: state.cursor, seen: state.seen }
    : yield* readIncremental(rt, plan, { cursor: state.cursor, seen: state.seen, deletedSince: since }, context);
  yield* readDeletions(rt, plan, mark, { since, after: state.deletions ?? '' }, context);
}
