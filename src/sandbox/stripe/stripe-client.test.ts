/** The official `stripe` client, unchanged, against the fake. */
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../start-sandbox.js';
import { STRIPE_SANDBOX_KEY } from './stripe-fake.js';

let sandbox: Sandbox;
let stripe: Stripe;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 21 });
  const port = Number(new URL(sandbox.url).port);
  stripe = new Stripe(STRIPE_SANDBOX_KEY, { host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 2, telemetry: false });
});
afterAll(async () => {
  await sandbox.close();
});

describe('official stripe client', () => {
  it('lists every customer with auto-pagination', async () => {
    const ids: string[] = [];
    for await (const customer of stripe.customers.list({ limit: 100 })) {
      ids.push(customer.id);
      if (ids.length > 10_000) break;
    }
    expect(ids.length).toBeGreaterThan(200);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('retrieves a subscription with expand, and lists events', async () => {
    const page = await stripe.subscriptions.list({ limit: 1, status: 'all' });
    const first = page.data[0];
    expect(first).toBeDefined();
    const sub = await stripe.subscriptions.retrieve(first?.id ?? '', { expand: ['customer', 'latest_invoice'] });
    expect(typeof sub.customer === 'object' && sub.customer.object === 'customer').toBe(true);
    expect(typeof sub.latest_invoice === 'object' && sub.latest_invoice?.object === 'invoice').toBe(true);
    const events = await stripe.events.list({ limit: 20, type: 'invoice.*' });
    expect(events.data.length).toBe(20);
    expect(events.data.every((e) => e.type.startsWith('invoice.'))).toBe(true);
  });

  it('raises the typed errors for a bad key and a missing object, and retries injected 429s', async () => {
    const port = Number(new URL(sandbox.url).port);
    const bad = new Stripe('sk_test_not_the_key', { host: '127.0.0.1', port, protocol: 'http', telemetry: false });
    await expect(bad.customers.list()).rejects.toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    await expect(stripe.customers.retrieve('cus_NffrFeUfNV2Hib')).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    sandbox.faults.set({ stripe: { rateLimit: 0.5, retryAfterSeconds: 0 } });
    try {
      const listed = await stripe.prices.list({ limit: 3 });
      expect(listed.data.length).toBe(3);
    } finally {
      sandbox.faults.reset();
    }
  });
});
