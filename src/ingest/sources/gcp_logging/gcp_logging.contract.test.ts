import { generateKeyPairSync } from 'node:crypto';
import { createGoogleOAuthFake } from '../../../sandbox/google/google-oauth-fake.js';
import { sandboxServiceAccountKey } from '../../../sandbox/google/sandbox-service-account.js';
import { createLoggingFake } from '../../../sandbox/logging/logging-fake.js';
import { describeConnectorContract } from '../test-support/connector-contract.js';
import { createGcpLoggingSource } from './gcp-logging-source.js';

const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const key = { client_email: 'a@b.iam.gserviceaccount.com', private_key: 'k', project_id: 'p' };

describeConnectorContract({
  name: 'gcp_logging',
  factory: createGcpLoggingSource({ retry: { baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 20 } }),
  vendors: [(c) => createGoogleOAuthFake(c), (c) => createLoggingFake(c, { quota: { requests: 1_000_000 } })],
  vendor: 'logging',
  scale: 0.3,
  config: (sandbox) => ({
    credentials: JSON.stringify(sandboxServiceAccountKey(sandbox.baseUrl('google-oauth'))),
    base_url: sandbox.baseUrl('logging'),
    // Fixed (the suite re-reads the config after advancing the clock): three hours before the sandbox's start.
    start_date: '2024-12-31T21:00:00Z',
    page_size: 20,
    rate_limit: { requests: 10_000, interval_seconds: 1 },
  }),
  badCredentials: (sandbox) => ({
    credentials: JSON.stringify({ ...sandboxServiceAccountKey(sandbox.baseUrl('google-oauth')), private_key: otherKey }),
    base_url: sandbox.baseUrl('logging'),
  }),
  invalidConfig: [
    { config: { project_id: 'p' }, path: 'credentials' },
    { config: { credentials: 'not json' }, path: 'credentials' },
    { config: { credentials: { ...key, project_id: undefined } }, path: 'project_id' },
    { config: { credentials: key, resource_names: ['my-project'] }, path: 'resource_names.0' },
    { config: { credentials: key, page_size: 5000 }, path: 'page_size' },
    { config: { credentials: key, lookback_minutes: -1 }, path: 'lookback_minutes' },
  ],
  advance: { hours: 2 },
});
