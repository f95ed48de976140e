import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../core/logger.js';
import { createHubSpotFake, createStripeFake, HUBSPOT_SANDBOX_TOKEN, startSandbox, type Sandbox } from '../../../sandbox/index.js';
import type { RecordsBatch, Source, Stream, StreamState } from '../../source.js';
import { hubspotConfigSchema } from './hubspot-config.js';
import { createHubSpotSource } from './hubspot-source.js';
import { listedRecords, readAll as read } from './hubspot-test-helpers.js';

type Obj = Record<string, unknown>;
const context = { projectDir: '/tmp', connection: 'hubspot', streams: {}, logger: silentLogger };
const TYPES = ['companies', 'contacts', 'deals', 'tickets'] as const;

let sandbox: Sandbox;
let base: string;
beforeAll(async () => {
  sandbox = await startSandbox({
    seed: 3,
    vendors: [(c) => createStripeFake(c), (c) => createHubSpotFake(c, { rateLimits: { max: 1_000_000, searchPerSecond: 1_000_000 } })],
  });
  base = sandbox.baseUrl('hubspot');
});
afterAll(async () => {
  await sandbox.close();
});

function open(extra: Obj = {}, searchCap?: number): Source {
  const config = hubspotConfigSchema.parse({ access_token: HUBSPOT_SANDBOX_TOKEN, base_url: base, rate_limit: { requests: 100_000, search_per_second: 10_000 }, ...extra });
  return createHubSpotSource({ retry: { baseDelayMs: 2, maxDelayMs: 10 }, searchCap }).create(config, context);
}

async function streamsOf(source: Source): Promise<Map<string, Stream>> {
  return new Map((await source.streams(new AbortController().signal)).map((s) => [s.definition.name, s]));
}



const ids = (batches: RecordsBatch[]) => batches.flatMap((b) => b.records.map((r) => String(r['id'])));
const sorted = (v: string[]) => [...v].sort();

describe('hubspot source', () => {
  it('declares the streams', async () => {
    const defs = [...(await streamsOf(open())).values()].map((s) => s.definition);
    expect(defs.map((d) => d.name)).toEqual([...TYPES, 'owners', 'contacts_to_companies', 'deals_to_companies', 'deals_to_contacts', 'tickets_to_companies', 'tickets_to_contacts']);
    for (const d of defs.slice(0, 4)) expect(d).toMatchObject({ primaryKey: ['id'], cursorField: 'updatedAt', write: 'merge' });
    expect(defs[4]).toMatchObject({ primaryKey: ['id'], write: 'replace' });
    for (const d of defs.slice(5)) expect(d).toMatchObject({ primaryKey: ['from_id'], cursorField: 'updatedAt', write: 'merge' });
  });

  it('checks the token: ok, and 401 without echoing it', async () => {
    const signal = new AbortController().signal;
    expect(await open().check(signal)).toMatchObject({ ok: true });
    const bad = await open({ access_token: 'pat-na1-wrong-token' }).check(signal);
    expect(bad.ok).toBe(false);
    expect(bad.message).toContain('401');
    expect(bad.message).not.toContain('pat-na1-wrong-token');
  });

  it('full sync equals the fake, then incremental after advance reads exactly the modified records (also sliced)', async () => {
    const streams = await streamsOf(open());
    const states = new Map<string, StreamState | undefined>();
    for (const type of TYPES) {
      const batches = await read(streams.get(type)!);
      const expected = await listedRecords(base, type);
      expect(sorted(ids(batches))).toEqual(sorted(expected.map((r) => String(r['id']))));
      const first = batches[0]?.records[0] as Obj;
      expect(Object.keys(first).sort()).toEqual(['archived', 'createdAt', 'id', 'properties', 'updatedAt']);
      expect(Object.keys(first['properties'] as Obj).length).toBeGreaterThan(5);
      const state = batches.at(-1)?.state;
      expect(state).toMatchObject({ mode: 'incremental', cursor: expect.any(Number) });
      states.set(type, state);
    }
    const owners = await read(streams.get('owners')!);
    expect(ids(owners)).toHaveLength(8);

    sandbox.advance({ days: 20 });
    const sliced = await streamsOf(open({}, 40));
    for (const type of TYPES) {
      const cursor = states.get(type)?.['cursor'] as number;
      const modified = (await listedRecords(base, type)).filter((r) => Date.parse(String(r['updatedAt'])) > cursor).map((r) => String(r['id']));
      expect(modified.length).toBeGreaterThan(0);
      const batches = await read(streams.get(type)!, states.get(type));
      expect(sorted(ids(batches))).toEqual(sorted(modified));
      expect(sorted(ids(await read(sliced.get(type)!, states.get(type))))).toEqual(sorted(modified));
      const again = await read(streams.get(type)!, batches.at(-1)?.state);
      expect(ids(again)).toEqual([]);
    }
  }, 15_000);
});
