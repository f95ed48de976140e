import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../start-sandbox.js';
import { createWebhookFake, WEBHOOK_SANDBOX_SECRET, type WebhookFake } from './webhook-fake.js';
import { webhookSignature } from './webhook-signature.js';

let sandbox: Sandbox;
let fake: WebhookFake;
let base: string;
let wall = 1_764_300_000_000;

async function post(endpoint: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(`${base}/${endpoint}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

function signed(body: unknown, secret = WEBHOOK_SANDBOX_SECRET, at = wall): [string, Record<string, string>] {
  const text = JSON.stringify(body);
  const timestamp = String(Math.floor(at / 1000));
  return [text, { 'x-basin-timestamp': timestamp, 'x-basin-signature': webhookSignature(secret, timestamp, text) }];
}

beforeAll(async () => {
  sandbox = await startSandbox({
    vendors: [
      (c) => {
        fake = createWebhookFake(c, { wallClock: () => wall });
        return fake;
      },
    ],
  });
  base = sandbox.baseUrl('webhook');
});
afterAll(async () => {
  await sandbox.close();
});

describe('webhook fake', () => {
  it('records accepted bodies and headers; the control route lists and forgets them', async () => {
    const r = await post('orders', { rows: [{ id: 1 }] }, { 'x-request-id': 'abc' });
    expect(r).toMatchObject({ status: 200, body: { ok: true } });
    expect(fake.deliveries('orders')).toEqual([{ rows: [{ id: 1 }] }]);
    const control = (await (await fetch(`${sandbox.url}/_sandbox/received/webhook`)).json()) as any;
    expect(control.requests).toHaveLength(1);
    expect(control.requests[0]).toMatchObject({ method: 'POST', path: '/orders', body: { rows: [{ id: 1 }] }, status: 200 });
    expect(control.requests[0].headers['x-request-id']).toBe('abc');
    await fetch(`${sandbox.url}/_sandbox/received/webhook`, { method: 'DELETE' });
    expect(fake.received()).toEqual([]);
    expect((await fetch(`${sandbox.url}/_sandbox/received/nope`)).status).toBe(404);
  });

  it('verifies signatures: good one accepted, wrong secret / tampered body / stale timestamp refused with 401', async () => {
    fake.resetReceived();
    const [text, headers] = signed({ a: 1 });
    expect((await post('signed', text, headers)).status).toBe(200);
    const [, wrong] = signed({ a: 1 }, 'other-secret');
    expect(await post('signed', text, wrong)).toMatchObject({ status: 401, body: { detail: 'signature mismatch' } });
    expect((await post('signed', JSON.stringify({ a: 2 }), headers)).status).toBe(401);
    const [staleText, stale] = signed({ a: 1 }, WEBHOOK_SANDBOX_SECRET, wall - 600_000);
    expect(await post('signed', staleText, stale)).toMatchObject({ status: 401, body: { detail: expect.stringContaining('tolerance') } });
    expect(fake.deliveries('signed')).toEqual([{ a: 1 }]);
    expect(sandbox.environment()['WEBHOOK_SECRET']).toBe(WEBHOOK_SANDBOX_SECRET);
  });

  it('requireSignature refuses unsigned requests; failures gives other endpoint names a behaviour', async () => {
    const strict = await startSandbox({ vendors: [(c) => createWebhookFake(c, { requireSignature: true, wallClock: () => wall, failures: { 'crm-sync': 'fail-500' } })] });
    try {
      const res = await fetch(`${strict.baseUrl('webhook')}/x`, { method: 'POST', body: '{}' });
      expect(res.status).toBe(401);
      const text = '{}';
      const timestamp = String(Math.floor(wall / 1000));
      const headers = { 'x-basin-timestamp': timestamp, 'x-basin-signature': webhookSignature(WEBHOOK_SANDBOX_SECRET, timestamp, text) };
      expect((await fetch(`${strict.baseUrl('webhook')}/crm-sync`, { method: 'POST', headers, body: text })).status).toBe(500);
      expect((await fetch(`${strict.baseUrl('webhook')}/other`, { method: 'POST', headers, body: text })).status).toBe(200);
    } finally {
      await strict.close();
    }
  });

  it('failing endpoints: fail-500, flaky (every 3rd 503), reject-odd (400 with per-row errors), bad JSON, wrong method', async () => {
    fake.resetReceived();
    expect((await post('fail-500', {})).status).toBe(500);
    const flaky: number[] = [];
    for (let k = 0; k < 6; k++) flaky.push((await post('flaky', { k })).status);
    expect(flaky).toEqual([200, 200, 503, 200, 200, 503]);
    const rejected = await post('reject-odd', [{ id: 0 }, { id: 1 }, { id: 2 }, { id: 3 }]);
    expect(rejected).toEqual({ status: 400, body: { errors: [{ index: 1, message: expect.any(String) }, { index: 3, message: expect.any(String) }] } });
    expect((await post('reject-odd', { rows: [{ id: 0 }] })).status).toBe(200);
    expect((await post('x', 'not json')).status).toBe(400);
    expect((await fetch(`${base}/x`)).status).toBe(405);
    expect(fake.deliveries('flaky')).toEqual([{ k: 0 }, { k: 1 }, { k: 3 }, { k: 4 }]);
    expect(fake.deliveries('reject-odd')).toEqual([{ rows: [{ id: 0 }] }]);
    expect(fake.deliveries('fail-500')).toEqual([]);
  });

  it('reject-some refuses about a fifth of the rows once, then accepts them, and tracks accepted rows', async () => {
    const records = Array.from({ length: 100 }, (_, i) => ({ key: String(i), fields: { n: i } }));
    const first = await post('reject-some', { records });
    expect(first.status).toBe(200);
    const refused = (first.body.errors as Array<{ index: number }>).map((e) => e.index);
    expect(refused.length).toBeGreaterThan(8);
    expect(refused.length).toBeLessThan(35);
    expect(fake.acceptedRows('reject-some')).toHaveLength(100 - refused.length);
    const again = await post('reject-some', { records: refused.map((i) => records[i]) });
    expect(again.body.errors).toBeUndefined();
    expect(new Set(fake.acceptedRows('reject-some').map((r) => (r as { key: string }).key)).size).toBe(100);
  });
});
