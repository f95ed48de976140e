import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../core/logger.js';
import { startSandbox, type Sandbox } from '../../../sandbox/start-sandbox.js';
import { createWebhookFake, WEBHOOK_SANDBOX_SECRET, type WebhookFake } from '../../../sandbox/webhook/webhook-fake.js';
import { webhookDestination } from './webhook-destination.js';

let sandbox: Sandbox;
let fake: WebhookFake;
const ctx = { logger: silentLogger, sync: 'accounts_out' };
const records = [0, 1, 2, 3].map((i) => ({ key: `k${i}`, fields: { n: i } }));

beforeAll(async () => {
  sandbox = await startSandbox({ vendors: [(c) => (fake = createWebhookFake(c, { requireSignature: true }))] });
});
afterAll(async () => sandbox.close());

const open = (endpoint: string, secret = WEBHOOK_SANDBOX_SECRET) =>
  webhookDestination.open(webhookDestination.configSchema.parse({ url: `${sandbox.baseUrl('webhook')}/${endpoint}`, secret }), { object: 'account' }, ctx);

describe('webhook destination', () => {
  it('validates config naming the field', () => {
    const r = webhookDestination.configSchema.safeParse({ url: 'not a url' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['url']);
  });

  it('delivers a signed batch exactly, with an idempotency key', async () => {
    const writer = await open('orders');
    expect(await writer.write('upsert', records, {})).toEqual(records.map(() => ({ ok: true })));
    const [req] = fake.received().filter((r) => r.path === '/orders');
    expect(req?.body).toMatchObject({ sync: 'accounts_out', object: 'account', op: 'upsert', records });
    expect(req?.headers['idempotency-key']).toBe((req?.body as { batch_id: string }).batch_id);
  });

  it('maps a 400 { errors } to per-record failures in order with the receiver message', async () => {
    const writer = await open('reject-odd');
    expect(await writer.write('insert', records, {})).toEqual([{ ok: true }, { ok: false, error: 'row 1 rejected (odd index)' }, { ok: true }, { ok: false, error: 'row 3 rejected (odd index)' }]);
  });

  it('fails the batch on a wrong secret without echoing it', async () => {
    const writer = await open('orders', 'wrong-secret-value');
    const err = await writer.write('upsert', records, {}).catch((e: unknown) => e as Error);
    expect(err).toBeInstanceOf(Error);
    expect(String((err as Error).message)).toContain('401');
    expect(String((err as Error).message)).not.toContain('wrong-secret-value');
  });

  it('retries injected 429s (idempotent by batch id) and delivers once', async () => {
    sandbox.faults.set({ webhook: { rateLimit: 0.5, retryAfterSeconds: 0 } });
    try {
      const writer = await open('retried');
      for (let i = 0; i < 4; i++) expect(await writer.write('upsert', records, {})).toHaveLength(4);
      expect(fake.acceptedRows('retried')).toHaveLength(16);
    } finally {
      sandbox.faults.reset();
    }
  });
});
