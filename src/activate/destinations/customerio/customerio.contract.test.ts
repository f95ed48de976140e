import { CUSTOMERIO_SANDBOX_API_KEY, CUSTOMERIO_SANDBOX_SITE_ID, createCustomerIoFake, type CustomerIoFake } from '../../../sandbox/customerio/customerio-fake.js';
import type { DestinationFactory } from '../../destination.js';
import { destinationContract } from '../test-support/destination-contract.js';
import { customerIoDestination } from './customerio-destination.js';

let fake: CustomerIoFake;
const config = (baseUrl: string, apiKey = CUSTOMERIO_SANDBOX_API_KEY) => ({ site_id: CUSTOMERIO_SANDBOX_SITE_ID, api_key: apiKey, base_url: baseUrl });
const text = (v: unknown): string | null => (v === undefined || v === null ? null : String(v));

destinationContract('customerio person', {
  factory: customerIoDestination as DestinationFactory,
  vendors: [(c) => (fake = createCustomerIoFake(c))],
  faultVendor: 'customerio',
  config: (s) => config(s.baseUrl('customerio')),
  wrongSecret: (s) => ({ config: config(s.baseUrl('customerio'), 'wrong-cio-key-0042'), secret: 'wrong-cio-key-0042' }),
  object: 'person',
  destinationKey: 'id',
  mapping: [
    { field: 'name', from: { kind: 'column', column: 'name' } },
    { field: 'score', from: { kind: 'column', column: 'score', cast: 'integer' } },
  ],
  async readBack() {
    return new Map(fake.people().map((p) => [p.id ?? '', { name: text(p.attributes['name']), score: text(p.attributes['score']) }]));
  },
  expected: (r) => ({ name: r.name, score: String(r.score) }),
});
