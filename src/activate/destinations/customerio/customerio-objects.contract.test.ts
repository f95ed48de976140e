import { CUSTOMERIO_SANDBOX_API_KEY, CUSTOMERIO_SANDBOX_SITE_ID, createCustomerIoFake, type CustomerIoFake } from '../../../sandbox/customerio/customerio-fake.js';
import type { DestinationFactory } from '../../destination.js';
import { destinationContract } from '../test-support/destination-contract.js';
import { customerIoDestination } from './customerio-destination.js';

let fake: CustomerIoFake;
const config = (baseUrl: string, apiKey = CUSTOMERIO_SANDBOX_API_KEY) => ({ site_id: CUSTOMERIO_SANDBOX_SITE_ID, api_key: apiKey, base_url: baseUrl });
const text = (v: unknown): string | null => (v === undefined || v === null ? null : String(v));

// Objects of type 1, each related to the person whose id is the row's id: the fake's relationships are read back too.
destinationContract('customerio object:1', {
  factory: customerIoDestination as DestinationFactory,
  vendors: [(c) => (fake = createCustomerIoFake(c))],
  faultVendor: 'customerio',
  config: (s) => config(s.baseUrl('customerio')),
  wrongSecret: (s) => ({ config: config(s.baseUrl('customerio'), 'wrong-cio-key-0042'), secret: 'wrong-cio-key-0042' }),
  object: 'object:1',
  destinationKey: 'object_id',
  mapping: [
    { field: 'name', from: { kind: 'column', column: 'name' } },
    { field: 'score', from: { kind: 'column', column: 'score', cast: 'integer' } },
    { field: 'cio_relationship_id', from: { kind: 'column', column: 'id' } },
  ],
  async readBack() {
    const personIdOf = new Map(fake.people().map((p) => [p.cio_id, p.id ?? null]));
    return new Map(
      fake
        .objects()
        .filter((o) => o.object_type_id === '1')
        .map((o) => {
          const related = fake.relationships().filter((r) => r.object_type_id === '1' && r.object_id === o.object_id);
          const people = related.map((r) => personIdOf.get(r.cio_id) ?? '?').join(',');
          return [o.object_id, { name: text(o.attributes['name']), score: text(o.attributes['score']), related: people === '' ? null : people }];
        }),
    );
  },
  expected: (r) => ({ name: r.name, score: String(r.score), related: r.id }),
});
