import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorMessage } from '../../../core/errors.js';
import { createMemoryLogger, silentLogger } from '../../../core/logger.js';
import { createHubSpotFake, HUBSPOT_SANDBOX_TOKEN, type HubSpotFake } from '../../../sandbox/hubspot/hubspot-fake.js';
import { startSandbox, type Sandbox } from '../../../sandbox/start-sandbox.js';
import { hubspotCall } from '../../../sandbox/test-support/hubspot-call.js';
import type { DestinationRecord } from '../../destination.js';
import { hubspotDestination } from './hubspot-destination.js';

let sandbox: Sandbox;
let fake: HubSpotFake;
const ctx = { logger: silentLogger, sync: 'company_health' };
const WRONG_TOKEN = 'pat-na1-00000000-wrong-token-never-shown';

beforeAll(async () => {
  // A 1-second window keeps the pause after an injected 429 (which reports the window used up) short.
  sandbox = await startSandbox({ seed: 11, logger: silentLogger, vendors: [(c) => (fake = createHubSpotFake(c, { rateLimits: { max: 100, intervalMs: 1000 } }))] });
});
afterAll(async () => sandbox.close());

const config = (token = HUBSPOT_SANDBOX_TOKEN) => hubspotDestination.configSchema.parse({ access_token: token, base_url: sandbox.baseUrl('hubspot') });
const open = (object: string, keyField?: string, token?: string) => hubspotDestination.open(config(token), { object, keyField }, ctx);
const company = (org: string, score: number | null, tier: string | null): DestinationRecord => ({ key: org, fields: { organization_id: org, health_score: score, health_tier: tier } });

/** Live records of `object` by a unique property, as the fake holds them. */
async function held(object: string, idProperty: string, values: string[], properties: string[]): Promise<Map<string, { id: string; properties: Record<string, string | null> }>> {
  const r = await hubspotCall(sandbox.baseUrl('hubspot'), `/crm/v3/objects/${object}/batch/read`, { idProperty, properties: [idProperty, ...properties], inputs: values.map((id) => ({ id })) });
  return new Map((r.body.results as Array<{ id: string; properties: Record<string, string | null> }>).map((x) => [x.properties[idProperty] ?? '', x]));
}

const lastBody = (suffix: string) => [...fake.received()].reverse().find((r) => r.path.endsWith(suffix))?.body as { inputs: Array<Record<string, unknown>> };

describe('hubspot destination', () => {
  it('validates config naming the field', () => {
    const empty = hubspotDestination.configSchema.safeParse({});
    expect(empty.error?.issues[0]?.path).toEqual(['access_token']);
    const badUrl = hubspotDestination.configSchema.safeParse({ access_token: 'x', base_url: 'not a url' });
    expect(badUrl.error?.issues[0]?.path).toEqual(['base_url']);
    expect(hubspotDestination.configSchema.parse({ access_token: 'x' })).toMatchObject({ base_url: 'https://api.hubapi.com', timeout: 30 });
  });

  it('refuses an unknown object and a missing key at open, naming them', async () => {
    await expect(async () => open('widgets', 'x')).rejects.toThrow(/no object "widgets"/);
    await expect(async () => open('companies')).rejects.toThrow(/destination_key is required/);
    expect((await open('contacts')).capabilities).toMatchObject({ ops: ['upsert', 'update', 'insert', 'delete'], maxBatch: 100, rateLimit: { requests: 100, perSeconds: 10 } });
    expect((await open('deals', 'hs_object_id')).capabilities.ops).toEqual(['update', 'delete']);
  });

  it('upserts by organization_id: creates, then updates the same records; the fake holds exactly what was sent', async () => {
    const writer = await open('companies', 'organization_id');
    const first = [company('bsn-org-1', 87, 'healthy'), company('bsn-org-2', 41, 'at_risk')];
    expect(await writer.write('upsert', first, {})).toEqual([{ ok: true }, { ok: true }]);
    expect(lastBody('/batch/upsert').inputs).toEqual([
      { idProperty: 'organization_id', id: 'bsn-org-1', properties: { organization_id: 'bsn-org-1', health_score: '87', health_tier: 'healthy' }, objectWriteTraceId: '0' },
      { idProperty: 'organization_id', id: 'bsn-org-2', properties: { organization_id: 'bsn-org-2', health_score: '41', health_tier: 'at_risk' }, objectWriteTraceId: '1' },
    ]);
    const created = await held('companies', 'organization_id', ['bsn-org-1', 'bsn-org-2'], ['health_score', 'health_tier']);
    expect(created.get('bsn-org-1')?.properties).toMatchObject({ health_score: '87', health_tier: 'healthy' });

    expect(await writer.write('upsert', [company('bsn-org-1', 90, 'healthy'), company('bsn-org-2', null, null)], {})).toEqual([{ ok: true }, { ok: true }]);
    const updated = await held('companies', 'organization_id', ['bsn-org-1', 'bsn-org-2'], ['health_score', 'health_tier']);
    expect(updated.get('bsn-org-1')).toMatchObject({ id: created.get('bsn-org-1')?.id, properties: { health_score: '90' } });
    // null clears the property.
    expect(updated.get('bsn-org-2')).toMatchObject({ id: created.get('bsn-org-2')?.id, properties: { health_score: '', health_tier: '' } });
  });

  it('update of a missing record fails that record only, with HubSpot message', async () => {
    const writer = await open('companies', 'organization_id');
    const results = await writer.write('update', [company('bsn-org-1', 70, 'watch'), company('bsn-org-missing', 10, 'at_risk')], {});
    expect(results[0]).toEqual({ ok: true });
    expect(results[1]).toEqual({ ok: false, error: 'Could not get some COMPANY objects, they may be deleted or not exist. Check that ids are valid.' });
    expect((await held('companies', 'organization_id', ['bsn-org-1', 'bsn-org-missing'], ['health_tier'])).size).toBe(1);
  });

  it('an unknown property refuses the batch with HubSpot message; a value off the list fails only its record', async () => {
    const writer = await open('companies', 'organization_id');
    const refused = await writer.write('upsert', [{ key: 'bsn-org-1', fields: { bogus_prop: 'x' } }], {}).catch((e: unknown) => e);
    expect(errorMessage(refused)).toContain('HubSpot refused the batch (400 VALIDATION_ERROR): Property "bogus_prop" does not exist');

    const records = [company('bsn-org-3', 1, 'healthy'), company('bsn-org-4', 2, 'excellent'), company('bsn-org-5', 3, 'watch')];
    expect(await writer.write('upsert', records, {})).toEqual([
      { ok: true },
      { ok: false, error: 'health_tier: excellent was not one of the allowed options: [healthy, watch, at_risk]' },
      { ok: true },
    ]);
    expect([...(await held('companies', 'organization_id', ['bsn-org-3', 'bsn-org-4', 'bsn-org-5'], [])).keys()].sort()).toEqual(['bsn-org-3', 'bsn-org-5']);
  });

  it('delete archives the records by key; a key no record has counts as deleted', async () => {
    const writer = await open('companies', 'organization_id');
    const before = await held('companies', 'organization_id', ['bsn-org-5'], []);
    expect(await writer.write('delete', [{ key: 'bsn-org-5', fields: {} }, { key: 'bsn-org-never', fields: {} }], {})).toEqual([{ ok: true }, { ok: true }]);
    expect(lastBody('/batch/archive').inputs).toEqual([{ id: before.get('bsn-org-5')?.id }]);
    expect((await held('companies', 'organization_id', ['bsn-org-5'], [])).size).toBe(0);
  });

  it('creates default associations from association:<to>:<property> fields; a missing target fails its record', async () => {
    const writer = await open('contacts');
    const contact = (email: string, org: string): DestinationRecord => ({ key: email, fields: { firstname: 'Ada', 'association:companies:organization_id': org } });
    const results = await writer.write('upsert', [contact('ada@bsn.example', 'bsn-org-1'), contact('bob@bsn.example', 'bsn-org-none')], {});
    expect(results).toEqual([{ ok: true }, { ok: false, error: 'association:companies:organization_id: no companies record has organization_id "bsn-org-none"' }]);
    expect(lastBody('/batch/upsert').inputs[0]).toEqual({ idProperty: 'email', id: 'ada@bsn.example', properties: { firstname: 'Ada', email: 'ada@bsn.example' }, objectWriteTraceId: '0' });
    const ada = (await held('contacts', 'email', ['ada@bsn.example'], [])).get('ada@bsn.example');
    const org = (await held('companies', 'organization_id', ['bsn-org-1'], [])).get('bsn-org-1');
    const links = await hubspotCall(sandbox.baseUrl('hubspot'), `/crm/v4/objects/contacts/${ada?.id}/associations/companies`);
    expect(links.body.results.map((r: { toObjectId: number }) => String(r.toObjectId))).toEqual([org?.id]);
    expect(lastBody('/batch/associate/default').inputs).toEqual([{ from: { id: ada?.id }, to: { id: org?.id } }]);
  });

  it('retries injected 429s, inserts included, and delivers each record once', async () => {
    sandbox.faults.set({ hubspot: { rateLimit: 0.3, retryAfterSeconds: 0 } });
    const logger = createMemoryLogger('warn');
    try {
      const writer = await hubspotDestination.open(config(), { object: 'companies', keyField: 'organization_id' }, { ...ctx, logger });
      const records = Array.from({ length: 6 }, (_, i) => company(`bsn-retry-${i}`, i, 'watch'));
      expect(await writer.write('insert', records.slice(0, 3), {})).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
      expect(await writer.write('upsert', records.slice(3), {})).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    } finally {
      sandbox.faults.reset();
    }
    expect(logger.entries.filter((e) => e.message.includes('retrying') && e.fields?.['status'] === 429).length).toBeGreaterThan(0);
    const creates = fake.received().filter((r) => r.path.endsWith('/batch/create') && JSON.stringify(r.body).includes('bsn-retry-'));
    expect(creates).toHaveLength(1);
    expect((await held('companies', 'organization_id', Array.from({ length: 6 }, (_, i) => `bsn-retry-${i}`), [])).size).toBe(6);
  });

  it('a wrong token fails check and the batch without ever showing the token', async () => {
    await expect(hubspotDestination.check!(config(), ctx)).resolves.toBeUndefined();
    const checked = await hubspotDestination.check!(config(WRONG_TOKEN), ctx).catch((e: unknown) => e);
    expect(errorMessage(checked)).toContain('401');
    expect(errorMessage(checked)).not.toContain(WRONG_TOKEN);
    const writer = await open('companies', 'organization_id', WRONG_TOKEN);
    const failed = await writer.write('upsert', [company('bsn-org-1', 1, 'healthy')], {}).catch((e: unknown) => e);
    expect(errorMessage(failed)).toContain('401');
    expect(JSON.stringify(failed)).not.toContain(WRONG_TOKEN);
    expect(errorMessage(failed)).not.toContain(WRONG_TOKEN);
  });
});
