import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../start-sandbox.js';
import { stripeGet } from '../test-support/stripe-get.js';
import { hubspotCall } from '../test-support/hubspot-call.js';
import { createStripeFake } from '../stripe/stripe-fake.js';
import { createHubSpotFake } from './hubspot-fake.js';

let sandbox: Sandbox;
let base: string;
const call = (path: string, body?: unknown) => hubspotCall(base, path, body);

/** Every record of a list, following `paging.next.after`. */
async function listAll(path: string): Promise<Record<string, any>[]> {
  const out: Record<string, any>[] = [];
  let after = '';
  const sep = path.includes('?') ? '&' : '?';
  for (let page = 0; page < 1000; page++) {
    const r = await call(`${path}${sep}limit=100${after}`);
    expect(r.status).toBe(200);
    out.push(...r.body.results);
    if (!r.body.paging) return out;
    after = `&after=${r.body.paging.next.after}`;
  }
  throw new Error('too many pages');
}

beforeAll(async () => {
  sandbox = await startSandbox({
    seed: 5,
    vendors: [(c) => createStripeFake(c), (c) => createHubSpotFake(c, { rateLimits: { max: 1_000_000, searchPerSecond: 1_000_000 } })],
  });
  base = sandbox.baseUrl('hubspot');
});
afterAll(async () => {
  await sandbox.close();
});

describe('HubSpot fake: auth and errors', () => {
  it('401 with HubSpot error body without a token or with a bad one', async () => {
    const none = await fetch(`${base}/crm/v3/objects/companies`);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ status: 'error', category: 'INVALID_AUTHENTICATION', correlationId: expect.any(String) });
    const bad = await hubspotCall(base, '/crm/v3/objects/companies', undefined, 'pat-na1-wrong');
    expect(bad.status).toBe(401);
    expect(bad.body.category).toBe('INVALID_AUTHENTICATION');
    expect((await call('/crm/v3/objects/widgets')).status).toBe(400);
    expect((await call('/crm/v3/objects/companies?limit=101')).body.category).toBe('VALIDATION_ERROR');
    expect((await call('/crm/v3/objects/companies/123')).status).toBe(404);
  });
});

describe('HubSpot fake: objects', () => {
  it('pages companies exhaustively and stably, one per organization, string properties', async () => {
    const all = await listAll('/crm/v3/objects/companies');
    const live = sandbox.company.countAt(sandbox.clock.now());
    const archived = await listAll('/crm/v3/objects/companies?archived=true');
    expect(all.length + archived.length).toBe(live);
    expect(archived.length).toBeGreaterThan(0);
    expect(archived.every((c) => c.archived === true)).toBe(true);
    const ids = all.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.map(Number)).toEqual([...ids.map(Number)].sort((a, b) => a - b));
    expect(await listAll('/crm/v3/objects/companies')).toEqual(all);
    const first = all[0] as Record<string, any>;
    expect(Object.keys(first.properties).sort()).toEqual(['createdate', 'domain', 'hs_lastmodifieddate', 'hs_object_id', 'name']);
    expect(Object.values(first.properties).every((v) => typeof v === 'string')).toBe(true);
    expect(first).toMatchObject({ archived: false, createdAt: first.properties.createdate, updatedAt: first.properties.hs_lastmodifieddate });
    const byId = await call(`/crm/v3/objects/companies/${first.id}`);
    expect(byId.body).toEqual(first);
  });

  it('selects properties, and lists contacts, deals and tickets', async () => {
    const r = await call('/crm/v3/objects/contacts?limit=3&properties=email,lifecyclestage&properties=product_user_id');
    expect(r.body.results).toHaveLength(3);
    expect(Object.keys(r.body.results[0].properties).sort()).toEqual(['createdate', 'email', 'hs_object_id', 'lastmodifieddate', 'lifecyclestage', 'product_user_id']);
    expect(r.body.paging.next.link).toContain(`after=${r.body.paging.next.after}`);
    const deals = await listAll('/crm/v3/objects/deals?properties=amount,dealstage');
    expect(deals.length).toBeGreaterThan(200);
    expect(deals.some((d) => d.properties.dealstage === 'closedwon')).toBe(true);
    expect(deals.every((d) => Number(d.properties.amount) > 0)).toBe(true);
    const tickets = await call('/crm/v3/objects/tickets?limit=5');
    expect(tickets.body.results[0].properties.hs_pipeline_stage).toMatch(/^[14]$/);
  });

  it('discovers properties with name, label, type and fieldType', async () => {
    const r = await call('/crm/v3/properties/deals');
    const amount = r.body.results.find((p: { name: string }) => p.name === 'amount');
    expect(amount).toMatchObject({ label: 'Amount', type: 'number', fieldType: 'number' });
    const modified = r.body.results.find((p: { name: string }) => p.name === 'hs_lastmodifieddate');
    expect(modified).toMatchObject({ type: 'datetime' });
    const owners = await call('/crm/v3/owners');
    expect(owners.body.results.length).toBe(8);
  });

  it('serves associations (v4 per record, v4 and v3 batch read), both directions', async () => {
    const company = (await call('/crm/v3/objects/companies?limit=1&properties=numberofemployees')).body.results[0];
    const contacts = await call(`/crm/v4/objects/companies/${company.id}/associations/contacts`);
    expect(contacts.body.results.length).toBe(Number(company.properties.numberofemployees));
    const contactId = String(contacts.body.results[0].toObjectId);
    const back = await call('/crm/v4/associations/contacts/companies/batch/read', { inputs: [{ id: contactId }] });
    expect(back.body.results[0].to[0]).toMatchObject({ toObjectId: Number(company.id), associationTypes: expect.arrayContaining([expect.objectContaining({ typeId: 1 })]) });
    const v3 = await call('/crm/v3/associations/contact/company/batch/read', { inputs: [{ id: contactId }] });
    expect(v3.body.results[0].to[0]).toEqual({ id: company.id, type: 'contact_to_company' });
    const withAssoc = await call(`/crm/v3/objects/contacts/${contactId}?associations=companies`);
    expect(withAssoc.body.associations.companies.results[0].id).toBe(company.id);
  });
});

describe('HubSpot fake: custom object product_org', () => {
  it('describes it in /crm/v3/schemas (by type id or fully qualified name) and serves one record per organization', async () => {
    const list = await call('/crm/v3/schemas');
    expect(list.body.results).toHaveLength(1);
    const schema = list.body.results[0];
    expect(schema).toMatchObject({ name: 'product_org', objectTypeId: '2-4815162', fullyQualifiedName: 'p48151623_product_org', primaryDisplayPropertyName: 'org_name', labels: { singular: 'Product org', plural: 'Product orgs' } });
    expect(schema.properties.map((p: { name: string }) => p.name)).toEqual(['org_id', 'org_name', 'plan', 'seats', 'users', 'spaces', 'trial_ends_at', 'hs_createdate', 'hs_lastmodifieddate', 'hs_object_id', 'hubspot_owner_id']);
    expect((await call('/crm/v3/schemas/p48151623_product_org')).body.objectTypeId).toBe('2-4815162');
    expect((await call('/crm-object-schemas/v3/schemas/2-4815162')).body.name).toBe('product_org');
    expect((await call('/crm/v3/schemas/2-999')).status).toBe(404);
    expect((await call('/crm/v3/schemas?archived=true')).body.results).toEqual([]);

    const now = sandbox.clock.now();
    const orgs = await listAll('/crm/v3/objects/2-4815162?properties=org_id,org_name,plan,seats,users,spaces');
    const archived = await listAll('/crm/v3/objects/p_product_org?archived=true');
    expect(orgs.length + archived.length).toBe(sandbox.company.countAt(now));
    for (const record of orgs.slice(0, 20)) {
      const k = Number(record.id) - 12_000_000_000;
      const org = sandbox.company.organization(k);
      expect(record.properties).toMatchObject({ org_id: org.id, org_name: org.name, users: String(org.userCount), spaces: String(org.spaceCount) });
      expect(record.properties.seats).toBe(org.paying ? String(sandbox.company.billing(k).seats) : '0');
      expect(record.properties.hs_createdate).toBe(new Date(org.createdAt).toISOString());
    }
    expect(new Set(orgs.map((o) => o.properties.plan))).toEqual(new Set(['free', 'plus', 'pro', 'enterprise']));
    const recent = await call('/crm/v3/objects/2-4815162/search', {
      filterGroups: [{ filters: [{ propertyName: 'hs_lastmodifieddate', operator: 'GTE', value: String(now - 30 * 86_400_000) }] }],
      limit: 200,
    });
    const expected = orgs.filter((o) => Date.parse(o.properties.hs_lastmodifieddate) >= now - 30 * 86_400_000);
    expect(recent.body.total).toBe(expected.length);
    expect(expected.length).toBeGreaterThan(0);
    expect((await call('/crm/v3/properties/2-4815162')).body.results.map((p: { name: string }) => p.name)).toContain('seats');
  });
});

describe('HubSpot fake: search', () => {
  it('filters by lastmodifieddate windows, sorts, pages by offset', async () => {
    const now = sandbox.clock.now();
    const from = now - 90 * 86_400_000;
    const body = {
      filterGroups: [{ filters: [
        { propertyName: 'lastmodifieddate', operator: 'GTE', value: String(from) },
        { propertyName: 'lastmodifieddate', operator: 'LT', value: new Date(now).toISOString() },
      ] }],
      sorts: [{ propertyName: 'lastmodifieddate', direction: 'ASCENDING' }],
      properties: ['email'],
      limit: 200,
    };
    const seen: Record<string, any>[] = [];
    let after: string | undefined;
    let total = 0;
    do {
      const r = await call('/crm/v3/objects/contacts/search', { ...body, ...(after ? { after } : {}) });
      expect(r.status).toBe(200);
      total = r.body.total;
      seen.push(...r.body.results);
      after = r.body.paging?.next.after;
    } while (after);
    expect(seen.length).toBe(total);
    expect(total).toBeGreaterThan(50);
    const times = seen.map((c) => Date.parse(c.properties.lastmodifieddate));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times.every((t) => t >= from && t < now)).toBe(true);
    // The window result equals a filter over the full list.
    const everything = await listAll('/crm/v3/objects/contacts?properties=lastmodifieddate');
    const expected = everything.filter((c) => { const t = Date.parse(c.properties.lastmodifieddate); return t >= from && t < now; });
    expect(new Set(seen.map((c) => c.id))).toEqual(new Set(expected.map((c) => c.id)));
  });

  it('caps a query at 10,000 results: paging past it is a 400', async () => {
    const big = await startSandbox({ seed: 5, scale: 3, vendors: [(c) => createHubSpotFake(c, { rateLimits: { max: 1e6, searchPerSecond: 1e6 } })] });
    try {
      const b = big.baseUrl('hubspot');
      const r = await hubspotCall(b, '/crm/v3/objects/contacts/search', { limit: 200, after: '9900' });
      expect(r.body.total).toBeGreaterThan(10_000);
      expect(r.body.results).toHaveLength(100);
      expect(r.body.paging.next.after).toBe('10000');
      const past = await hubspotCall(b, '/crm/v3/objects/contacts/search', { limit: 100, after: 10_000 });
      expect(past.status).toBe(400);
      expect(past.body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
    } finally {
      await big.close();
    }
  });

  it('finds a Stripe customer\'s company by the email domain (EQ)', async () => {
    const customers = await stripeGet(sandbox.baseUrl('stripe'), '/v1/customers?limit=5');
    for (const customer of customers.body.data as { email: string; name: string; metadata: { organization_id: string } }[]) {
      const domain = customer.email.split('@')[1];
      const r = await call('/crm/v3/objects/companies/search', {
        filterGroups: [{ filters: [{ propertyName: 'domain', operator: 'EQ', value: domain }] }],
        properties: ['name', 'domain', 'organization_id'],
      });
      expect(r.body.total).toBe(1);
      expect(r.body.results[0].properties).toMatchObject({ domain, name: customer.name, organization_id: customer.metadata.organization_id });
    }
  });
});

describe('HubSpot fake: time and faults', () => {
  it('advancing time adds and modifies records, visible in a lastmodified search; deleted organizations archive', async () => {
    const local = await startSandbox({ seed: 9, vendors: [(c) => createHubSpotFake(c, { rateLimits: { max: 1e6, searchPerSecond: 1e6 } })] });
    try {
      const b = local.baseUrl('hubspot');
      const t0 = local.clock.now();
      const count = async () => (await hubspotCall(b, '/crm/v3/objects/companies/search', { limit: 1 })).body.total as number;
      const c0 = await count();
      local.advance({ days: 90 });
      const changed = await hubspotCall(b, '/crm/v3/objects/companies/search', {
        filterGroups: [{ filters: [{ propertyName: 'hs_lastmodifieddate', operator: 'GT', value: String(t0) }] }],
        limit: 200,
      });
      expect(changed.body.total).toBeGreaterThan(0);
      const created = changed.body.results.filter((r: { createdAt: string }) => Date.parse(r.createdAt) > t0).length;
      expect(created).toBeGreaterThan(0);
      expect(changed.body.results.length - created).toBeGreaterThan(0);
      const archived: { archivedAt: string }[] = [];
      for (let after = ''; ; ) {
        const page = await hubspotCall(b, `/crm/v3/objects/companies?archived=true&limit=100${after}`);
        archived.push(...page.body.results);
        if (!page.body.paging) break;
        after = `&after=${page.body.paging.next.after}`;
      }
      expect(archived.some((a) => Date.parse(a.archivedAt) > t0)).toBe(true);
      expect(await count()).toBeGreaterThan(c0 - archived.length);
    } finally {
      await local.close();
    }
  });

  it('applies injected faults in HubSpot\'s format', async () => {
    sandbox.faults.set({ hubspot: { rateLimit: 1, retryAfterSeconds: 2 } });
    try {
      const r = await call('/crm/v3/objects/companies?limit=1');
      expect(r.status).toBe(429);
      expect(r.headers.get('retry-after')).toBe('2');
      expect(r.body).toMatchObject({ status: 'error', errorType: 'RATE_LIMIT' });
    } finally {
      sandbox.faults.reset();
    }
    sandbox.faults.set({ hubspot: { malformed: 1 } });
    try {
      const r = await call('/crm/v3/objects/companies?limit=2');
      expect(r.body.results[0].properties).toBe('corrupted');
    } finally {
      sandbox.faults.reset();
    }
  });
});
