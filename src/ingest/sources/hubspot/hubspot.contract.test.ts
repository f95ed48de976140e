import { createHubSpotFake, HUBSPOT_SANDBOX_TOKEN } from '../../../sandbox/index.js';
import { describeConnectorContract } from '../test-support/connector-contract.js';
import { createHubSpotSource } from './hubspot-source.js';

describeConnectorContract({
  name: 'hubspot',
  // Injected 429s say the 10-second window is used up; cap the pause so the fault run stays short.
  factory: createHubSpotSource({ retry: { baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 20, maxRetryAfterMs: 20 } }),
  vendors: [(c) => createHubSpotFake(c, { rateLimits: { max: 1_000_000, searchPerSecond: 1_000_000 } })],
  vendor: 'hubspot',
  // Scale 0.2 (100 organizations): small and quick, and one organization is deleted (all its records archived) within the 10 days.
  scale: 0.2,
  config: (sandbox) => ({
    access_token: HUBSPOT_SANDBOX_TOKEN,
    base_url: sandbox.baseUrl('hubspot'),
    rate_limit: { requests: 100_000, search_per_second: 10_000 },
    custom_objects: ['product_org'],
  }),
  badCredentials: (sandbox) => ({ access_token: 'pat-na1-00000000-0000-0000-0000-000000000000', base_url: sandbox.baseUrl('hubspot') }),
  invalidConfig: [
    { config: { base_url: 'http://127.0.0.1:1' }, path: 'access_token' },
    { config: { access_token: 'pat-x', base_url: 'not a url' }, path: 'base_url' },
    { config: { access_token: 'pat-x', custom_objects: [''] }, path: 'custom_objects.0' },
  ],
  advance: { days: 10 },
});
