/** The official customerio-node client, unchanged, against the fake (it has no v2 batch call; see customerio-fake.test.ts). */
import { Agent } from 'node:http';
import { TrackClient } from 'customerio-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../start-sandbox.js';
import { CUSTOMERIO_SANDBOX_API_KEY, CUSTOMERIO_SANDBOX_SITE_ID, createCustomerIoFake, type CustomerIoFake } from './customerio-fake.js';

let sandbox: Sandbox;
let fake: CustomerIoFake;
const agent = new Agent();

/** A TrackClient on the sandbox: customerio-node calls `https.request`, so the options name the port, plain HTTP and an HTTP agent. */
function trackClient(siteId = CUSTOMERIO_SANDBOX_SITE_ID, apiKey = CUSTOMERIO_SANDBOX_API_KEY): TrackClient {
  const base = new URL(sandbox.baseUrl('customerio'));
  return new TrackClient(siteId, apiKey, { url: `${base.href}/api/v1`, port: Number(base.port), protocol: 'http:', agent });
}

beforeAll(async () => {
  sandbox = await startSandbox({
    vendors: [
      (c) => {
        fake = createCustomerIoFake(c);
        return fake;
      },
    ],
  });
});
afterAll(async () => {
  agent.destroy();
  await sandbox.close();
});

describe('official customerio-node TrackClient', () => {
  it('identify, track, trackAnonymous, destroy reach the workspace; errors surface as CustomerIORequestError', async () => {
    const client = trackClient();
    await client.identify('cust-1', { email: 'ada@example.com', created_at: 1_735_689_600, plan: 'pro' });
    await client.identify('cust-1', { seats: 12 });
    expect(fake.person('cust-1')).toMatchObject({ email: 'ada@example.com', attributes: { plan: 'pro', seats: 12, created_at: 1_735_689_600 } });
    await client.track('cust-1', { name: 'upgraded', data: { plan: 'team' } });
    await client.trackAnonymous('anon-7', { name: 'pricing_viewed', data: { source: 'ad' } });
    expect(fake.events().map((e) => [e.name, e.cio_id ?? e.anonymous_id])).toEqual([
      ['upgraded', fake.person('cust-1')?.cio_id],
      ['pricing_viewed', 'anon-7'],
    ]);
    await client.destroy('cust-1');
    expect(fake.person('cust-1')).toBeUndefined();
    expect(fake.received().map((r) => `${r.method} ${r.path}`)).toEqual([
      'PUT /api/v1/customers/cust-1',
      'PUT /api/v1/customers/cust-1',
      'POST /api/v1/customers/cust-1/events',
      'POST /api/v1/events',
      'DELETE /api/v1/customers/cust-1',
    ]);
    expect(fake.received()[0]?.headers['user-agent']).toMatch(/^Customer\.io Node Client\//);
    await expect(client.identify('cust-2', { ['a'.repeat(151)]: 1 })).rejects.toMatchObject({
      statusCode: 400,
      message: 'attribute name cannot be longer than 150 bytes',
    });
    await expect(trackClient(CUSTOMERIO_SANDBOX_SITE_ID, 'wrong').identify('cust-3', {})).rejects.toMatchObject({ statusCode: 401 });
  });
});
