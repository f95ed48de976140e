import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../start-sandbox.js';
import { helpScoutGet, helpScoutListAll, helpScoutToken } from '../test-support/helpscout-call.js';
import { HELPSCOUT_SANDBOX_CLIENT_ID, HELPSCOUT_SANDBOX_CLIENT_SECRET, createHelpScoutFake } from './helpscout-fake.js';
import { conversationModifiedAt, conversationVisible, conversationsOf, customerVisible, customersOf } from './helpscout-support.js';
import { hsTime } from './helpscout-team.js';

type Obj = Record<string, any>;
let sandbox: Sandbox;
let base: string;
let token: string;
const get = (path: string) => helpScoutGet(base, path, token);
const all = (path: string, name: string) => helpScoutListAll(base, path, token, name);

/** What the synthetic company implies at the sandbox's current time. */
function expected() {
  const now = sandbox.clock.now();
  const company = sandbox.company;
  const conversations = [];
  const customers = [];
  for (let i = 0; i < company.countAt(now); i++) {
    conversations.push(...conversationsOf(company, i).filter((f) => conversationVisible(f, now)));
    customers.push(...customersOf(company, i).filter((c) => customerVisible(c, now)));
  }
  return { now, conversations, customers };
}

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 7, vendors: [(c) => createHelpScoutFake(c, { rateLimitPerMinute: 1_000_000 })] });
  base = sandbox.baseUrl('helpscout');
  token = await helpScoutToken(base);
});
afterAll(async () => {
  await sandbox.close();
});

describe('Help Scout fake: OAuth2 and errors', () => {
  it('issues bearer tokens for the app (form or JSON), 401 for a wrong client, 400 for other grants', async () => {
    const form = await fetch(`${base}/v2/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `grant_type=client_credentials&client_id=${HELPSCOUT_SANDBOX_CLIENT_ID}&client_secret=${HELPSCOUT_SANDBOX_CLIENT_SECRET}`,
    });
    expect(form.status).toBe(200);
    const body = (await form.json()) as Obj;
    expect(body).toEqual({ token_type: 'bearer', access_token: expect.stringMatching(/^[0-9a-f]{32}$/), expires_in: 172800 });
    const json = await fetch(`${base}/v2/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials', client_id: HELPSCOUT_SANDBOX_CLIENT_ID, client_secret: HELPSCOUT_SANDBOX_CLIENT_SECRET }),
    });
    expect(json.status).toBe(200);
    const wrong = await fetch(`${base}/v2/oauth2/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', client_id: HELPSCOUT_SANDBOX_CLIENT_ID, client_secret: 'nope' }) });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_client' });
    const code = await fetch(`${base}/v2/oauth2/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code: 'x' }) });
    expect(code.status).toBe(400);
  });

  it('401 in vnd.error without a token or with a bad one; 400 and 404 bodies', async () => {
    const none = await fetch(`${base}/v2/mailboxes`);
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toContain('application/vnd.error+json');
    expect(await none.json()).toMatchObject({ logRef: expect.any(String), message: expect.any(String), _links: { about: { href: expect.stringContaining('errors') } } });
    expect((await helpScoutGet(base, '/v2/mailboxes', 'f00')).status).toBe(401);
    const bad = await get('/v2/conversations?status=bogus');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ message: 'Bad request', _embedded: { errors: [{ path: 'status', rejectedValue: 'bogus', source: 'query' }] } });
    expect((await get('/v2/conversations?page=0')).status).toBe(400);
    expect((await get('/v2/customers?modifiedSince=yesterday')).body._embedded.errors[0].path).toBe('modifiedSince');
    const missing = await get('/v2/conversations/2000000007');
    expect(missing.status).toBe(404);
    expect(missing.body.logRef).toEqual(expect.any(String));
    expect((await get('/v2/customers/42')).status).toBe(404);
    expect((await get('/v2/widgets')).status).toBe(404);
  });
});

describe('Help Scout fake: lists', () => {
  it('mailboxes and users: fixed, HAL pages, users/me', async () => {
    const m = await get('/v2/mailboxes');
    expect(m.status).toBe(200);
    expect(m.headers.get('content-type')).toContain('application/hal+json');
    expect(m.body._embedded.mailboxes.map((x: Obj) => x.name)).toEqual(['Support', 'Billing', 'Feedback']);
    expect(m.body.page).toEqual({ size: 50, totalElements: 3, totalPages: 1, number: 1 });
    expect(m.body._links.next).toBeUndefined();
    const u = await get('/v2/users');
    expect(u.body._embedded.users).toHaveLength(5);
    expect((await get('/v2/users/me')).body).toMatchObject({ role: 'owner', email: 'casey.lindqvist@basin-sandbox.example' });
  });

  it('conversations?status=all pages through exactly the company support requests; default lists only active ones', async () => {
    const { conversations, now } = expected();
    const first = await get('/v2/conversations?status=all');
    expect(first.body.page).toEqual({ size: 25, totalElements: conversations.length, totalPages: Math.ceil(conversations.length / 25), number: 1 });
    expect(first.body._links.next.href).toContain('status=all&page=2');
    expect(first.body._links.last.href).toContain(`page=${Math.ceil(conversations.length / 25)}`);
    expect(first.body._links.page).toEqual({ href: `${base}/v2/conversations?status=all{&page}`, templated: true });
    expect((await get('/v2/conversations?status=all&page=2')).body._links.previous.href).toContain('page=1');
    const listed = await all('/v2/conversations?status=all', 'conversations');
    expect(listed.map((c) => c.id).sort()).toEqual(conversations.map((f) => f.id).sort());
    const created = listed.map((c) => Date.parse(c.createdAt));
    expect(created).toEqual([...created].sort((a, b) => b - a));
    const active = await all('/v2/conversations', 'conversations');
    expect(active.length).toBe(conversations.filter((f) => now < f.closedAt).length);
    expect(active.every((c) => c.status === 'active' && c.closedAt === null)).toBe(true);
    const closed = await get('/v2/conversations?status=closed');
    expect(closed.body.page.totalElements + active.length).toBe(conversations.length);
    const past = await get(`/v2/conversations?status=all&page=${first.body.page.totalPages + 1}`);
    expect(past.body._embedded.conversations).toEqual([]);
    const c = listed.find((x) => x.status === 'closed') as Obj;
    expect(c).toMatchObject({ type: 'email', state: 'published', threads: 3, closedBy: c.assignee.id, userUpdatedAt: c.closedAt });
  });

  it('filters: mailbox, modifiedSince sorted by modifiedAt, query by email, tag', async () => {
    const { conversations, now } = expected();
    const billing = await all('/v2/conversations?status=all&mailbox=310002', 'conversations');
    expect(billing.length).toBe(conversations.filter((f) => f.mailbox === 1).length);
    expect(billing.every((c) => c.mailboxId === 310002 && c.tags[0].tag === 'billing')).toBe(true);
    const since = now - 20 * 86_400_000;
    const recent = await all(`/v2/conversations?status=all&modifiedSince=${hsTime(since)}&sortField=modifiedAt&sortOrder=asc`, 'conversations');
    expect(recent.length).toBe(conversations.filter((f) => conversationModifiedAt(f, now) >= since).length);
    const times = recent.map((c) => Date.parse(c.userUpdatedAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[0]).toBeGreaterThanOrEqual(since - 1000);
    const one = recent[0] as Obj;
    const mine = await all(`/v2/conversations?status=all&query=(email:"${one.primaryCustomer.email}")`, 'conversations');
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((c) => c.primaryCustomer.id === one.primaryCustomer.id)).toBe(true);
    expect(mine.map((c) => c.id)).toContain(one.id);
    const customer = await get(`/v2/customers?query=(email:"${one.primaryCustomer.email}")`);
    expect(customer.body._embedded.customers.map((c: Obj) => c.id)).toEqual([one.primaryCustomer.id]);
  });

  it('customers: the users who wrote in, with their emails at the organization domain', async () => {
    const { customers, now } = expected();
    const listed = await all('/v2/customers', 'customers');
    expect(listed.map((c) => c.id).sort()).toEqual(customers.map((c) => c.id).sort());
    const first = listed[0] as Obj;
    const fact = customers.find((c) => c.id === first.id)!;
    const user = sandbox.company.user(fact.ref.org, fact.ref.slot);
    expect(first._embedded.emails[0].value).toBe(user.email);
    expect(first.organization).toBe(sandbox.company.organization(fact.ref.org).name);
    const byId = await get(`/v2/customers/${first.id}`);
    expect(byId.body).toEqual(first);
    const named = await all(`/v2/customers?firstName=${user.firstName}&lastName=${user.lastName}`, 'customers');
    expect(named.map((c) => c.id)).toContain(first.id);
    expect(named.every((c) => c.firstName === user.firstName && c.lastName === user.lastName)).toBe(true);
    const feedback = await all('/v2/customers?mailbox=310003', 'customers');
    const feedbackConversations = await all('/v2/conversations?status=all&mailbox=310003', 'conversations');
    expect(new Set(feedback.map((c) => c.id))).toEqual(new Set(feedbackConversations.map((c) => c.primaryCustomer.id)));
    const byName = await all('/v2/customers?sortField=lastName&sortOrder=asc', 'customers');
    const names = byName.map((c) => c.lastName);
    expect(names).toEqual([...names].sort());
    const since = now - 30 * 86_400_000;
    const modified = await all(`/v2/customers?modifiedSince=${hsTime(since)}&sortField=modifiedAt&sortOrder=asc`, 'customers');
    expect(modified.length).toBeGreaterThan(0);
    expect(modified.every((c) => Date.parse(c.updatedAt) >= since - 1000)).toBe(true);
  });

  it('a conversation by id, with embed=threads, equals its threads listing', async () => {
    const listed = await get('/v2/conversations?status=closed');
    const c = listed.body._embedded.conversations[0] as Obj;
    const one = await get(`/v2/conversations/${c.id}?embed=threads`);
    expect(one.body.id).toBe(c.id);
    const threads = await get(`/v2/conversations/${c.id}/threads`);
    expect(threads.body._embedded.threads).toEqual(one.body._embedded.threads);
    expect(threads.body._embedded.threads.map((t: Obj) => t.type)).toEqual(['reply', 'note', 'customer']);
    expect(threads.body._embedded.threads[2].createdAt).toBe(c.createdAt);
  });
});

describe('Help Scout fake: time, rate limits, faults', () => {
  it('advancing the clock closes conversations and adds new ones, seen through modifiedSince', async () => {
    const before = expected();
    const open = await all('/v2/conversations', 'conversations');
    const settled = (await get('/v2/conversations?status=closed&sortField=createdAt&sortOrder=asc')).body._embedded.conversations[0];
    expect(open.length).toBeGreaterThan(0);
    sandbox.advance({ days: 5 });
    const after = expected();
    const since = hsTime(before.now);
    const changed = await all(`/v2/conversations?status=all&modifiedSince=${since}&sortField=modifiedAt&sortOrder=asc`, 'conversations');
    const ids = new Set(changed.map((c) => c.id));
    for (const c of open) expect(ids.has(c.id)).toBe(true);
    const closedNow = changed.filter((c) => open.some((o) => o.id === c.id));
    expect(closedNow.every((c) => c.status === 'closed')).toBe(true);
    expect(changed.length).toBe(after.conversations.filter((f) => conversationModifiedAt(f, after.now) >= before.now).length);
    expect(after.conversations.length).toBeGreaterThan(before.conversations.length);
    expect((await get(`/v2/conversations/${settled.id}`)).body).toEqual(settled);
  });

  it('rate limit: X-RateLimit-* headers, 429 with X-RateLimit-Retry-After past the limit', async () => {
    let wall = 1_000_000;
    const small = await startSandbox({ seed: 7, vendors: [(c) => createHelpScoutFake(c, { rateLimitPerMinute: 2, wallClock: () => wall })] });
    try {
      const b = small.baseUrl('helpscout');
      const t = await helpScoutToken(b);
      const r1 = await helpScoutGet(b, '/v2/mailboxes', t);
      expect(r1.headers.get('x-ratelimit-limit-minute')).toBe('2');
      expect(r1.headers.get('x-ratelimit-remaining-minute')).toBe('1');
      expect((await helpScoutGet(b, '/v2/users', t)).headers.get('x-ratelimit-remaining-minute')).toBe('0');
      wall += 20_000;
      const limited = await helpScoutGet(b, '/v2/users', t);
      expect(limited.status).toBe(429);
      expect(limited.headers.get('x-ratelimit-retry-after')).toBe('40');
      expect(limited.body.message).toBe('Too many requests');
      wall += 40_000;
      expect((await helpScoutGet(b, '/v2/users', t)).status).toBe(200);
    } finally {
      await small.close();
    }
  });

  it('injected faults use the vendor format; malformed pages carry one wrong-typed record', async () => {
    sandbox.faults.set({ helpscout: { rateLimit: 1, retryAfterSeconds: 3 } });
    const limited = await get('/v2/mailboxes');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-ratelimit-retry-after')).toBe('3');
    sandbox.faults.set({ helpscout: { rateLimit: 0, malformed: 1 } });
    const bad = await get('/v2/conversations?status=all');
    expect(bad.body._embedded.conversations[0].createdAt).toBe('not-a-timestamp');
    expect(typeof bad.body._embedded.conversations[1].createdAt).toBe('string');
    sandbox.faults.reset();
  });
});
