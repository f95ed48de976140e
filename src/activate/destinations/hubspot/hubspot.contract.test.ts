import { createHubSpotFake, HUBSPOT_SANDBOX_TOKEN } from '../../../sandbox/hubspot/hubspot-fake.js';
import { hubspotCall } from '../../../sandbox/test-support/hubspot-call.js';
import type { DestinationFactory } from '../../destination.js';
import { destinationContract } from '../test-support/destination-contract.js';
import { hubspotDestination } from './hubspot-destination.js';

const config = (baseUrl: string, token = HUBSPOT_SANDBOX_TOKEN) => ({ access_token: token, base_url: baseUrl });
const MODEL_IDS = Array.from({ length: 100 }, (_, i) => `c${String(i).padStart(3, '0')}`);

destinationContract('hubspot companies', {
  factory: hubspotDestination as DestinationFactory,
  // A 1-second window keeps the pause after an injected 429 (which reports the window used up) short.
  vendors: [(c) => createHubSpotFake(c, { rateLimits: { max: 100, intervalMs: 1000 } })],
  faultVendor: 'hubspot',
  config: (s) => config(s.baseUrl('hubspot')),
  wrongSecret: (s) => ({ config: config(s.baseUrl('hubspot'), 'pat-na1-wrong-token-4242'), secret: 'pat-na1-wrong-token-4242' }),
  object: 'companies',
  destinationKey: 'organization_id',
  mapping: [
    { field: 'name', from: { kind: 'column', column: 'name' } },
    { field: 'health_score', from: { kind: 'column', column: 'score', cast: 'integer' } },
  ],
  // The live companies whose organization_id is a model id, read back by that property.
  async readBack(sandbox) {
    const r = await hubspotCall(sandbox.baseUrl('hubspot'), '/crm/v3/objects/companies/batch/read', {
      idProperty: 'organization_id',
      properties: ['organization_id', 'name', 'health_score'],
      inputs: MODEL_IDS.map((id) => ({ id })),
    });
    const results = r.body.results as Array<{ properties: Record<string, string | null> }>;
    return new Map(results.map((x) => [x.properties['organization_id'] ?? '', { name: x.properties['name'] ?? null, score: x.properties['health_score'] ?? null }]));
  },
  expected: (r) => ({ name: r.name, score: String(r.score) }),
});
