import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../start-sandbox.js';
import { CUSTOMERIO_SANDBOX_API_KEY, CUSTOMERIO_SANDBOX_SITE_ID, createCustomerIoFake, type CustomerIoFake } from './customerio-fake.js';

let sandbox: Sandbox;
let fake: CustomerIoFake;
let base: string;
const basic = `Basic ${Buffer.from(`${CUSTOMERIO_SANDBOX_SITE_ID}:${CUSTOMERIO_SANDBOX_API_KEY}`).toString('base64')}`;

async function call(method: string, path: string, body?: unknown, auth = basic): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: auth, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

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

describe('Customer.io fake: auth', () => {
  it('401 with meta.error without credentials or with a wrong key; credentials in the sandbox environment', async () => {
    expect(await call('PUT', '/api/v1/customers/1', {}, '')).toMatchObject({ status: 401, body: { meta: { error: 'Unauthorized request' } } });
    const wrong = `Basic ${Buffer.from(`${CUSTOMERIO_SANDBOX_SITE_ID}:nope`).toString('base64')}`;
    expect((await call('PUT', '/api/v1/customers/1', {}, wrong)).status).toBe(401);
    expect((await call('POST', '/api/v2/entity', {}, wrong)).body).toEqual({ errors: [expect.objectContaining({ message: 'Unauthorized request' })] });
    const env = sandbox.environment();
    expect(env['CUSTOMERIO_SITE_ID']).toBe(CUSTOMERIO_SANDBOX_SITE_ID);
    expect(env['CUSTOMERIO_API_KEY']).toBe(CUSTOMERIO_SANDBOX_API_KEY);
    expect(env['CUSTOMERIO_BASE_URL']).toBe(base);
    expect((await call('GET', '/api/v1/customers/1')).status).toBe(404);
  });
});

describe('Customer.io fake: v1', () => {
  it('answers the account region with the Track URL (the credentials check), behind auth', async () => {
    expect(await call('GET', '/api/v1/accounts/region')).toMatchObject({ status: 200, body: { url: base, region: 'us', environment_id: 1 } });
    expect((await call('GET', '/api/v1/accounts/region', undefined, '')).status).toBe(401);
  });

  it('identify merges attributes, removes null / empty ones, honours _update; delete removes the person', async () => {
    expect(await call('PUT', '/api/v1/customers/u1', { email: 'u1@example.com', plan: 'pro', seats: 3, created_at: 1_735_689_600 })).toEqual({
      status: 200,
      body: {},
      headers: expect.anything(),
    });
    await call('PUT', '/api/v1/customers/u1', { seats: 5, plan: null });
    expect(fake.person('u1')).toMatchObject({ id: 'u1', email: 'u1@example.com', attributes: { email: 'u1@example.com', seats: 5, created_at: 1_735_689_600 } });
    expect(fake.person('u1')?.attributes).not.toHaveProperty('plan');
    expect(fake.person('u1@example.com')?.id).toBe('u1');
    await call('PUT', '/api/v1/customers/ghost', { _update: true, plan: 'free' });
    expect(fake.person('ghost')).toBeUndefined();
    await call('DELETE', '/api/v1/customers/u1');
    expect(fake.person('u1')).toBeUndefined();
    expect(fake.deletions().at(-1)?.identifiers).toEqual({ id: 'u1' });
  });

  it('refuses identifies over the documented limits with 400 meta.error', async () => {
    const r1 = await call('PUT', '/api/v1/customers/u2', { ['x'.repeat(151)]: 1 });
    expect(r1).toMatchObject({ status: 400, body: { meta: { error: 'attribute name cannot be longer than 150 bytes' } } });
    expect((await call('PUT', '/api/v1/customers/u2', { bio: 'é'.repeat(501) })).body.meta.error).toBe("value for attribute 'bio' cannot be longer than 1000 bytes");
    const many = Object.fromEntries(Array.from({ length: 301 }, (_, k) => [`a${k}`, k]));
    expect((await call('PUT', '/api/v1/customers/u2', many)).body.meta.error).toBe('cannot identify more than 300 attributes in one request');
    const big = Object.fromEntries(Array.from({ length: 40 }, (_, k) => [`a${k}`, 'v'.repeat(900)]));
    expect((await call('PUT', '/api/v1/customers/u2', big)).body.meta.error).toMatch(/32768 bytes/);
    expect((await call('PUT', '/api/v1/customers/u2', { created_at: 1_735_689_600_000 })).body.meta.error).toBe('created_at must be a unix timestamp in seconds');
    expect((await call('PUT', '/api/v1/customers/u2', 'nope')).status).toBe(400);
    expect(fake.person('u2')).toBeUndefined();
  });

  it('events of a person and anonymous events; name required, data a hash', async () => {
    await call('PUT', '/api/v1/customers/u3', { plan: 'pro' });
    expect((await call('POST', '/api/v1/customers/u3/events', { name: 'upgraded', data: { to: 'pro' }, timestamp: 1_735_700_000 })).status).toBe(200);
    expect((await call('POST', '/api/v1/events', { name: 'visited', anonymous_id: 'anon-1', data: {} })).status).toBe(200);
    expect((await call('POST', '/api/v1/customers/u3/events', { data: {} })).body).toEqual({ meta: { error: 'event name must not be blank' } });
    expect((await call('POST', '/api/v1/customers/u3/events', { name: 'x', data: 'str' })).body).toEqual({ meta: { error: 'event data must be a hash' } });
    expect((await call('POST', '/api/v1/events', { name: 'n'.repeat(101) })).status).toBe(400);
    const u3 = fake.person('u3');
    expect(fake.events().filter((e) => e.cio_id === u3?.cio_id)).toEqual([{ cio_id: u3?.cio_id, type: 'event', name: 'upgraded', data: { to: 'pro' }, timestamp: 1_735_700_000 }]);
    expect(fake.events().find((e) => e.anonymous_id === 'anon-1')).toMatchObject({ name: 'visited', timestamp: Math.floor(sandbox.clock.now() / 1000) });
  });
});

describe('Customer.io fake: v2', () => {
  it('entity identify / event / delete; 400 with errors for a bad one', async () => {
    const ok = await call('POST', '/api/v2/entity', { type: 'person', identifiers: { id: 'v2-1' }, action: 'identify', attributes: { plan: 'team' } });
    expect(ok.status).toBe(200);
    await call('POST', '/api/v2/entity', { type: 'person', identifiers: { id: 'v2-1' }, action: 'event', name: 'renewed', attributes: { amount: 10 } });
    expect(fake.person('v2-1')?.attributes).toEqual({ plan: 'team' });
    expect(fake.events().at(-1)).toMatchObject({ name: 'renewed', data: { amount: 10 }, cio_id: fake.person('v2-1')?.cio_id });
    const bad = await call('POST', '/api/v2/entity', { type: 'person', identifiers: {}, action: 'identify' });
    expect(bad).toMatchObject({ status: 400, body: { errors: [{ reason: 'invalid', field: 'identifiers', message: expect.any(String) }] } });
    expect((await call('POST', '/api/v2/entity', { type: 'person', identifiers: { id: 'v2-1' }, action: 'fly' })).body.errors[0].field).toBe('action');
    await call('POST', '/api/v2/entity', { type: 'person', identifiers: { id: 'v2-1' }, action: 'delete' });
    expect(fake.person('v2-1')).toBeUndefined();
  });

  it('an event id must be a ULID; an event whose id was seen is recorded once', async () => {
    const event = { type: 'person', identifiers: { id: 'dedup-1' }, action: 'event', name: 'upgraded', id: '01J0ABCDEFGHJKMNPQRSTVWXYZ' };
    expect((await call('POST', '/api/v2/entity', event)).status).toBe(200);
    expect((await call('POST', '/api/v2/batch', { batch: [event, { ...event, id: 'not-a-ulid' }] })).body.errors).toEqual([
      { batch_index: 1, reason: 'invalid', field: 'id', message: 'id must be a valid ULID' },
    ]);
    expect(fake.events().filter((e) => e.id === event.id)).toHaveLength(1);
  });

  it('batch applies the valid items and answers 207 with batch_index for the others; size limits', async () => {
    const r = await call('POST', '/api/v2/batch', {
      batch: [
        { type: 'person', identifiers: { id: 'b1' }, action: 'identify', attributes: { n: 1 } },
        { type: 'person', identifiers: { email: 'b2@example.com' }, action: 'identify', attributes: { ['k'.repeat(151)]: 1 } },
        { type: 'person', identifiers: { id: 'b3' }, action: 'event' },
        { type: 'person', identifiers: { cio_id: 'none' }, action: 'identify', attributes: { n: 4 } },
      ],
    });
    expect(r.status).toBe(207);
    expect(r.body.errors.map((e: any) => [e.batch_index, e.reason, e.field])).toEqual([
      [1, 'too_long', expect.stringMatching(/^attributes\./)],
      [2, 'required', 'name'],
    ]);
    expect(fake.person('b1')?.attributes).toEqual({ n: 1 });
    expect(fake.person('b2@example.com')).toBeUndefined();
    expect((await call('POST', '/api/v2/batch', { batch: [{ type: 'person', identifiers: { id: 'b5' }, action: 'identify' }] })).status).toBe(200);
    const huge = { batch: Array.from({ length: 20 }, (_, k) => ({ type: 'person', identifiers: { id: `h${k}` }, action: 'identify', attributes: { a: 'x'.repeat(30_000) } })) };
    expect((await call('POST', '/api/v2/batch', huge)).body.errors[0]).toMatchObject({ field: 'batch', reason: 'too_long' });
    const item = await call('POST', '/api/v2/batch', { batch: [{ type: 'person', identifiers: { id: 'big' }, action: 'identify', attributes: Object.fromEntries(Array.from({ length: 40 }, (_, k) => [`a${k}`, 'v'.repeat(900)])) }] });
    expect(item.body.errors[0]).toMatchObject({ batch_index: 0, reason: 'too_long' });
    expect((await call('POST', '/api/v2/batch', { nope: [] })).status).toBe(400);
  });
});

describe('Customer.io fake: rate limit and recording', () => {
  it('429 past the per-second limit (configurable), with Retry-After', async () => {
    let clock = 0;
    const local = await startSandbox({ vendors: [(c) => createCustomerIoFake(c, { requestsPerSecond: 3, wallClock: () => clock })] });
    try {
      const statuses: number[] = [];
      for (let k = 0; k < 4; k++) {
        const res = await fetch(`${local.baseUrl('customerio')}/api/v1/customers/r${k}`, { method: 'PUT', headers: { authorization: basic }, body: '{}' });
        statuses.push(res.status);
        if (res.status === 429) expect(res.headers.get('retry-after')).toBe('1');
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
      clock += 1001;
      expect((await fetch(`${local.baseUrl('customerio')}/api/v1/customers/r9`, { method: 'PUT', headers: { authorization: basic }, body: '{}' })).status).toBe(200);
    } finally {
      await local.close();
    }
  });

  it('records accepted requests only; /_sandbox/received/customerio lists and forgets them', async () => {
    fake.resetReceived();
    await call('PUT', '/api/v1/customers/rec', { a: 1 });
    await call('PUT', '/api/v1/customers/rec', { ['x'.repeat(200)]: 1 });
    const listed = (await (await fetch(`${sandbox.url}/_sandbox/received/customerio`)).json()) as any;
    expect(listed.requests).toEqual([expect.objectContaining({ method: 'PUT', path: '/api/v1/customers/rec', body: { a: 1 }, status: 200 })]);
    expect(listed.requests[0].headers.authorization).toBe(basic);
    await fetch(`${sandbox.url}/_sandbox/received/customerio`, { method: 'DELETE' });
    expect(fake.received()).toEqual([]);
    expect(fake.person('rec')?.attributes).toEqual({ a: 1 });
  });
});
