import { generateKeyPairSync } from 'node:crypto';
import { createFirestoreFake } from '../../../sandbox/firestore/firestore-fake.js';
import { createGoogleOAuthFake } from '../../../sandbox/google/google-oauth-fake.js';
import { sandboxServiceAccountKey } from '../../../sandbox/google/sandbox-service-account.js';
import { describeConnectorContract } from '../test-support/connector-contract.js';
import { createFirestoreSource } from './firestore-source.js';

const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

describeConnectorContract({
  name: 'firestore',
  factory: createFirestoreSource({ retry: { baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 20 } }),
  vendors: [(c) => createGoogleOAuthFake(c), (c) => createFirestoreFake(c)],
  vendor: 'firestore',
  // Seed 13: an organization is deleted within the 30-day advance, so the replaced streams must drop its spaces.
  seed: 13,
  scale: 0.1,
  config: (sandbox) => ({
    project_id: 'basin-sandbox',
    credentials: JSON.stringify(sandboxServiceAccountKey(sandbox.baseUrl('google-oauth'))),
    base_url: sandbox.baseUrl('firestore'),
    collections: [
      { name: 'users', updated_at_field: 'updatedAt' },
      { name: 'organizations', updated_at_field: 'updatedAt' },
      { name: 'spaces' },
      { name: 'collections', collection_group: true },
    ],
    page_size: 300,
    rate_limit: { requests: 10_000 },
  }),
  badCredentials: (sandbox) => ({
    project_id: 'basin-sandbox',
    credentials: JSON.stringify({ ...sandboxServiceAccountKey(sandbox.baseUrl('google-oauth')), private_key: otherKey }),
    base_url: sandbox.baseUrl('firestore'),
    collections: [{ name: 'users' }],
  }),
  invalidConfig: [
    { config: { project_id: 'basin-sandbox', collections: [{ name: 'users' }] }, path: 'credentials' },
    { config: { project_id: 'basin-sandbox', credentials: { client_email: 'a@b', private_key: 'k' }, collections: [] }, path: 'collections' },
    { config: { project_id: 'basin-sandbox', credentials: { client_email: 'a@b', private_key: 'k' }, collections: [{ name: 'a/b' }] }, path: 'collections.0.name' },
    { config: { project_id: 'basin-sandbox', credentials: { client_email: 'a@b', private_key: 'k' }, collections: [{ name: 'a' }], page_size: 0 }, path: 'page_size' },
  ],
  advance: { days: 30 },
});
