/** The official @hubspot/api-client, unchanged, against the fake; and the enforced rate limits. */
import { Client } from '@hubspot/api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../start-sandbox.js';
import { hubspotCall } from '../test-support/hubspot-call.js';
import { HUBSPOT_SANDBOX_TOKEN, createHubSpotFake } from './hubspot-fake.js';

let sandbox: Sandbox;
let client: Client;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 3 });
  client = new Client({ accessToken: HUBSPOT_SANDBOX_TOKEN, basePath: sandbox.baseUrl('hubspot') });
});
afterAll(async () => {
  await sandbox.close();
});

describe('official @hubspot/api-client', () => {
  it('companies.basicApi.getPage, contacts.searchApi.doSearch, properties.coreApi.getAll', async () => {
    const page = await client.crm.companies.basicApi.getPage(5, undefined, ['name', 'domain']);
    expect(page.results).toHaveLength(5);
    expect(page.results[0]?.properties.domain).toMatch(/\.com$/);
    expect(page.results[0]?.createdAt).toBeInstanceOf(Date);
    const next = await client.crm.companies.basicApi.getPage(5, page.paging?.next?.after);
    expect(next.results[0]?.id).not.toBe(page.results[0]?.id);
    const since = sandbox.clock.now() - 30 * 86_400_000;
    const found = await client.crm.contacts.searchApi.doSearch({
      filterGroups: [{ filters: [{ propertyName: 'lastmodifieddate', operator: 'GTE' as never, value: String(since) }] }],
      sorts: ['lastmodifieddate'],
      properties: ['email'],
      limit: 50,
      after: '0',
    });
    expect(found.total).toBeGreaterThan(0);
    expect(found.results.every((c) => Date.parse(c.properties.lastmodifieddate ?? '') >= since)).toBe(true);
    const props = await client.crm.properties.coreApi.getAll('contacts');
    expect(props.results.map((p) => p.name)).toContain('email');
    const bad = new Client({ accessToken: 'pat-na1-nope', basePath: sandbox.baseUrl('hubspot') });
    await expect(bad.crm.companies.basicApi.getPage(1)).rejects.toMatchObject({ code: 401 });
  });
});

describe('official @hubspot/api-client: custom objects and archived records', () => {
  it('schemas.coreApi.getAll/getById, objects.basicApi.getPage on the custom object, archived companies', async () => {
    const schemas = await client.crm.schemas.coreApi.getAll();
    expect(schemas.results.map((s) => [s.name, s.objectTypeId, s.fullyQualifiedName])).toEqual([['product_org', '2-4815162', 'p48151623_product_org']]);
    expect(schemas.results[0]?.properties.map((p) => p.name)).toEqual(expect.arrayContaining(['org_id', 'plan', 'seats', 'users', 'hs_lastmodifieddate']));
    const byName = await client.crm.schemas.coreApi.getById('p48151623_product_org');
    expect(byName.labels).toEqual({ singular: 'Product org', plural: 'Product orgs' });
    const orgs = await client.crm.objects.basicApi.getPage('2-4815162', 3, undefined, ['org_id', 'plan', 'users']);
    expect(orgs.results).toHaveLength(3);
    expect(orgs.results[0]?.properties).toMatchObject({ org_id: expect.any(String), plan: expect.any(String), users: expect.any(String) });
    const archived = await client.crm.companies.basicApi.getPage(100, undefined, ['name'], undefined, undefined, true);
    expect(archived.results.length).toBeGreaterThan(0);
    expect(archived.results.every((c) => c.archived === true && c.archivedAt instanceof Date)).toBe(true);
  });
});

describe('HubSpot rate limits', () => {
  it('100 requests per 10 s, then 429 with the X-HubSpot-RateLimit headers; search 4 per second', async () => {
    const local = await startSandbox({ seed: 3 });
    try {
      const base = local.baseUrl('hubspot');
      const replies = await Promise.all(Array.from({ length: 101 }, () => hubspotCall(base, '/crm/v3/owners')));
      const ok = replies.filter((r) => r.status === 200);
      expect(ok).toHaveLength(100);
      expect(ok[0]?.headers.get('x-hubspot-ratelimit-max')).toBe('100');
      const limited = replies.find((r) => r.status === 429);
      expect(limited?.body).toMatchObject({ status: 'error', message: 'You have reached your secondly limit.', errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING' });
      for (const h of ['max', 'remaining', 'interval-milliseconds', 'secondly', 'secondly-remaining']) {
        expect(limited?.headers.get(`x-hubspot-ratelimit-${h}`)).not.toBeNull();
      }
      expect(limited?.headers.get('x-hubspot-ratelimit-remaining')).toBe('0');
      expect(limited?.headers.get('x-hubspot-ratelimit-interval-milliseconds')).toBe('10000');
    } finally {
      await local.close();
    }
    let clock = 0;
    const searchy = await startSandbox({ seed: 3, vendors: [(c) => createHubSpotFake(c, { wallClock: () => clock })] });
    try {
      const base = searchy.baseUrl('hubspot');
      const statuses: number[] = [];
      for (let k = 0; k < 5; k++) statuses.push((await hubspotCall(base, '/crm/v3/objects/deals/search', { limit: 1 })).status);
      expect(statuses).toEqual([200, 200, 200, 200, 429]);
      clock += 1001;
      expect((await hubspotCall(base, '/crm/v3/objects/deals/search', { limit: 1 })).status).toBe(200);
    } finally {
      await searchy.close();
    }
  });
});
