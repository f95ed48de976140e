import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../start-sandbox.js';
import { CUSTOMERIO_SANDBOX_API_KEY, CUSTOMERIO_SANDBOX_SITE_ID, createCustomerIoFake, type CustomerIoFake } from './customerio-fake.js';

let sandbox: Sandbox;
let fake: CustomerIoFake;
let base: string;
const basic = `Basic ${Buffer.from(`${CUSTOMERIO_SANDBOX_SITE_ID}:${CUSTOMERIO_SANDBOX_API_KEY}`).toString('base64')}`;

async function post(path: string, body: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${base}${path}`, { method: 'POST', headers: { authorization: basic, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}
const acme = { object_type_id: '1', object_id: 'acme' };
const cioIdOf = (id: string): string => fake.person(id)!.cio_id;

beforeAll(async () => {
  sandbox = await startSandbox({
    vendors: [
      (c) => {
        fake = createCustomerIoFake(c, { requestsPerSecond: 1_000_000 });
        return fake;
      },
    ],
  });
  base = sandbox.baseUrl('customerio');
});
afterAll(async () => {
  await sandbox.close();
});

describe('Customer.io fake: objects (Track API v2)', () => {
  it('object identify creates and merges attributes; cio_relationships relate people (created when new)', async () => {
    const first = await post('/api/v2/entity', {
      type: 'object',
      identifiers: acme,
      action: 'identify',
      attributes: { name: 'Acme', plan: 'pro', seats: 5 },
      cio_relationships: [{ identifiers: { id: 'p1' }, relationship_attributes: { role: 'admin' } }],
    });
    expect(first).toEqual({ status: 200, body: {} });
    expect((await post('/api/v2/entity', { type: 'object', identifiers: acme, action: 'identify', attributes: { plan: null, seats: 6 } })).status).toBe(200);
    expect(fake.object('1', 'acme')?.attributes).toEqual({ name: 'Acme', seats: 6 });
    expect(fake.person('p1')).toBeDefined();
    expect(fake.relationships()).toEqual([{ ...acme, cio_id: cioIdOf('p1'), attributes: { role: 'admin' } }]);
  });

  it('add_relationships and delete_relationships, from the object and from the person', async () => {
    await post('/api/v2/batch', {
      batch: [
        { type: 'object', identifiers: acme, action: 'add_relationships', cio_relationships: [{ identifiers: { email: 'p2@example.com' } }] },
        { type: 'person', identifiers: { id: 'p3' }, action: 'add_relationships', cio_relationships: [{ identifiers: { object_type_id: '2', object_id: 'course-9' } }] },
      ],
    });
    const related = () => fake.relationships().map((r) => `${r.object_type_id}/${r.object_id}:${r.cio_id}`).sort();
    expect(related()).toEqual([`1/acme:${cioIdOf('p1')}`, `1/acme:${cioIdOf('p2@example.com')}`, `2/course-9:${cioIdOf('p3')}`].sort());
    expect(fake.object('2', 'course-9')).toBeDefined();
    await post('/api/v2/batch', {
      batch: [
        { type: 'object', identifiers: acme, action: 'delete_relationships', cio_relationships: [{ identifiers: { id: 'p1' } }] },
        { type: 'person', identifiers: { id: 'p3' }, action: 'delete_relationships', cio_relationships: [{ identifiers: { object_type_id: '2', object_id: 'course-9' } }] },
      ],
    });
    expect(related()).toEqual([`1/acme:${cioIdOf('p2@example.com')}`]);
  });

  it('a person identify may carry cio_relationships; deleting a person or an object removes its relationships', async () => {
    await post('/api/v2/entity', { type: 'person', identifiers: { id: 'p4' }, action: 'identify', attributes: { a: 1 }, cio_relationships: [{ identifiers: { object_type_id: '1', object_id: 'globex' } }] });
    expect(fake.relationships().some((r) => r.object_id === 'globex' && r.cio_id === cioIdOf('p4'))).toBe(true);
    await post('/api/v2/entity', { type: 'person', identifiers: { id: 'p4' }, action: 'delete' });
    expect(fake.relationships().some((r) => r.object_id === 'globex')).toBe(false);
    await post('/api/v2/entity', { type: 'object', identifiers: acme, action: 'delete' });
    expect(fake.object('1', 'acme')).toBeUndefined();
    expect(fake.relationships().some((r) => r.object_id === 'acme')).toBe(false);
    expect(fake.objectDeletions()).toContainEqual(expect.objectContaining(acme));
  });

  it('refuses invalid object operations with a reason and field: 400 for an entity, 207 with batch_index in a batch', async () => {
    expect(await post('/api/v2/entity', { type: 'object', identifiers: { object_id: 'x' }, action: 'identify' })).toEqual({
      status: 400,
      body: { errors: [{ reason: 'required', field: 'identifiers.object_type_id', message: 'identifiers.object_type_id is required' }] },
    });
    const answer = await post('/api/v2/batch', {
      batch: [
        { type: 'object', identifiers: { object_type_id: '1', object_id: 'ok-1' }, action: 'identify', attributes: { name: 'fine' } },
        { type: 'object', identifiers: { object_type_id: 'companies', object_id: 'x' }, action: 'identify' },
        { type: 'object', identifiers: { object_type_id: '1' }, action: 'identify' },
        { type: 'object', identifiers: { object_type_id: '1', object_id: 'x'.repeat(151) }, action: 'identify' },
        { type: 'object', identifiers: acme, action: 'event', name: 'x' },
        { type: 'object', identifiers: acme, action: 'add_relationships' },
        { type: 'object', identifiers: acme, action: 'add_relationships', cio_relationships: [{ identifiers: { id: 'a', email: 'b@example.com' } }] },
        { type: 'person', identifiers: { id: 'p5' }, action: 'add_relationships', cio_relationships: [{ identifiers: { object_id: 'y' } }] },
        { type: 'object', identifiers: { object_type_id: '1', object_id: 'big' }, action: 'identify', attributes: { note: 'x'.repeat(1001) } },
      ],
    });
    expect(answer.status).toBe(207);
    expect(answer.body.errors.map((e: { batch_index: number; field?: string; reason: string }) => [e.batch_index, e.reason, e.field])).toEqual([
      [1, 'invalid', 'identifiers.object_type_id'],
      [2, 'required', 'identifiers.object_id'],
      [3, 'too_long', 'identifiers.object_id'],
      [4, 'invalid', 'action'],
      [5, 'required', 'cio_relationships'],
      [6, 'invalid', 'cio_relationships[0].identifiers'],
      [7, 'required', 'cio_relationships[0].identifiers.object_type_id'],
      [8, 'too_long', 'attributes.note'],
    ]);
    expect(fake.object('1', 'ok-1')?.attributes).toEqual({ name: 'fine' });
    expect(fake.object('1', 'big')).toBeUndefined();
    expect(fake.person('p5')).toBeUndefined();
  });

  it('an object operation larger than 32 KB is refused in a batch', async () => {
    const attributes = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`a${i}`, 'x'.repeat(900)]));
    const answer = await post('/api/v2/batch', { batch: [{ type: 'object', identifiers: { object_type_id: '1', object_id: 'huge' }, action: 'identify', attributes }] });
    expect(answer).toMatchObject({ status: 207, body: { errors: [{ batch_index: 0, reason: 'too_long' }] } });
  });
});
