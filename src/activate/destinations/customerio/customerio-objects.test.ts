import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../core/logger.js';
import { CUSTOMERIO_SANDBOX_API_KEY, CUSTOMERIO_SANDBOX_SITE_ID, createCustomerIoFake, type CustomerIoFake } from '../../../sandbox/customerio/customerio-fake.js';
import { startSandbox, type Sandbox } from '../../../sandbox/start-sandbox.js';
import { customerIoDestination } from './customerio-destination.js';
import { batchErrors } from './customerio-errors.js';
import { objectOperation } from './customerio-objects.js';

let sandbox: Sandbox;
let fake: CustomerIoFake;
const ctx = { logger: silentLogger, sync: 'accounts_to_cio' };

beforeAll(async () => {
  sandbox = await startSandbox({ vendors: [(c) => (fake = createCustomerIoFake(c, { requestsPerSecond: 1_000_000 }))] });
});
afterAll(async () => sandbox.close());

const config = () => customerIoDestination.configSchema.parse({ site_id: CUSTOMERIO_SANDBOX_SITE_ID, api_key: CUSTOMERIO_SANDBOX_API_KEY, base_url: sandbox.baseUrl('customerio') });
const open = (object: string, keyField?: string) => customerIoDestination.open(config(), { object, keyField }, ctx);

describe('customerio objects: operations', () => {
  it('identify with attributes and the row person as cio_relationships (id before email); delete by identifiers', () => {
    expect(objectOperation('upsert', { key: 'acme', fields: { name: 'Acme', founded: new Date('2020-01-01T00:00:00Z'), cio_relationship_id: 'u1', cio_relationship_email: 'a@example.com' } }, '1')).toEqual({
      operation: {
        type: 'object',
        identifiers: { object_type_id: '1', object_id: 'acme' },
        action: 'identify',
        attributes: { name: 'Acme', founded: 1577836800 },
        cio_relationships: [{ identifiers: { id: 'u1' } }],
      },
    });
    expect(objectOperation('upsert', { key: 'acme', fields: { cio_relationship_id: null, cio_relationship_email: 'a@example.com' } }, '1')).toMatchObject({ operation: { cio_relationships: [{ identifiers: { email: 'a@example.com' } }] } });
    expect(objectOperation('upsert', { key: 'acme', fields: { name: 'Acme' } }, '1')).not.toHaveProperty('operation.cio_relationships');
    expect(objectOperation('delete', { key: 'acme', fields: {} }, '2')).toEqual({ operation: { type: 'object', identifiers: { object_type_id: '2', object_id: 'acme' }, action: 'delete' } });
    expect(objectOperation('upsert', { key: ' ', fields: {} }, '1')).toEqual({ problem: expect.stringMatching(/non-empty object_id/) });
    expect(objectOperation('upsert', { key: 'k'.repeat(151), fields: {} }, '1')).toEqual({ problem: expect.stringMatching(/at most 150/) });
  });

  it('refuses an object target without a type id, or a key other than object_id, naming what is wrong', async () => {
    await expect(async () => open('object:')).rejects.toThrow(/"object:" needs the object type's id, e\.g\. object:1/);
    await expect(async () => open('object:companies')).rejects.toThrow(/needs the object type's id/);
    await expect(async () => open('object:1', 'id')).rejects.toThrow(/destination_key "id" is not an object identifier \(use object_id\)/);
    expect((await open('object:1')).capabilities.ops).toEqual(['upsert', 'insert', 'delete']);
  });
});

describe('customerio objects: against the fake', () => {
  it('delivers objects with relationships; per-row results keep the API reason of a 207 and of rows never sent', async () => {
    const writer = await open('object:3', 'object_id');
    const results = await writer.write(
      'upsert',
      [
        { key: '', fields: { name: 'no id' } },
        { key: 'acct-1', fields: { name: 'One', seats: 3, cio_relationship_email: 'owner1@example.com' } },
        { key: 'acct-2', fields: { name: 'Two', note: 'x'.repeat(1001) } },
        { key: 'acct-3', fields: { name: 'Three', cio_relationship_id: 'u9' } },
      ],
      {},
    );
    expect(results).toEqual([
      { ok: false, error: expect.stringMatching(/non-empty object_id/) },
      { ok: true },
      { ok: false, error: "attributes.note: value for attribute 'note' cannot be longer than 1000 bytes" },
      { ok: true },
    ]);
    expect(fake.object('3', 'acct-1')?.attributes).toEqual({ name: 'One', seats: 3 });
    expect(fake.object('3', 'acct-2')).toBeUndefined();
    const relatedTo = (objectId: string) => fake.relationships().filter((r) => r.object_type_id === '3' && r.object_id === objectId).map((r) => r.cio_id);
    expect(relatedTo('acct-1')).toEqual([fake.person('owner1@example.com')!.cio_id]);
    expect(relatedTo('acct-3')).toEqual([fake.person('u9')!.cio_id]);

    expect(await writer.write('delete', [{ key: 'acct-1', fields: {} }], {})).toEqual([{ ok: true }]);
    expect(fake.object('3', 'acct-1')).toBeUndefined();
    expect(relatedTo('acct-1')).toEqual([]);
    expect(fake.person('owner1@example.com')).toBeDefined();
  });

  it('a batch item the API refuses (an object without object_type_id) comes back as its row error with the reason', async () => {
    // The destination always sends the type id; this shows the fake's 207 for a raw batch and the mapping code that reads it.
    const res = await fetch(`${sandbox.baseUrl('customerio')}/api/v2/batch`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${CUSTOMERIO_SANDBOX_SITE_ID}:${CUSTOMERIO_SANDBOX_API_KEY}`).toString('base64')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ batch: [{ type: 'object', identifiers: { object_id: 'x' }, action: 'identify' }] }),
    });
    expect(res.status).toBe(207);
    expect(batchErrors(await res.text()).byIndex.get(0)).toBe('identifiers.object_type_id is required');
  });
});
