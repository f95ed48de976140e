import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../core/logger.js';
import { CUSTOMERIO_SANDBOX_API_KEY, CUSTOMERIO_SANDBOX_SITE_ID, createCustomerIoFake, type CustomerIoFake } from '../../../sandbox/customerio/customerio-fake.js';
import { startSandbox, type Sandbox } from '../../../sandbox/start-sandbox.js';
import type { DestinationRecord } from '../../destination.js';
import { customerIoDestination } from './customerio-destination.js';

let sandbox: Sandbox;
let fake: CustomerIoFake;
const ctx = { logger: silentLogger, sync: 'pqa_users' };

beforeAll(async () => {
  sandbox = await startSandbox({ vendors: [(c) => (fake = createCustomerIoFake(c, { requestsPerSecond: 1_000_000 }))] });
});
afterAll(async () => sandbox.close());

const config = (overrides: Record<string, unknown> = {}) =>
  customerIoDestination.configSchema.parse({ site_id: CUSTOMERIO_SANDBOX_SITE_ID, api_key: CUSTOMERIO_SANDBOX_API_KEY, base_url: sandbox.baseUrl('customerio'), ...overrides });
const open = (object = 'person', keyField?: string, overrides: Record<string, unknown> = {}) => customerIoDestination.open(config(overrides), { object, keyField }, ctx);

describe('customerio destination: config and objects', () => {
  it('names the missing field and refuses unknown objects or identifiers', async () => {
    const r = customerIoDestination.configSchema.safeParse({ site_id: 'x' });
    expect(r.error?.issues[0]?.path).toEqual(['api_key']);
    await expect(async () => open('company')).rejects.toThrow(/no object "company" \(it has person, event, object:<object_type_id>\)/);
    await expect(async () => open('person', 'phone')).rejects.toThrow(/destination_key "phone" is not an identifier/);
    await expect(async () => open('event', 'cio_id')).rejects.toThrow(/use id, email/);
  });

  it('checks the credentials with the account region call, without echoing the key', async () => {
    await expect(customerIoDestination.check!(config(), ctx)).resolves.toBeUndefined();
    const err = await customerIoDestination.check!(config({ api_key: 'wrong-key-secret-123' }), ctx).catch((e: unknown) => e as Error);
    expect(String(err)).toContain('401');
    expect(String(err)).not.toContain('wrong-key-secret-123');
  });
});

describe('customerio destination: people', () => {
  it('upserts people with their attributes (timestamps as unix seconds) and reports refused ones with the API message', async () => {
    const writer = await open();
    const records: DestinationRecord[] = [
      { key: 'u1', fields: { email: 'u1@example.com', created_at: new Date('2026-01-02T00:00:00Z'), plan: 'team', pqa: true } },
      { key: 'u2', fields: { email: 'u2@example.com', ['x'.repeat(151)]: 1 } },
      { key: 'u3', fields: { email: 'u3@example.com', organization_users: 4 } },
    ];
    const results = await writer.write('upsert', records, {});
    expect(results[0]).toEqual({ ok: true });
    expect(results[1]).toEqual({ ok: false, error: expect.stringMatching(/attribute name cannot be longer than 150 bytes/) });
    expect(results[2]).toEqual({ ok: true });
    expect(fake.person('u1')?.attributes).toEqual({ email: 'u1@example.com', created_at: 1767312000, plan: 'team', pqa: true });
    expect(fake.person('u2')).toBeUndefined();
    // A NULL in the model removes the attribute.
    expect(await writer.write('upsert', [{ key: 'u3', fields: { email: 'u3@example.com', organization_users: null } }], {})).toEqual([{ ok: true }]);
    expect(fake.person('u3')?.attributes).toEqual({ email: 'u3@example.com' });
  });

  it('splits a large write into batch requests of at most 500 KB and fails a record over 32 KB without sending it', async () => {
    fake.resetReceived();
    const writer = await open();
    const records = Array.from({ length: 60 }, (_, i) => ({ key: `big${i}`, fields: { note: 'n'.repeat(i === 7 ? 40_000 : 1000), a: 'a'.repeat(1000), b: 'b'.repeat(1000), c: 'c'.repeat(1000), d: 'd'.repeat(1000), e: 'e'.repeat(1000), f: 'f'.repeat(1000), g: 'g'.repeat(1000), h: 'h'.repeat(1000) } }));
    const results = await writer.write('upsert', records, {});
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, error: expect.stringMatching(/at most 32768 bytes per operation/) }]);
    expect(results[7]?.ok).toBe(false);
    const batches = fake.received().filter((r) => r.path === '/api/v2/batch');
    expect(batches.length).toBeGreaterThan(1);
    expect(fake.people().filter((p) => p.id?.startsWith('big'))).toHaveLength(59);
  });

  it('update mode changes existing people only; delete removes them; email as the identifier', async () => {
    const writer = await open();
    await writer.write('upsert', [{ key: 'upd1', fields: { plan: 'free' } }], {});
    expect(await writer.write('update', [{ key: 'upd1', fields: { plan: 'pro' } }, { key: 'ghost', fields: { plan: 'pro' } }], {})).toEqual([{ ok: true }, { ok: true }]);
    expect(fake.person('upd1')?.attributes).toEqual({ plan: 'pro' });
    expect(fake.person('ghost')).toBeUndefined();
    expect(await writer.write('delete', [{ key: 'upd1', fields: {} }], {})).toEqual([{ ok: true }]);
    expect(fake.person('upd1')).toBeUndefined();
    const byEmail = await open('person', 'email');
    expect(await byEmail.write('upsert', [{ key: 'mail@example.com', fields: { email: 'mail@example.com', plan: 'team' } }], {})).toEqual([{ ok: true }]);
    expect(fake.person('mail@example.com')?.attributes).toEqual({ plan: 'team' });
  });

  it('retries 429s and 503s and delivers each person once; a wrong key fails the batch without the key in the message', async () => {
    sandbox.faults.set({ customerio: { rateLimit: 0.4, serverError: 0.2, retryAfterSeconds: 0 } });
    try {
      const writer = await open();
      const records = Array.from({ length: 30 }, (_, i) => ({ key: `r${i}`, fields: { n: i } }));
      for (let i = 0; i < 30; i += 5) expect(await writer.write('upsert', records.slice(i, i + 5), {})).toEqual(Array(5).fill({ ok: true }));
      expect(fake.people().filter((p) => /^r\d+$/.test(p.id ?? ''))).toHaveLength(30);
    } finally {
      sandbox.faults.reset();
    }
    const bad = await open('person', undefined, { api_key: 'wrong-key-secret-123' });
    const err = await bad.write('upsert', [{ key: 'x', fields: {} }], {}).catch((e: unknown) => e as Error);
    expect(String(err)).toContain('401');
    expect(String(err)).not.toContain('wrong-key-secret-123');
  });
});

describe('customerio destination: events', () => {
  it('sends events of people with a deterministic id, so a resend is not recorded twice; insert only', async () => {
    const writer = await open('event');
    expect(writer.capabilities.ops).toEqual(['insert']);
    const records: DestinationRecord[] = [
      { key: 'evt-1', fields: { id: 'ev-user', name: 'became_pqa', timestamp: new Date('2026-02-01T10:00:00Z'), score: 0.8 } },
      { key: 'evt-2', fields: { id: '', name: 'became_pqa' } },
    ];
    expect(await writer.write('insert', records, {})).toEqual([{ ok: true }, { ok: false, error: expect.stringMatching(/field id is empty/) }]);
    expect(await writer.write('insert', records.slice(0, 1), {})).toEqual([{ ok: true }]);
    const sent = fake.events().filter((e) => e.name === 'became_pqa');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ timestamp: 1769940000, data: { score: 0.8 }, cio_id: fake.person('ev-user')?.cio_id });
  });
});
