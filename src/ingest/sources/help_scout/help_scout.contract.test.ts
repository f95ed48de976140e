import { createHelpScoutFake, HELPSCOUT_SANDBOX_CLIENT_ID, HELPSCOUT_SANDBOX_CLIENT_SECRET } from '../../../sandbox/helpscout/helpscout-fake.js';
import { describeConnectorContract } from '../test-support/connector-contract.js';
import { createHelpScoutSource } from './help-scout-source.js';

describeConnectorContract({
  name: 'help_scout',
  // Small batches so the resume test aborts inside customers (mailboxes and users are one checkpoint each).
  factory: createHelpScoutSource({ retry: { baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 20, maxRetryAfterMs: 20 }, batchRecords: 60 }),
  abortAfterCheckpoints: 3,
  vendors: [(c) => createHelpScoutFake(c, { rateLimitPerMinute: 1_000_000 })],
  vendor: 'helpscout',
  scale: 0.2,
  config: (sandbox) => ({
    client_id: HELPSCOUT_SANDBOX_CLIENT_ID,
    client_secret: HELPSCOUT_SANDBOX_CLIENT_SECRET,
    base_url: sandbox.baseUrl('helpscout'),
    rate_limit: { requests_per_minute: 1_000_000 },
  }),
  badCredentials: (sandbox) => ({ client_id: HELPSCOUT_SANDBOX_CLIENT_ID, client_secret: 'not-the-sandbox-secret', base_url: sandbox.baseUrl('helpscout') }),
  invalidConfig: [
    { config: { client_secret: 'x' }, path: 'client_id' },
    { config: { client_id: 'x' }, path: 'client_secret' },
    { config: { client_id: 'x', client_secret: 'y', base_url: 'not a url' }, path: 'base_url' },
    { config: { client_id: 'x', client_secret: 'y', rate_limit: { requests_per_minute: 0 } }, path: 'rate_limit.requests_per_minute' },
    { config: { client_id: 'x', client_secret: 'y', start_date: 'someday' }, path: 'start_date' },
  ],
  advance: { days: 10 },
});
