/**
 * The HubSpot connector against the sandbox over HTTP: search-cap slicing,
 * archived records as deletions, association link streams, custom objects,
 * and resuming an interrupted incremental run. Seed 1 at scale 0.2: one
 * organization is deleted (all its CRM records archived) in the 10 days
 * the clock moves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../core/logger.js';
import { startSandbox, type Sandbox } from '../../../sandbox/start-sandbox.js';
import { HUBSPOT_SANDBOX_TOKEN, createHubSpotFake } from '../../../sandbox/hubspot/hubspot-fake.js';
import type { RecordsBatch, Source, Stream, StreamState } from '../../source.js';
import { hubspotConfigSchema } from './hubspot-config.js';
import { createHubSpotSource } from './hubspot-source.js';
import { listedRecords, readAll as read } from './hubspot-test-helpers.js';

type Obj = Record<string, unknown>;
const context = { projectDir: '/tmp', connection: 'hubspot', streams: {}, logger: silentLogger };
/** The fake's (lowered) search cap. */
const CAP = 5;

let sandbox: Sandbox;
let base: string;
beforeAll(async () => {
  sandbox = await startSandbox({
    seed: 1,
    scale: 0.2,
    vendors: [(c) => createHubSpotFake(c, { rateLimits: { max: 1_000_000, searchPerSecond: 1_000_000 }, searchResultCap: CAP })],
  });
  base = sandbox.baseUrl('hubspot');
});
afterAll(async () => {
  await sandbox.close();
});

function open(extra: Obj = {}, searchCap = CAP): Source {
  const config = hubspotConfigSchema.parse({ access_token: HUBSPOT_SANDBOX_TOKEN, base_url: base, rate_limit: { requests: 100_000, search_per_second: 10_000 }, ...extra });
  return createHubSpotSource({ retry: { baseDelayMs: 2, maxDelayMs: 10, maxAttempts: 2 }, searchCap }).create(config, context);
}

async function stream(name: string, source = open({ custom_objects: ['product_org'] })): Promise<Stream> {
  const found = (await source.streams(new AbortController().signal)).find((s) => s.definition.name === name);
  if (!found) throw new Error(`no stream ${name}`);
  return found;
}



const records = (batches: RecordsBatch[]) => batches.flatMap((b) => b.records);
const ids = (batches: RecordsBatch[], key = 'id') => records(batches).map((r) => String(r[key])).sort();
const deleted = (batches: RecordsBatch[]) => batches.flatMap((b) => (b.deletedKeys ?? []).map((k) => String(k[0]))).sort();
const ms = (v: unknown) => Date.parse(String(v));

/** Full syncs at the start, kept for the incremental tests after the clock moves. */
const firstStates = new Map<string, StreamState | undefined>();
const STREAMS = ['companies', 'contacts', 'deals', 'tickets', 'product_org', 'contacts_to_companies', 'tickets_to_contacts'];

describe('hubspot connector: full syncs', () => {
  it('associations are link rows per parent (v4 types and labels), custom objects a stream by name', async () => {
    for (const name of STREAMS) firstStates.set(name, (await read(await stream(name))).at(-1)?.state);

    const contacts = await listedRecords(base, 'contacts');
    const links = await read(await stream('contacts_to_companies'));
    expect(ids(links, 'from_id')).toEqual(contacts.map((c) => String(c['id'])).sort());
    const byContact = new Map(records(links).map((r) => [String(r['from_id']), r['links']]));
    for (const c of contacts.slice(0, 25)) {
      const company = String((await fetch(`${base}/crm/v3/objects/contacts/${String(c['id'])}?properties=associatedcompanyid`, { headers: { authorization: `Bearer ${HUBSPOT_SANDBOX_TOKEN}` } }).then((r) => r.json()) as { properties: Obj }).properties['associatedcompanyid']);
      expect(byContact.get(String(c['id']))).toEqual([
        { from_id: c['id'], to_id: company, category: 'HUBSPOT_DEFINED', type_id: 1, label: 'Primary' },
        { from_id: c['id'], to_id: company, category: 'HUBSPOT_DEFINED', type_id: 279, label: null },
      ]);
    }
    const tickets = records(await read(await stream('tickets_to_contacts')));
    expect(tickets.length).toBe((await listedRecords(base, 'tickets')).length);
    for (const t of tickets) expect(t['links']).toEqual([{ from_id: t['from_id'], to_id: expect.stringMatching(/^1\d{9}$/), category: 'HUBSPOT_DEFINED', type_id: 16, label: null }]);

    for (const name of ['product_org', 'p48151623_product_org', '2-4815162']) {
      const orgs = await read(await stream('product_org', open({ custom_objects: [name] })));
      expect(ids(orgs)).toEqual((await listedRecords(base, '2-4815162')).map((o) => String(o['id'])).sort());
      expect((records(orgs)[0]?.['properties'] as Obj)['users']).toEqual(expect.any(String));
    }
    await expect(open({ custom_objects: ['gitbook_org'] }).streams(new AbortController().signal)).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: expect.stringContaining('"gitbook_org" not found in the portal\'s schemas (custom objects: product_org)'),
    });
  });
});

describe('hubspot connector: incremental', () => {
  it('slices search windows at the result cap; without slicing the API refuses to page past it', async () => {
    sandbox.advance({ days: 10 });
    const cursor = firstStates.get('contacts')?.['cursor'] as number;
    const modified = (await listedRecords(base, 'contacts')).filter((c) => ms(c['updatedAt']) > cursor).map((c) => String(c['id'])).sort();
    expect(modified.length).toBeGreaterThan(2 * CAP);
    expect(ids(await read(await stream('contacts'), firstStates.get('contacts')))).toEqual(modified);
    const unsliced = await stream('contacts', open({}, 10_000));
    await expect(read(unsliced, firstStates.get('contacts'))).rejects.toThrow(/400.*at most 5 results per query/);
  });

  it('reports records archived since the cursor as deleted keys, after the modified ones, for every object stream', async () => {
    let total = 0;
    for (const [name, type] of [['companies', 'companies'], ['contacts', 'contacts'], ['deals', 'deals'], ['tickets', 'tickets'], ['product_org', '2-4815162']] as const) {
      const state = firstStates.get(name);
      const cursor = state?.['cursor'] as number;
      const archived = (await listedRecords(base, type, true)).filter((r) => ms(r['archivedAt']) >= cursor).map((r) => String(r['id'])).sort();
      const batches = await read(await stream(name), state);
      expect(deleted(batches), name).toEqual(archived);
      const firstDeletion = batches.findIndex((b) => (b.deletedKeys ?? []).length > 0);
      expect(batches.slice(firstDeletion).every((b) => b.records.length === 0)).toBe(true);
      expect(batches.at(-1)?.state).toEqual({ mode: 'incremental', cursor: expect.any(Number), seen: expect.any(Array) });
      total += archived.length;
    }
    expect(total).toBeGreaterThanOrEqual(5);
  });

  it('association streams re-read the links of changed parents and delete the rows of archived ones', async () => {
    const state = firstStates.get('tickets_to_contacts');
    const cursor = state?.['cursor'] as number;
    const batches = await read(await stream('tickets_to_contacts'), state);
    expect(ids(batches, 'from_id')).toEqual((await listedRecords(base, 'tickets')).filter((t) => ms(t['updatedAt']) > cursor).map((t) => String(t['id'])).sort());
    expect(records(batches).every((r) => (r['links'] as unknown[]).length === 1)).toBe(true);
    expect(deleted(batches)).toEqual((await listedRecords(base, 'tickets', true)).filter((t) => ms(t['archivedAt']) >= cursor).map((t) => String(t['id'])).sort());
    expect(deleted(batches).length).toBeGreaterThan(0);
  });

  it('resumes an interrupted incremental run from any committed batch (search or deletion pass) with the same result', async () => {
    const s = await stream('contacts');
    const whole = await read(s, firstStates.get('contacts'));
    const passes = whole.map((b) => (b.state?.['deletions'] !== undefined ? 'deletions' : b.state?.['deletedSince'] !== undefined ? 'search' : 'end'));
    expect(passes).toContain('search');
    expect(passes).toContain('deletions');
    for (let k = 1; k < whole.length; k++) {
      const resumed = [...whole.slice(0, k), ...(await read(s, whole[k - 1]?.state))];
      expect(new Set(ids(resumed))).toEqual(new Set(ids(whole)));
      expect(new Set(deleted(resumed))).toEqual(new Set(deleted(whole)));
      expect(resumed.at(-1)?.state).toEqual(whole.at(-1)?.state);
    }
  });
});
