import { createStripeFake, STRIPE_SANDBOX_KEY } from '../../../sandbox/index.js';
import { describeConnectorContract } from '../test-support/connector-contract.js';
import { createStripeSource } from './stripe-source.js';

describeConnectorContract({
  name: 'stripe',
  factory: createStripeSource({ retry: { baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 20 } }),
  vendors: [(c) => createStripeFake(c)],
  vendor: 'stripe',
  scale: 0.3,
  config: (sandbox) => ({ api_key: STRIPE_SANDBOX_KEY, base_url: sandbox.baseUrl('stripe'), start_date: '2023-01-01', rate_limit: 5000 }),
  badCredentials: (sandbox) => ({ api_key: 'sk_test_not_a_real_key_000000', base_url: sandbox.baseUrl('stripe') }),
  invalidConfig: [
    { config: { base_url: 'http://127.0.0.1:1' }, path: 'api_key' },
    { config: { api_key: 'sk_test_x', account: 'nope' }, path: 'account' },
    { config: { api_key: 'sk_test_x', page_size: 500 }, path: 'page_size' },
  ],
  advance: { days: 20 },
});
