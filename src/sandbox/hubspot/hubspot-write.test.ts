/** The HubSpot fake's write side over real HTTP: batch writes, validation, 207s, associations, and reads that show the writes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../start-sandbox.js';
import { hubspotCall } from '../test-support/hubspot-call.js';
import { createHubSpotFake, HUBSPOT_SANDBOX_TOKEN, type HubSpotFake } from './hubspot-fake.js';

let sandbox: Sandbox;
let fake: HubSpotFake;
let base: string;
const call = (path: string, body?: unknown) => hubspotCall(base, path, body);

/** POST with an empty (204) answer allowed. */
async function post(path: string, body: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${HUBSPOT_SANDBOX_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

beforeAll(async () => {
  sandbox = await startSandbox({
    seed: 7,
    vendors: [
      (c) => {
        fake = createHubSpotFake(c, { rateLimits: { max: 1_000_000, searchPerSecond: 1_000_000 } });
        return fake;
      },
    ],
  });
  base = sandbox.baseUrl('hubspot');
});
afterAll(async () => {
  await sandbox.close();
});

describe('HubSpot fake: batch writes', () => {
  it('batch/update writes onto a synthetic company: reads by id, list and search show it, updatedAt moves', async () => {
    const first = (await call('/crm/v3/objects/companies?limit=1&properties=name,plan')).body.results[0];
    sandbox.advance({ hours: 1 });
    const r = await call('/crm/v3/objects/companies/batch/update', { inputs: [{ id: first.id, properties: { plan: 'enterprise', seats: 42 } }] });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'COMPLETE', results: [{ id: first.id, properties: { plan: 'enterprise', seats: '42' } }] });
    const after = (await call(`/crm/v3/objects/companies/${first.id}?properties=plan,seats,name`)).body;
    expect(after.properties).toMatchObject({ plan: 'enterprise', seats: '42', name: first.properties.name });
    expect(Date.parse(after.updatedAt)).toBe(sandbox.clock.now());
    expect(Date.parse(after.updatedAt)).toBeGreaterThan(Date.parse(first.updatedAt));
    expect(after.properties.hs_lastmodifieddate).toBe(after.updatedAt);
    const listed = (await call('/crm/v3/objects/companies?limit=1&properties=plan')).body.results[0];
    expect(listed.properties.plan).toBe('enterprise');
    const found = await call('/crm/v3/objects/companies/search', { filterGroups: [{ filters: [{ propertyName: 'hs_object_id', operator: 'EQ', value: first.id }] }], properties: ['plan'] });
    expect(found.body.results[0]?.properties.plan).toBe('enterprise');
  });

  it('batch/upsert by email creates new contacts and updates existing ones; created records are listed after the synthetic ones and paged by id', async () => {
    const existing = (await call('/crm/v3/objects/contacts?limit=1&properties=email')).body.results[0];
    const r = await call('/crm/v3/objects/contacts/batch/upsert', {
      inputs: [
        { idProperty: 'email', id: existing.properties.email, properties: { lifecyclestage: 'customer' } },
        { idProperty: 'email', id: 'new.person@example.com', properties: { firstname: 'New', lastname: 'Person' } },
        { idProperty: 'email', id: 'other.person@example.com', properties: { firstname: 'Other' } },
      ],
    });
    expect(r.status).toBe(200);
    expect(r.body.results.map((x: any) => [x.new, x.properties.email ?? null])).toEqual([
      [false, null],
      [true, 'new.person@example.com'],
      [true, 'other.person@example.com'],
    ]);
    expect(r.body.results[0].id).toBe(existing.id);
    const created = r.body.results[1];
    const got = (await call(`/crm/v3/objects/contacts/${created.id}?properties=email,firstname,lifecyclestage`)).body;
    expect(got).toMatchObject({ id: created.id, archived: false, properties: { email: 'new.person@example.com', firstname: 'New', hs_object_id: created.id } });
    expect((await call(`/crm/v3/objects/contacts/${existing.id}?properties=lifecyclestage`)).body.properties.lifecyclestage).toBe('customer');
    // Upserting the same email again updates the created record.
    const again = await call('/crm/v3/objects/contacts/batch/upsert', { inputs: [{ idProperty: 'email', id: 'new.person@example.com', properties: { firstname: 'Renamed' } }] });
    expect(again.body.results[0]).toMatchObject({ id: created.id, new: false });
    // Paging the whole list reaches both created contacts exactly once, at the end.
    const ids: string[] = [];
    let after = '';
    for (let page = 0; page < 500; page++) {
      const p = (await call(`/crm/v3/objects/contacts?limit=100${after}`)).body;
      ids.push(...p.results.map((x: any) => x.id));
      if (!p.paging) break;
      after = `&after=${p.paging.next.after}`;
    }
    expect(ids.slice(-2)).toEqual([created.id, r.body.results[2].id]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('batch/create answers 201; batch/archive 204 and the record leaves the live list', async () => {
    const r = await call('/crm/v3/objects/deals/batch/create', { inputs: [{ properties: { dealname: 'Sandbox deal', amount: '1200', dealstage: 'closedwon' } }] });
    expect(r.status).toBe(201);
    const id = r.body.results[0].id;
    expect((await call(`/crm/v3/objects/deals/${id}?properties=dealname,amount`)).body.properties).toMatchObject({ dealname: 'Sandbox deal', amount: '1200' });
    expect((await post('/crm/v3/objects/deals/batch/archive', { inputs: [{ id }] })).status).toBe(204);
    expect((await call(`/crm/v3/objects/deals/${id}`)).status).toBe(404);
    expect((await call(`/crm/v3/objects/deals/${id}?archived=true`)).body).toMatchObject({ id, archived: true });
    const archived = (await call('/crm/v3/objects/deals?archived=true&limit=100&after=' + id)).body.results;
    expect(archived.map((d: any) => d.id)).toEqual([id]);
  });

  it('refuses unknown, read-only and off-list property values whole with VALIDATION_ERROR; more than 100 inputs; duplicate ids', async () => {
    const company = (await call('/crm/v3/objects/companies?limit=1')).body.results[0];
    const bad = await call('/crm/v3/objects/companies/batch/update', {
      inputs: [{ id: company.id, properties: { name: 'ok', favourite_colour: 'blue', hs_object_id: '1', plan: 'galactic' } }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR', correlationId: expect.any(String) });
    expect(bad.body.message).toMatch(/^Property values were not valid: \[/);
    const problems = JSON.parse(bad.body.message.slice('Property values were not valid: '.length));
    expect(problems.map((p: any) => [p.name, p.error])).toEqual([
      ['favourite_colour', 'PROPERTY_DOESNT_EXIST'],
      ['hs_object_id', 'READ_ONLY_VALUE'],
      ['plan', 'INVALID_OPTION'],
    ]);
    expect((await call(`/crm/v3/objects/companies/${company.id}?properties=name`)).body.properties.name).toBe(company.properties.name);
    const many = Array.from({ length: 101 }, () => ({ properties: { name: 'x' } }));
    expect((await call('/crm/v3/objects/companies/batch/create', { inputs: many })).body).toMatchObject({ category: 'VALIDATION_ERROR' });
    const dupes = await call('/crm/v3/objects/companies/batch/update', { inputs: [{ id: company.id, properties: {} }, { id: company.id, properties: {} }] });
    expect(dupes.body.message).toMatch(/Duplicate IDs/);
    expect((await call('/crm/v3/objects/deals/batch/upsert', { inputs: [{ idProperty: 'dealname', id: 'x', properties: {} }] })).status).toBe(400);
  });

  it('search sees writes: a lastmodifieddate window finds updated and created records, filters match written values', async () => {
    sandbox.advance({ days: 2 });
    const since = sandbox.clock.now();
    const window = (after: number) => ({
      filterGroups: [{ filters: [{ propertyName: 'lastmodifieddate', operator: 'GTE', value: String(after) }] }],
      properties: ['email', 'firstname'],
      limit: 100,
    });
    expect((await call('/crm/v3/objects/contacts/search', window(since))).body.total).toBe(0);
    const contact = (await call('/crm/v3/objects/contacts?limit=1')).body.results[0];
    await call('/crm/v3/objects/contacts/batch/update', { inputs: [{ id: contact.id, properties: { firstname: 'Searchable' } }] });
    const made = (await call('/crm/v3/objects/contacts/batch/create', { inputs: [{ properties: { email: 'made@example.com' } }] })).body.results[0];
    const found = (await call('/crm/v3/objects/contacts/search', window(since))).body;
    expect(found.results.map((r: any) => r.id)).toEqual([contact.id, made.id]);
    expect(found.results[0].properties.firstname).toBe('Searchable');
    const byEmail = await call('/crm/v3/objects/contacts/search', { filterGroups: [{ filters: [{ propertyName: 'email', operator: 'EQ', value: 'made@example.com' }] }] });
    expect(byEmail.body.results.map((r: any) => r.id)).toEqual([made.id]);
  });

  it('a synthetic record archived by a write moves from the live list to the archived list, each paged exactly once', async () => {
    const all = async (archived: boolean): Promise<string[]> => {
      const ids: string[] = [];
      let after = '';
      for (let page = 0; page < 500; page++) {
        const p = (await call(`/crm/v3/objects/tickets?limit=7&archived=${archived}${after}`)).body;
        ids.push(...p.results.map((x: any) => x.id));
        if (!p.paging) return ids;
        after = `&after=${p.paging.next.after}`;
      }
      throw new Error('too many pages');
    };
    const live = await all(false);
    const archived = await all(true);
    const victims = [live[3], live[40], live[live.length - 1]] as string[];
    expect((await post('/crm/v3/objects/tickets/batch/archive', { inputs: victims.map((id) => ({ id })) })).status).toBe(204);
    const liveAfter = await all(false);
    const archivedAfter = await all(true);
    expect(liveAfter).toEqual(live.filter((id) => !victims.includes(id)));
    expect(archivedAfter).toEqual([...archived, ...victims].sort((a, b) => Number(a) - Number(b)));
  });

  it('archived synthetic records leave search results; writes count against the rate limit', async () => {
    const company = (await call('/crm/v3/objects/companies?limit=1')).body.results[0];
    const search = { filterGroups: [{ filters: [{ propertyName: 'hs_object_id', operator: 'EQ', value: company.id }] }] };
    expect((await call('/crm/v3/objects/companies/search', search)).body.total).toBe(1);
    expect((await post('/crm/v3/objects/companies/batch/archive', { inputs: [{ id: company.id }] })).status).toBe(204);
    expect((await call('/crm/v3/objects/companies/search', search)).body).toMatchObject({ total: 0, results: [] });
    let clock = 0;
    const limited = await startSandbox({ seed: 7, vendors: [(c) => createHubSpotFake(c, { rateLimits: { max: 2 }, wallClock: () => clock })] });
    try {
      const statuses: number[] = [];
      for (let k = 0; k < 3; k++) {
        statuses.push((await hubspotCall(limited.baseUrl('hubspot'), '/crm/v3/objects/deals/batch/create', { inputs: [{ properties: { dealname: `d${k}` } }] })).status);
      }
      expect(statuses).toEqual([201, 201, 429]);
      clock += 10_001;
      expect((await hubspotCall(limited.baseUrl('hubspot'), '/crm/v3/objects/deals?limit=1')).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('per-input failures answer 207 with errors and numErrors, the other inputs applied', async () => {
    const company = (await call('/crm/v3/objects/companies?limit=1')).body.results[0];
    const r = await call('/crm/v3/objects/companies/batch/update', {
      inputs: [
        { id: company.id, properties: { seats: '7' } },
        { id: '999', properties: { seats: '8' } },
      ],
    });
    expect(r.status).toBe(207);
    expect(r.body).toMatchObject({ status: 'COMPLETE', numErrors: 1, errors: [{ status: 'error', category: 'OBJECT_NOT_FOUND', context: { ids: ['999'] } }] });
    expect(r.body.results).toHaveLength(1);
    expect((await call(`/crm/v3/objects/companies/${company.id}?properties=seats`)).body.properties.seats).toBe('7');
  });
});

describe('HubSpot fake: association writes', () => {
  it('v4 and v3 batch/create link records; the links show on v4 reads, batch reads and ?associations=', async () => {
    const contact = (await call('/crm/v3/objects/contacts/batch/create', { inputs: [{ properties: { email: 'linked@example.com' } }] })).body.results[0];
    const company = (await call('/crm/v3/objects/companies?limit=1')).body.results[0];
    const v4 = await call('/crm/v4/associations/contacts/companies/batch/create', {
      inputs: [{ from: { id: contact.id }, to: { id: company.id }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 }] }],
    });
    expect(v4.status).toBe(201);
    expect(v4.body.results).toEqual([{ fromObjectTypeId: '0-1', fromObjectId: Number(contact.id), toObjectTypeId: '0-2', toObjectId: Number(company.id), labels: [] }]);
    const read = (await call(`/crm/v4/objects/contacts/${contact.id}/associations/companies`)).body.results;
    expect(read.map((x: any) => x.toObjectId)).toEqual([Number(company.id)]);
    const back = (await call('/crm/v4/associations/companies/contacts/batch/read', { inputs: [{ id: company.id }] })).body.results[0].to.map((t: any) => String(t.toObjectId));
    expect(back).toContain(contact.id);
    const withAssoc = (await call(`/crm/v3/objects/contacts/${contact.id}?associations=companies`)).body;
    expect(withAssoc.associations.companies.results).toEqual([{ id: company.id, type: 'contact_to_company' }]);
    const deal = (await call('/crm/v3/objects/deals/batch/create', { inputs: [{ properties: { dealname: 'd' } }] })).body.results[0];
    const v3 = await call('/crm/v3/associations/deals/contacts/batch/create', { inputs: [{ from: { id: deal.id }, to: { id: contact.id }, type: 'deal_to_contact' }] });
    expect(v3).toMatchObject({ status: 201, body: { results: [{ from: { id: deal.id }, to: { id: contact.id }, type: 'deal_to_contact' }] } });
    const missing = await call('/crm/v4/associations/contacts/companies/batch/create', {
      inputs: [{ from: { id: contact.id }, to: { id: '5999999999' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 }] }],
    });
    expect(missing).toMatchObject({ status: 207, body: { numErrors: 1, errors: [{ category: 'OBJECT_NOT_FOUND' }] } });
    const wrongType = await call('/crm/v4/associations/contacts/companies/batch/create', {
      inputs: [{ from: { id: contact.id }, to: { id: company.id }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 3 }] }],
    });
    expect(wrongType.status).toBe(400);
  });

  it('records accepted writes only; /_sandbox/received/hubspot serves them', async () => {
    fake.resetReceived();
    await call('/crm/v3/objects/companies/batch/create', { inputs: [{ properties: { name: 'Recorded Inc' } }] });
    await call('/crm/v3/objects/companies/batch/create', { inputs: [{ properties: { nope: 'x' } }] });
    await call('/crm/v3/objects/companies?limit=1');
    const listed = (await (await fetch(`${sandbox.url}/_sandbox/received/hubspot`)).json()) as any;
    expect(listed.requests.map((r: any) => [r.method, r.path, r.status, r.body])).toEqual([
      ['POST', '/crm/v3/objects/companies/batch/create', 201, { inputs: [{ properties: { name: 'Recorded Inc' } }] }],
    ]);
  });
});

describe('HubSpot fake: batch read and default associations', () => {
  it('batch/read finds records by a unique property, answers 207 for values no live record has, and is not a recorded write', async () => {
    await post('/crm/v3/objects/companies/batch/upsert', {
      inputs: [
        { idProperty: 'organization_id', id: 'read-org-1', properties: { name: 'Read One' } },
        { idProperty: 'organization_id', id: 'read-org-2', properties: { name: 'Read Two' } },
      ],
    });
    fake.resetReceived();
    const r = await post('/crm/v3/objects/companies/batch/read', {
      idProperty: 'organization_id',
      properties: ['organization_id', 'name'],
      inputs: [{ id: 'read-org-1' }, { id: 'read-org-2' }, { id: 'read-org-missing' }],
    });
    expect(r.status).toBe(207);
    expect(r.body.results.map((x: any) => [x.properties.organization_id, x.properties.name])).toEqual([
      ['read-org-1', 'Read One'],
      ['read-org-2', 'Read Two'],
    ]);
    expect(r.body).toMatchObject({ numErrors: 1, errors: [{ category: 'OBJECT_NOT_FOUND', context: { ids: ['read-org-missing'] } }] });
    const id = r.body.results[0].id as string;
    expect(await post('/crm/v3/objects/companies/batch/archive', { inputs: [{ id }] })).toMatchObject({ status: 204 });
    const after = await post('/crm/v3/objects/companies/batch/read', { idProperty: 'organization_id', inputs: [{ id: 'read-org-1' }] });
    expect(after).toMatchObject({ status: 207, body: { results: [], errors: [{ context: { ids: ['read-org-1'] } }] } });
    const byId = await post('/crm/v3/objects/companies/batch/read', { inputs: [{ id: r.body.results[1].id }] });
    expect(byId).toMatchObject({ status: 200, body: { results: [{ id: r.body.results[1].id }] } });
    expect((await post('/crm/v3/objects/companies/batch/read', { idProperty: 'name', inputs: [{ id: 'x' }] })).status).toBe(400);
    expect(fake.received().map((q) => q.path)).toEqual(['/crm/v3/objects/companies/batch/archive']);
  });

  it('v4 batch/associate/default links with the unlabeled type; a missing record fails its input alone (207)', async () => {
    const contacts = (await call('/crm/v3/objects/contacts?limit=1')).body.results;
    const created = await post('/crm/v3/objects/companies/batch/create', { inputs: [{ properties: { name: 'Default Assoc Co' } }] });
    const companyId = created.body.results[0].id as string;
    const r = await post('/crm/v4/associations/contacts/companies/batch/associate/default', {
      inputs: [
        { from: { id: contacts[0].id }, to: { id: companyId } },
        { from: { id: contacts[0].id }, to: { id: '5999999999' } },
      ],
    });
    expect(r.status).toBe(207);
    expect(r.body.results).toEqual([{ from: { id: contacts[0].id }, to: { id: companyId }, associationSpec: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 } }]);
    expect(r.body.errors[0]).toMatchObject({ category: 'OBJECT_NOT_FOUND', context: { ids: ['5999999999'] } });
    const linked = (await call(`/crm/v4/objects/companies/${companyId}/associations/contacts`)).body.results.map((x: any) => String(x.toObjectId));
    expect(linked).toEqual([contacts[0].id]);
  });
});
