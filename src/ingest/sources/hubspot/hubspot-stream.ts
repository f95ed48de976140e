import type { ReadContext, RecordBatch, Stream, StreamDefinition } from '../../source.js';
import { discoverProperties, type HubSpotRuntime } from './hubspot-api.js';
import { readFullSync } from './hubspot-full-sync.js';
import { readIncremental } from './hubspot-incremental.js';
import { parseHubSpotState } from './hubspot-state.js';
import type { HubSpotObjectSpec } from './hubspot-streams.js';

/** One CRM object stream: key `id`, cursor `updatedAt`, write merge. */
export function createHubSpotObjectStream(spec: HubSpotObjectSpec, rt: HubSpotRuntime): Stream {
  const definition: StreamDefinition = {
    name: spec.name,
    primaryKey: ['id'],
    cursorField: 'updatedAt',
    write: 'merge',
    columns: { id: 'text', createdAt: 'timestamptz', updatedAt: 'timestamptz', archived: 'boolean' },
  };
  return { definition, read: (context) => readObjects(rt, spec, context) };
}

/** A first run (or full refresh, or an unfinished full sync) lists; later runs search from the cursor. */
async function* readObjects(rt: HubSpotRuntime, spec: HubSpotObjectSpec, context: ReadContext): AsyncGenerator<RecordBatch> {
  const state = context.fullRefresh ? undefined : parseHubSpotState(context.state);
  const properties = await discoverProperties(rt, spec.objectType, context.signal);
  if (state?.mode === 'incremental' && state.cursor !== undefined) {
    yield* readIncremental(rt, spec, properties, { cursor: state.cursor, seen: state.seen }, context);
    return;
  }
  yield* readFullSync(rt, spec, properties, state ?? { cursor: undefined, seen: [] }, context);
}
