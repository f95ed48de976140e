import { AMPLITUDE_SANDBOX_API_KEY, AMPLITUDE_SANDBOX_SECRET_KEY, createAmplitudeFake } from '../../../sandbox/amplitude/amplitude-fake.js';
import { describeConnectorContract } from '../test-support/connector-contract.js';
import { createAmplitudeSource } from './amplitude-source.js';

describeConnectorContract({
  name: 'amplitude',
  factory: createAmplitudeSource({ retry: { baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 20 } }),
  vendors: [(c) => createAmplitudeFake(c)],
  vendor: 'amplitude',
  scale: 0.25,
  config: (sandbox) => ({
    api_key: AMPLITUDE_SANDBOX_API_KEY,
    secret_key: AMPLITUDE_SANDBOX_SECRET_KEY,
    base_url: sandbox.baseUrl('amplitude'),
    start_date: '2024-12-10',
    window_hours: 24 * 5,
    rate_limit: { requests: 100_000, interval_seconds: 1 },
  }),
  badCredentials: (sandbox) => ({
    api_key: AMPLITUDE_SANDBOX_API_KEY,
    secret_key: '00000000000000000000000000000bad',
    base_url: sandbox.baseUrl('amplitude'),
    start_date: '2024-12-10',
  }),
  invalidConfig: [
    { config: { api_key: 'k', start_date: '2024-01-01' }, path: 'secret_key' },
    { config: { api_key: 'k', secret_key: 's', start_date: '2024-01-01', region: 'asia' }, path: 'region' },
    { config: { api_key: 'k', secret_key: 's', start_date: '2024-01-01', window_hours: 0 }, path: 'window_hours' },
    { config: { api_key: 'k', secret_key: 's' }, path: 'start_date' },
  ],
  advance: { days: 2, hours: 5 },
});
