/** The official @hubspot/api-client, unchanged, on the fake's write side: batchApi.upsert / create / update / archive / read by idProperty, associations v4 (create, createDefault). */
import { Client } from '@hubspot/api-client';
import { AssociationSpecAssociationCategoryEnum } from '@hubspot/api-client/lib/codegen/crm/associations/v4/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../start-sandbox.js';
import { HUBSPOT_SANDBOX_TOKEN } from './hubspot-fake.js';

let sandbox: Sandbox;
let client: Client;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 4 });
  client = new Client({ accessToken: HUBSPOT_SANDBOX_TOKEN, basePath: sandbox.baseUrl('hubspot') });
});
afterAll(async () => {
  await sandbox.close();
});

describe('official @hubspot/api-client: writes', () => {
  it('contacts.batchApi.upsert by email, companies.batchApi.update / create / archive, associations.v4.batchApi.create', async () => {
    const upserted = await client.crm.contacts.batchApi.upsert({
      inputs: [{ idProperty: 'email', id: 'client.test@example.com', properties: { firstname: 'Client', lifecyclestage: 'lead' } }],
    });
    expect(upserted.results).toHaveLength(1);
    const contact = upserted.results[0];
    expect(contact?.updatedAt).toBeInstanceOf(Date);
    const read = await client.crm.contacts.basicApi.getById(contact?.id ?? '', ['email', 'firstname']);
    expect(read.properties).toMatchObject({ email: 'client.test@example.com', firstname: 'Client' });

    const company = (await client.crm.companies.basicApi.getPage(1, undefined, ['name'])).results[0];
    const updated = await client.crm.companies.batchApi.update({ inputs: [{ id: company?.id ?? '', properties: { subscription_status: 'active', seats: '9' } }] });
    expect(updated.results[0]?.properties).toMatchObject({ subscription_status: 'active', seats: '9' });

    const link = await client.crm.associations.v4.batchApi.create('contacts', 'companies', {
      inputs: [{ _from: { id: contact?.id ?? '' }, to: { id: company?.id ?? '' }, types: [{ associationCategory: AssociationSpecAssociationCategoryEnum.HubspotDefined, associationTypeId: 279 }] }],
    });
    expect(link.results.map((r) => [r.fromObjectId, r.toObjectId])).toEqual([[Number(contact?.id), Number(company?.id)]]);
    const linked = await client.crm.associations.v4.basicApi.getPage('contacts', contact?.id ?? '', 'companies');
    expect(linked.results.map((r) => String(r.toObjectId))).toEqual([company?.id]);

    const created = await client.crm.companies.batchApi.create({
      inputs: [{ properties: { name: 'Made by the client' }, associations: [{ to: { id: contact?.id ?? '' }, types: [{ associationCategory: AssociationSpecAssociationCategoryEnum.HubspotDefined, associationTypeId: 280 }] }] }],
    });
    const id = created.results[0]?.id ?? '';
    const createdLinks = await client.crm.associations.v4.basicApi.getPage('companies', id, 'contacts');
    expect(createdLinks.results.map((r) => String(r.toObjectId))).toEqual([contact?.id]);
    await client.crm.companies.batchApi.archive({ inputs: [{ id }] });
    await expect(client.crm.companies.basicApi.getById(id)).rejects.toMatchObject({ code: 404 });

    await expect(client.crm.companies.batchApi.update({ inputs: [{ id: company?.id ?? '', properties: { not_a_property: 'x' } }] })).rejects.toMatchObject({
      code: 400,
      body: { category: 'VALIDATION_ERROR' },
    });
  });

  it('companies.batchApi.read by idProperty (207 for a missing value) and associations.v4.batchApi.createDefault', async () => {
    await client.crm.companies.batchApi.upsert({ inputs: [{ idProperty: 'organization_id', id: 'client-org-1', properties: { name: 'Client Org' } }] });
    const read = await client.crm.companies.batchApi.read({
      idProperty: 'organization_id',
      properties: ['organization_id', 'name'],
      propertiesWithHistory: [],
      inputs: [{ id: 'client-org-1' }, { id: 'client-org-missing' }],
    });
    expect(read.results.map((r) => r.properties)).toMatchObject([{ organization_id: 'client-org-1', name: 'Client Org' }]);
    expect('errors' in read ? read.errors?.[0]?.context : undefined).toEqual({ ids: ['client-org-missing'] });
    const contact = (await client.crm.contacts.basicApi.getPage(1)).results[0];
    const companyId = read.results[0]?.id ?? '';
    const made = await client.crm.associations.v4.batchApi.createDefault('contacts', 'companies', { inputs: [{ _from: { id: contact?.id ?? '' }, to: { id: companyId } }] });
    expect(made.results.map((r) => [r._from.id, r.to.id, r.associationSpec.associationTypeId])).toEqual([[contact?.id, companyId, 279]]);
    const linked = await client.crm.associations.v4.basicApi.getPage('companies', companyId, 'contacts');
    expect(linked.results.map((r) => String(r.toObjectId))).toEqual([contact?.id]);
  });
});
