import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../start-sandbox.js';
import { stripeGet } from '../test-support/stripe-get.js';
import { createFaultControl } from './fault-control.js';

describe('fault decisions', () => {
  it('honour the rates roughly and are deterministic for a seed', () => {
    const decide = (seed: number) => {
      const control = createFaultControl(seed, { stripe: { rateLimit: 0.2, serverError: 0.1, stall: 0.05, malformed: 0.1 } });
      return Array.from({ length: 4000 }, (_, k) => control.decide('stripe', `GET /v1/customers?page=${k % 1000}`));
    };
    const a = decide(9);
    expect(decide(9)).toEqual(a);
    expect(decide(10)).not.toEqual(a);
    const share = (p: (v: (typeof a)[number]) => boolean) => a.filter(p).length / a.length;
    expect(share((v) => v.decision === 'rate_limit')).toBeCloseTo(0.2, 1);
    expect(share((v) => v.decision === 'server_error')).toBeCloseTo(0.1, 1);
    expect(share((v) => v.decision === 'stall')).toBeCloseTo(0.05, 1);
    expect(share((v) => v.malformed)).toBeCloseTo(0.1, 1);
  });

  it('apply `*` to every vendor and reject bad settings', () => {
    const control = createFaultControl(1);
    control.set({ '*': { serverError: 0.3 } });
    expect(control.settings('hubspot').serverError).toBe(0.3);
    expect(() => control.set({ stripe: { rateLimit: 2 } })).toThrow(/rate/);
    expect(() => control.set({ stripe: { bogus: 1 } as never })).toThrow(/unknown/);
  });
});

describe('faults over HTTP', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 4 });
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('serves 429 with Retry-After and 5xx in Stripe’s format at the configured rates, set by POST /_sandbox/faults', async () => {
    const set = await fetch(`${sandbox.url}/_sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({ stripe: { rateLimit: 0.3, serverError: 0.2, retryAfterSeconds: 2 } }),
    });
    expect(set.status).toBe(200);
    const statuses: number[] = [];
    for (let k = 0; k < 200; k++) {
      const r = await stripeGet(sandbox.baseUrl('stripe'), `/v1/prices?limit=${1 + (k % 50)}`);
      statuses.push(r.status);
      if (r.status === 429) {
        expect(r.headers.get('retry-after')).toBe('2');
        expect(r.body.error).toMatchObject({ type: 'invalid_request_error', code: 'rate_limit' });
      }
      if (r.status === 500) expect(r.body.error.type).toBe('api_error');
    }
    const share = (s: number) => statuses.filter((x) => x === s).length / statuses.length;
    expect(share(429)).toBeGreaterThan(0.18);
    expect(share(429)).toBeLessThan(0.42);
    expect(share(500)).toBeGreaterThan(0.08);
    expect(share(500)).toBeLessThan(0.32);
    expect((await fetch(`${sandbox.url}/_sandbox/faults`, { method: 'DELETE' })).status).toBe(200);
    expect((await stripeGet(sandbox.baseUrl('stripe'), '/v1/prices')).status).toBe(200);
  });

  it('stalls: headers arrive, the body never completes, the connection drops after stallSeconds', async () => {
    sandbox.faults.set({ stripe: { stall: 1, stallSeconds: 0.3 } });
    try {
      const started = Date.now();
      const res = await stripeGet(sandbox.baseUrl('stripe'), '/v1/customers?limit=5').catch((err: unknown) => err);
      expect(res).toBeInstanceOf(Error);
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    } finally {
      sandbox.faults.reset();
    }
  });

  it('malformed records: one record of the page has a wrong type', async () => {
    sandbox.faults.set({ stripe: { malformed: 1 } });
    try {
      const r = await stripeGet(sandbox.baseUrl('stripe'), '/v1/customers?limit=10');
      expect(r.status).toBe(200);
      const bad = r.body.data.filter((c: { created: unknown }) => typeof c.created !== 'number');
      expect(bad.length).toBe(1);
    } finally {
      sandbox.faults.reset();
    }
  });
});
