import { createWebhookFake, WEBHOOK_SANDBOX_SECRET, type WebhookFake } from '../../../sandbox/webhook/webhook-fake.js';
import type { DestinationFactory } from '../../destination.js';
import { destinationContract } from '../test-support/destination-contract.js';
import { webhookDestination } from './webhook-destination.js';

let fake: WebhookFake;
const config = (baseUrl: string, secret = WEBHOOK_SANDBOX_SECRET) => ({ url: `${baseUrl}/people`, secret });

interface Delivery {
  op: string;
  records: Array<{ key: string; fields: Record<string, unknown> }>;
}

destinationContract('webhook', {
  factory: webhookDestination as DestinationFactory,
  vendors: [(c) => (fake = createWebhookFake(c, { requireSignature: true }))],
  faultVendor: 'webhook',
  config: (s) => config(s.baseUrl('webhook')),
  wrongSecret: (s) => ({ config: config(s.baseUrl('webhook'), 'wrong-webhook-secret-77'), secret: 'wrong-webhook-secret-77' }),
  object: 'person',
  mapping: [
    { field: 'name', from: { kind: 'column', column: 'name' } },
    { field: 'score', from: { kind: 'column', column: 'score', cast: 'integer' } },
  ],
  // The receiver's view: every accepted delivery applied in order.
  async readBack() {
    const held = new Map<string, Record<string, string | null>>();
    for (const body of fake.deliveries('people') as Delivery[]) {
      for (const r of body.records) {
        if (body.op === 'delete') held.delete(r.key);
        else held.set(r.key, { name: String(r.fields['name']), score: String(r.fields['score']) });
      }
    }
    return held;
  },
  expected: (r) => ({ name: r.name, score: String(r.score) }),
});
