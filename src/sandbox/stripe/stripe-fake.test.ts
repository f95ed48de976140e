import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../start-sandbox.js';
import { stripeGet, stripeListAll } from '../test-support/stripe-get.js';
import { STRIPE_CONNECTED_ACCOUNTS, STRIPE_SANDBOX_KEY } from './stripe-fake.js';

let sandbox: Sandbox;
let base: string;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 11 });
  base = sandbox.baseUrl('stripe');
});
afterAll(async () => {
  await sandbox.close();
});

describe('Stripe fake: auth and errors', () => {
  it('401 without a key, with a bad key; basic auth with the key as username works', async () => {
    const none = await fetch(`${base}/v1/customers`);
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { type: string } }).error.type).toBe('invalid_request_error');
    const bad = await stripeGet(base, '/v1/customers', { authorization: 'Bearer sk_test_wrong_key_123456' });
    expect(bad.status).toBe(401);
    expect(bad.body.error.message).toMatch(/^Invalid API Key provided: sk_test_\**3456$/);
    const basic = await stripeGet(base, '/v1/customers?limit=1', {
      authorization: `Basic ${Buffer.from(`${STRIPE_SANDBOX_KEY}:`).toString('base64')}`,
    });
    expect(basic.status).toBe(200);
    expect(basic.body).toMatchObject({ object: 'list', url: '/v1/customers', has_more: true });
  });

  it('400 for a bad limit and unknown parameters, 404 for unknown ids, with Stripe error bodies', async () => {
    const limit = await stripeGet(base, '/v1/customers?limit=101');
    expect(limit.status).toBe(400);
    expect(limit.body.error).toMatchObject({ type: 'invalid_request_error', param: 'limit' });
    const unknown = await stripeGet(base, '/v1/customers?colour=blue');
    expect(unknown.body.error).toMatchObject({ code: 'parameter_unknown', param: 'colour' });
    const missing = await stripeGet(base, '/v1/customers/cus_NffrFeUfNV2Hib');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: 'resource_missing', message: "No such customer: 'cus_NffrFeUfNV2Hib'" });
    const write = await fetch(`${base}/v1/customers`, { method: 'POST', headers: { authorization: `Bearer ${STRIPE_SANDBOX_KEY}` } });
    expect(write.status).toBe(404);
    expect(write.headers.get('request-id')).toMatch(/^req_/);
  });
});

describe('Stripe fake: lists', () => {
  it('pages exhaustively and stably, newest first, with no duplicates', async () => {
    const all = await stripeListAll(base, '/v1/customers');
    const ids = all.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    const created = all.map((c) => c.created as number);
    expect(created).toEqual([...created].sort((a, b) => b - a));
    expect(await stripeListAll(base, '/v1/customers')).toEqual(all);
    // The same set through smaller pages.
    const small: unknown[] = [];
    let after = '';
    for (let k = 0; k < 200; k++) {
      const r = await stripeGet(base, `/v1/customers?limit=7${after}`);
      small.push(...r.body.data.map((c: { id: string }) => c.id));
      if (!r.body.has_more) break;
      after = `&starting_after=${r.body.data.at(-1).id}`;
    }
    expect(small).toEqual(ids);
  });

  it('ending_before pages backwards to the same objects', async () => {
    const first = await stripeGet(base, '/v1/invoices?limit=30');
    const pivot = first.body.data[20].id;
    const back = await stripeGet(base, `/v1/invoices?limit=5&ending_before=${pivot}`);
    expect(back.body.data.map((x: { id: string }) => x.id)).toEqual(first.body.data.slice(15, 20).map((x: { id: string }) => x.id));
    expect(back.body.has_more).toBe(true);
  });

  it('filters by created[gte|lt] consistently with the full list', async () => {
    const all = await stripeListAll(base, '/v1/charges');
    const mid = all[Math.floor(all.length / 2)]?.created as number;
    const newer = await stripeListAll(base, `/v1/charges?created[gte]=${mid}`);
    const older = await stripeListAll(base, `/v1/charges?created[lt]=${mid}`);
    expect(newer.length + older.length).toBe(all.length);
    expect(newer.every((c) => (c.created as number) >= mid)).toBe(true);
  });

  it('serves every resource, GET by id matches the list, expand works', async () => {
    for (const path of ['subscriptions?status=all', 'invoices', 'charges', 'refunds', 'products', 'prices', 'balance_transactions', 'events']) {
      const r = await stripeGet(base, `/v1/${path}${path.includes('?') ? '&' : '?'}limit=3`);
      expect(r.status, path).toBe(200);
      expect(r.body.data.length, path).toBeGreaterThan(0);
      const one = r.body.data[0];
      const resource = path.split('?')[0] as string;
      const got = await stripeGet(base, `/v1/${resource}/${one.id}`);
      expect(got.body, path).toEqual(one);
    }
    const subs = await stripeGet(base, '/v1/subscriptions?limit=2&expand[]=data.customer');
    expect(subs.body.data[0].customer.object).toBe('customer');
    const sub = subs.body.data[0];
    const items = await stripeGet(base, `/v1/subscription_items?subscription=${sub.id}`);
    expect(items.body.data[0].id).toBe(sub.items.data[0].id);
    const single = await stripeGet(base, `/v1/subscriptions/${sub.id}?expand[]=latest_invoice&expand[]=customer`);
    expect(single.body.latest_invoice.object).toBe('invoice');
    const invoice = single.body.latest_invoice;
    const lines = await stripeGet(base, `/v1/invoices/${invoice.id}/lines`);
    expect(lines.body).toMatchObject({ object: 'list', url: `/v1/invoices/${invoice.id}/lines`, has_more: false });
    expect(lines.body.data).toEqual(invoice.lines.data);
    const bad = await stripeGet(base, '/v1/customers?expand[]=data.nonsense');
    expect(bad.status).toBe(400);
  });

  it('status=all includes canceled subscriptions; the default excludes them', async () => {
    const all = await stripeListAll(base, '/v1/subscriptions?status=all');
    const live = await stripeListAll(base, '/v1/subscriptions');
    const canceled = all.filter((s) => s.status === 'canceled');
    expect(canceled.length).toBeGreaterThan(0);
    expect(live.length).toBe(all.length - canceled.length);
    expect(live.some((s) => s.status === 'canceled')).toBe(false);
  });

  it('the Stripe customers are the paying organizations of the company', async () => {
    const all = await stripeListAll(base, '/v1/customers');
    const company = sandbox.company;
    const byOrg = new Map(all.map((c) => [(c.metadata as Record<string, string>).organization_id, c]));
    let payingLive = 0;
    for (let i = 0; i < company.countAt(sandbox.clock.now()); i++) {
      const org = company.organization(i);
      const customer = byOrg.get(org.id);
      if (customer) {
        expect(org.paying).toBe(true);
        expect(customer.name).toBe(org.name);
        expect(customer.email).toBe(company.user(i, 0).email);
        payingLive++;
      }
    }
    expect(payingLive).toBe(all.length);
    expect(all.length).toBeGreaterThan(200);
  });

  it('Stripe-Account serves a connected account’s own data; unknown accounts get 403', async () => {
    const platform = await stripeGet(base, '/v1/customers?limit=3');
    const connected = await stripeGet(base, '/v1/customers?limit=3', { 'stripe-account': STRIPE_CONNECTED_ACCOUNTS[0] });
    expect(connected.status).toBe(200);
    expect(connected.body.data[0].id).not.toBe(platform.body.data[0].id);
    const unknown = await stripeGet(base, '/v1/customers', { 'stripe-account': 'acct_nope' });
    expect(unknown.status).toBe(403);
  });
});

describe('Stripe fake: determinism and time', () => {
  it('the same seed serves the same data; another seed does not', async () => {
    const twin = await startSandbox({ seed: 11 });
    const other = await startSandbox({ seed: 12 });
    try {
      const a = await stripeGet(base, '/v1/invoices?limit=50');
      const b = await stripeGet(twin.baseUrl('stripe'), '/v1/invoices?limit=50');
      const c = await stripeGet(other.baseUrl('stripe'), '/v1/invoices?limit=50');
      expect(b.body).toEqual(a.body);
      expect(c.body).not.toEqual(a.body);
    } finally {
      await twin.close();
      await other.close();
    }
  });

  it('advancing time adds, updates and deletes records, and events report them', async () => {
    const sb = await startSandbox({ seed: 5 });
    try {
      const stripe = sb.baseUrl('stripe');
      const before = await stripeListAll(stripe, '/v1/customers');
      const subsBefore = new Map((await stripeListAll(stripe, '/v1/subscriptions?status=all')).map((s) => [s.id, s.status]));
      const t0 = Math.floor(sb.clock.now() / 1000);
      const res = await fetch(`${sb.url}/_sandbox/advance?days=20`, { method: 'POST' });
      expect(((await res.json()) as { now: string }).now).toBe(new Date(sb.clock.now()).toISOString());
      const after = await stripeListAll(stripe, '/v1/customers');
      const beforeIds = new Set(before.map((c) => c.id));
      const afterIds = new Set(after.map((c) => c.id));
      const added = after.filter((c) => !beforeIds.has(c.id));
      const removed = before.filter((c) => !afterIds.has(c.id));
      expect(added.length).toBeGreaterThan(3);
      expect(added.every((c) => (c.created as number) > t0)).toBe(true);
      const subsAfter = await stripeListAll(stripe, '/v1/subscriptions?status=all');
      const changed = subsAfter.filter((s) => subsBefore.has(s.id) && subsBefore.get(s.id) !== s.status);
      expect(changed.length).toBeGreaterThan(0);

      const events = await stripeListAll(stripe, `/v1/events?created[gt]=${t0}`);
      const types = new Set(events.map((e) => e.type));
      for (const t of ['customer.created', 'customer.subscription.created', 'customer.subscription.updated', 'invoice.paid', 'charge.succeeded']) {
        expect(types.has(t), t).toBe(true);
      }
      const createdIds = new Set(events.filter((e) => e.type === 'customer.created').map((e) => (e.data as { object: { id: string } }).object.id));
      for (const c of added) expect(createdIds.has(c.id as string)).toBe(true);
      const deletedIds = new Set(events.filter((e) => e.type === 'customer.deleted').map((e) => (e.data as { object: { id: string } }).object.id));
      for (const c of removed) expect(deletedIds.has(c.id as string)).toBe(true);
      for (const c of removed) {
        const got = await stripeGet(stripe, `/v1/customers/${c.id}`);
        expect(got.body).toEqual({ id: c.id, object: 'customer', deleted: true });
      }
      const filtered = await stripeListAll(stripe, `/v1/events?type=customer.subscription.*&created[gt]=${t0}`);
      expect(filtered.length).toBeGreaterThan(0);
      expect(filtered.every((e) => (e.type as string).startsWith('customer.subscription.'))).toBe(true);
    } finally {
      await sb.close();
    }
  });

  it('reports renewals and dunning as update events whose previous_attributes hold exactly the changed fields', async () => {
    const updates = await stripeListAll(base, '/v1/events?types[]=customer.updated&types[]=customer.subscription.updated');
    type Data = { object: Record<string, unknown>; previous_attributes?: Record<string, unknown> };
    const changed = new Set<string>();
    for (const e of updates) {
      const { object, previous_attributes: previous } = e.data as Data;
      expect(Object.keys(previous ?? {}).length, e.type as string).toBeGreaterThan(0);
      for (const [k, v] of Object.entries(previous ?? {})) {
        expect(v, `${e.type as string} ${k}`).not.toEqual(object[k]);
        changed.add(`${e.type as string}:${k}`);
      }
    }
    for (const k of ['customer.updated:delinquent', 'customer.updated:next_invoice_sequence', 'customer.subscription.updated:status', 'customer.subscription.updated:current_period_start',
      'customer.subscription.updated:current_period_end', 'customer.subscription.updated:latest_invoice']) {
      expect(changed.has(k), k).toBe(true);
    }
    // A delinquent customer was reported delinquent, and a recovered one recovered, each in its own event.
    const flips = updates.filter((e) => e.type === 'customer.updated').map((e) => (e.data as Data).object['delinquent']);
    expect(new Set(flips)).toEqual(new Set([true, false]));
  });

  it('keeps events for 30 days only', async () => {
    const all = await stripeListAll(base, '/v1/events');
    const now = Math.floor(sandbox.clock.now() / 1000);
    const oldest = Math.min(...all.map((e) => e.created as number));
    expect(oldest).toBeGreaterThanOrEqual(now - 30 * 86400);
    expect(oldest).toBeLessThan(now - 29 * 86400);
  });
});

describe('Stripe fake at scale', () => {
  it('serves pages from a 500,000-organization company without materializing it', async () => {
    const big = await startSandbox({ seed: 2, scale: 1000 });
    try {
      const heap = process.memoryUsage().heapUsed;
      const stripe = big.baseUrl('stripe');
      const started = performance.now();
      let after = '';
      for (let k = 0; k < 5; k++) {
        const r = await stripeGet(stripe, `/v1/invoices?limit=100${after}`);
        expect(r.body.data.length).toBe(100);
        after = `&starting_after=${r.body.data.at(-1).id}`;
      }
      const events = await stripeGet(stripe, '/v1/events?limit=100');
      expect(events.body.data.length).toBe(100);
      const oldest = await stripeGet(stripe, `/v1/customers?limit=100&created[lt]=${Math.floor(big.company.createdAt(1000) / 1000)}`);
      expect(oldest.body.data.length).toBe(100);
      expect(performance.now() - started).toBeLessThan(3000);
      expect(process.memoryUsage().heapUsed - heap).toBeLessThan(100 * 1024 * 1024);
    } finally {
      await big.close();
    }
  });
});
