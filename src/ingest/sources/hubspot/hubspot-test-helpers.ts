/** Test helpers of the HubSpot connector's tests: read a stream to the end, list the fake's records directly. */
import { silentLogger } from '../../../core/logger.js';
import { HUBSPOT_SANDBOX_TOKEN } from '../../../sandbox/hubspot/hubspot-fake.js';
import type { RecordsBatch, Stream, StreamState } from '../../source.js';

type Obj = Record<string, unknown>;

/** Every batch of one read of `stream` from `state`. */
export async function readAll(stream: Stream, state?: StreamState): Promise<RecordsBatch[]> {
  const out: RecordsBatch[] = [];
  for await (const b of stream.read({ state, fullRefresh: false, signal: new AbortController().signal, logger: silentLogger })) {
    if (b.kind !== 'records') throw new Error('expected records');
    out.push(b);
  }
  return out;
}

/** Every record of `type` the fake at `base` lists now (the archived ones with `archived`). */
export async function listedRecords(base: string, type: string, archived = false): Promise<Obj[]> {
  const out: Obj[] = [];
  let after = '';
  for (;;) {
    const res = await fetch(`${base}/crm/v3/objects/${type}?limit=100&archived=${archived}${after}`, { headers: { authorization: `Bearer ${HUBSPOT_SANDBOX_TOKEN}` } });
    const body = (await res.json()) as { results: Obj[]; paging?: { next: { after: string } } };
    out.push(...body.results);
    if (!body.paging) return out;
    after = `&after=${body.paging.next.after}`;
  }
}
