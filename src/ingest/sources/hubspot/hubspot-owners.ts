import type { ReadContext, RecordBatch, Stream } from '../../source.js';
import { fetchPage, type HubSpotObject, type HubSpotRuntime } from './hubspot-api.js';

/** `owners`: the account's users who own records (`/crm/v3/owners`), re-read in full each run (write replace). */
export function createOwnersStream(rt: HubSpotRuntime): Stream {
  return {
    definition: { name: 'owners', primaryKey: ['id'], write: 'replace' },
    read: (context) => readOwners(rt, context),
  };
}

async function* readOwners(rt: HubSpotRuntime, context: ReadContext): AsyncGenerator<RecordBatch> {
  const records: HubSpotObject[] = [];
  let after: string | undefined;
  do {
    const page = await fetchPage(rt, { url: '/crm/v3/owners', query: { limit: 100, after } }, context.signal);
    records.push(...page.results);
    after = page.after;
  } while (after !== undefined);
  yield { kind: 'records', records };
}
