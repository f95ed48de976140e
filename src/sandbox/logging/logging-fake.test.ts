import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { googleServiceAccount } from '../../ingest/http/auth/google-service-account.js';
import { cancelOffset } from '../company/billing-profile.js';
import { organizationDeletedAt } from '../company/crm-facts.js';
import { createGoogleOAuthFake } from '../google/google-oauth-fake.js';
import { issueAccessToken } from '../google/google-tokens.js';
import { GOOGLE_SANDBOX_CLIENT_EMAIL, sandboxServiceAccountKey } from '../google/sandbox-service-account.js';
import { startSandbox, type Sandbox } from '../start-sandbox.js';
import { loadDiscoveryValidator } from '../test-support/discovery-validator.js';
import { createLoggingFake } from './logging-fake.js';

type Entry = Record<string, any>;
interface Page {
  entries?: Entry[];
  nextPageToken?: string;
  error?: { code: number; status: string; message: string; details?: unknown[] };
}

const READ = 'https://www.googleapis.com/auth/logging.read';
const PROJECT = 'projects/basin-sandbox';
const validator = loadDiscoveryValidator('logging.v2');

let sandbox: Sandbox;
let token: string;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 5, scale: 0.5, vendors: [(c) => createGoogleOAuthFake(c), (c) => createLoggingFake(c, { quota: { requests: 100_000 } })] });
  token = issueAccessToken(GOOGLE_SANDBOX_CLIENT_EMAIL, [READ], Date.now());
});
afterAll(async () => {
  await sandbox.close();
});

async function call(body: unknown, auth = `Bearer ${token}`, url = `${sandbox.baseUrl('logging')}/v2/entries:list`): Promise<{ status: number; body: Page }> {
  const res = await fetch(url, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Page };
}

/** Every entry of a query, following page tokens. */
async function all(body: Record<string, unknown>): Promise<Entry[]> {
  const out: Entry[] = [];
  let pageToken: string | undefined;
  do {
    const { status, body: page } = await call({ resourceNames: [PROJECT], pageSize: 1000, ...body, pageToken });
    expect(status).toBe(200);
    expect(validator.errors('ListLogEntriesResponse', page)).toEqual([]);
    out.push(...(page.entries ?? []));
    pageToken = page.nextPageToken;
  } while (pageToken);
  return out;
}

const nowMs = () => sandbox.clock.now();
const iso = (ms: number) => new Date(ms).toISOString();
const key = (e: Entry) => `${e.timestamp as string}|${e.insertId as string}`;

describe('logging fake: entries.list', () => {
  it('serves valid LogEntries of every kind, ordered by timestamp then insertId, with unique insertIds', async () => {
    const entries = await all({ filter: `timestamp>="${iso(nowMs() - 6 * 3600_000)}"` });
    expect(entries.length).toBeGreaterThan(100);
    const keys = entries.map(key);
    expect(keys).toEqual([...keys].sort());
    expect(new Set(entries.map((e) => e.insertId)).size).toBe(entries.length);
    const logs = new Set(entries.map((e) => e.logName));
    expect([...logs].sort()).toEqual([
      'projects/basin-sandbox/logs/cloudaudit.googleapis.com%2Fdata_access',
      'projects/basin-sandbox/logs/run.googleapis.com%2Frequests',
      'projects/basin-sandbox/logs/run.googleapis.com%2Fstderr',
      'projects/basin-sandbox/logs/run.googleapis.com%2Fstdout',
    ]);
    const request = entries.find((e) => e.httpRequest)!;
    expect(request.resource.type).toBe('cloud_run_revision');
    expect(Object.keys(request.resource.labels).sort()).toEqual(['configuration_name', 'location', 'project_id', 'revision_name', 'service_name']);
    expect(request.httpRequest.latency).toMatch(/^\d+\.\d{6}s$/);
    expect(request.httpRequest.responseSize).toMatch(/^\d+$/);
    for (const e of entries) {
      expect(Date.parse(e.receiveTimestamp)).toBeGreaterThanOrEqual(Date.parse(e.timestamp));
      expect(Date.parse(e.receiveTimestamp)).toBeLessThanOrEqual(nowMs());
      if (e.httpRequest) expect(e.severity).toBe(e.httpRequest.status >= 500 ? 'ERROR' : e.httpRequest.status >= 400 ? 'WARNING' : 'INFO');
    }
    expect(entries.some((e) => typeof e.textPayload === 'string' && e.textPayload.includes('\n    at '))).toBe(true);
    expect(entries.some((e) => e.protoPayload?.['@type'] === 'type.googleapis.com/google.cloud.audit.AuditLog')).toBe(true);
  });

  it('logs only for organizations active at the time, with the product ids other fakes use', async () => {
    const company = sandbox.company;
    const index = new Map<string, number>();
    for (let i = 0; i < company.countAt(nowMs()); i++) index.set(company.organization(i).id, i);
    const entries = await all({ filter: `timestamp>="${iso(nowMs() - 12 * 3600_000)}" jsonPayload.organizationId:* OR labels.organization_id:*` });
    expect(entries.length).toBeGreaterThan(50);
    for (const e of entries) {
      const id = (e.jsonPayload?.organizationId ?? e.labels?.organization_id) as string;
      const i = index.get(id);
      expect(i, id).toBeDefined();
      const at = Date.parse(e.timestamp);
      expect(company.createdAt(i!)).toBeLessThanOrEqual(at);
      const deleted = organizationDeletedAt(company, i!);
      expect(deleted === undefined || deleted > at).toBe(true);
      if (company.isPaying(i!)) expect(company.createdAt(i!) + cancelOffset(company.billing(i!).cancelPeriod)).toBeGreaterThan(at);
      if (e.jsonPayload) {
        const users = Array.from({ length: company.organization(i!).userCount }, (_, k) => company.user(i!, k).id);
        expect(users).toContain(e.jsonPayload.userId);
      }
    }
  });

  it('pages by token (small pages equal one big page) and sorts newest first on request', async () => {
    const filter = `timestamp>="${iso(nowMs() - 3 * 3600_000)}"`;
    const big = await all({ filter });
    const small: Entry[] = [];
    let pageToken: string | undefined;
    let pages = 0;
    do {
      const { body } = await call({ resourceNames: [PROJECT], filter, pageSize: 37, pageToken });
      expect(body.entries!.length).toBeLessThanOrEqual(37);
      small.push(...body.entries!);
      pageToken = body.nextPageToken;
      pages++;
    } while (pageToken);
    expect(small.map(key)).toEqual(big.map(key));
    expect(pages).toBe(Math.ceil(big.length / 37) + (big.length % 37 === 0 ? 1 : 0));
    const desc = await all({ filter, orderBy: 'timestamp desc' });
    expect(desc.map(key)).toEqual(big.map(key).reverse());
    const first = await call({ resourceNames: [PROJECT], filter });
    expect(first.body.entries).toHaveLength(50);
  });

  it('applies filters exactly (each equals the unfiltered window filtered here)', async () => {
    const since = `timestamp>="${iso(nowMs() - 8 * 3600_000)}"`;
    const base = await all({ filter: since });
    const orgId = (base.find((e) => e.labels?.organization_id)!.labels.organization_id) as string;
    const cases: Array<[string, (e: Entry) => boolean]> = [
      ['severity>=ERROR', (e) => e.severity === 'ERROR'],
      ['severity=WARNING OR severity=NOTICE', (e) => e.severity === 'WARNING' || e.severity === 'NOTICE'],
      ['httpRequest.status>=400 httpRequest.status!=404', (e) => e.httpRequest && e.httpRequest.status >= 400 && e.httpRequest.status !== 404],
      [`labels.organization_id="${orgId}"`, (e) => e.labels?.organization_id === orgId],
      ['resource.type="gcs_bucket"', (e) => e.resource.type === 'gcs_bucket'],
      ['logName="projects/basin-sandbox/logs/run.googleapis.com%2Fstdout" AND jsonPayload.event="member.invited"', (e) => e.jsonPayload?.event === 'member.invited'],
      ['resource.labels.service_name="product-api" AND NOT (severity=INFO OR severity=DEBUG)', (e) => e.resource.type === 'cloud_run_revision' && !['INFO', 'DEBUG'].includes(e.severity)],
      ['httpRequest.requestMethod="POST" AND httpRequest.status=201 OR httpRequest.status=500', (e) => e.httpRequest?.requestMethod === 'POST' && [201, 500].includes(e.httpRequest.status)],
      ['-labels.organization_id:* textPayload:"ECONNRESET"', (e) => !e.labels?.organization_id && String(e.textPayload ?? '').includes('ECONNRESET')],
    ];
    for (const [filter, predicate] of cases) {
      const got = await all({ filter: `${since} AND (${filter})` });
      const want = base.filter(predicate);
      expect(got.map(key), filter).toEqual(want.map(key));
    }
    const seen = cases.map(([filter]) => filter);
    expect(seen).toHaveLength(9);
  });

  it('searches only the last 24 hours without a timestamp restriction, and 30 days at most', async () => {
    const recent = await all({ filter: 'severity>=DEFAULT' });
    expect(recent.length).toBeGreaterThan(0);
    expect(Date.parse(recent[0]!.timestamp)).toBeGreaterThanOrEqual(nowMs() - 86_400_000);
    const older = await all({ filter: `timestamp>="${iso(nowMs() - 26 * 3600_000)}" AND timestamp<"${iso(nowMs() - 24 * 3600_000)}"` });
    expect(older.length).toBeGreaterThan(0);
    const ancient = await call({ resourceNames: [PROJECT], filter: `timestamp>="${iso(nowMs() - 40 * 86_400_000)}" AND timestamp<"${iso(nowMs() - 30 * 86_400_000 - 60_000)}"` });
    // Nothing past the 30-day retention; an empty result is `{}`, as proto3 JSON leaves out empty lists.
    expect(ancient).toEqual({ status: 200, body: {} });
  });

  it('answers a long search in installments: empty pages with a nextPageToken, as the API does', async () => {
    const filter = `timestamp>="${iso(nowMs() - 20 * 86_400_000)}" AND jsonPayload.event="no.such.event"`;
    for (const orderBy of ['timestamp asc', 'timestamp desc']) {
      const pages: Page[] = [];
      let pageToken: string | undefined;
      do {
        const { status, body } = await call({ resourceNames: [PROJECT], filter, orderBy, pageSize: 1000, pageToken });
        expect(status).toBe(200);
        pages.push(body);
        pageToken = body.nextPageToken;
      } while (pageToken);
      expect(pages.length).toBeGreaterThan(2);
      expect(pages.slice(0, -1).every((p) => p.entries === undefined && typeof p.nextPageToken === 'string')).toBe(true);
      expect(pages[pages.length - 1]).toEqual({});
    }
    // The installments of a matching search add up to the whole answer, in order.
    const since = `timestamp>="${iso(nowMs() - 20 * 86_400_000)}" AND severity>=ERROR`;
    const asc = await all({ filter: since });
    const desc = await all({ filter: since, orderBy: 'timestamp desc' });
    expect(desc.map(key)).toEqual(asc.map(key).reverse());
    expect(asc.length).toBeGreaterThan(100);
    expect(asc.map(key)).toEqual([...asc.map(key)].sort());
  });

  it('lets entries land late: visible once received, and revealed as the clock advances', async () => {
    const before = nowMs();
    const filter = `timestamp>="${iso(before - 10 * 60_000)}"`;
    const first = await all({ filter });
    sandbox.advance({ minutes: 5 });
    const second = await all({ filter });
    const seen = new Set(first.map(key));
    const late = second.filter((e) => !seen.has(key(e)) && Date.parse(e.timestamp) <= before);
    for (const e of late) expect(Date.parse(e.receiveTimestamp)).toBeGreaterThan(before);
    const fresh = second.filter((e) => Date.parse(e.timestamp) > before);
    expect(fresh.length).toBeGreaterThan(0);
    expect(second.filter((e) => seen.has(key(e))).map(key)).toEqual(first.map(key));
    // Over a day of history some entries arrive minutes after their timestamp.
    const day = await all({ filter: `timestamp>="${iso(nowMs() - 86_400_000)}"` });
    expect(day.some((e) => Date.parse(e.receiveTimestamp) - Date.parse(e.timestamp) > 5000)).toBe(true);
  });

  it('is deterministic for a seed and also served at the root path for SDKs', async () => {
    const filter = `timestamp>="${iso(nowMs() - 3600_000)}"`;
    const a = await call({ resourceNames: [PROJECT], filter });
    const b = await call({ resourceNames: [PROJECT], filter }, `Bearer ${token}`, `${sandbox.url}/v2/entries:list`);
    expect(b.body).toEqual(a.body);
  });
});

describe('logging fake: auth, validation, quota and faults', () => {
  it('answers 401 without a credential and 403 without a logging scope; accepts self-signed JWTs', async () => {
    const none = await call({ resourceNames: [PROJECT] }, '');
    expect([none.status, none.body.error?.status]).toEqual([401, 'UNAUTHENTICATED']);
    const sheets = issueAccessToken(GOOGLE_SANDBOX_CLIENT_EMAIL, ['https://www.googleapis.com/auth/spreadsheets'], Date.now());
    const denied = await call({ resourceNames: [PROJECT] }, `Bearer ${sheets}`);
    expect([denied.status, denied.body.error?.status]).toEqual([403, 'PERMISSION_DENIED']);
    for (const scope of ['https://www.googleapis.com/auth/cloud-platform.read-only', 'https://www.googleapis.com/auth/logging.admin']) {
      expect((await call({ resourceNames: [PROJECT] }, `Bearer ${issueAccessToken(GOOGLE_SANDBOX_CLIENT_EMAIL, [scope], Date.now())}`)).status).toBe(200);
    }
    const auth = googleServiceAccount({ key: sandboxServiceAccountKey(sandbox.baseUrl('google-oauth')), scopes: [READ], selfSignedJwt: true });
    const target = { headers: {} as Record<string, string>, url: new URL(`${sandbox.baseUrl('logging')}/v2/entries:list`) };
    await auth.apply(target, new AbortController().signal);
    expect((await call({ resourceNames: [PROJECT] }, target.headers['authorization'])).status).toBe(200);
  });

  it('answers 400 INVALID_ARGUMENT for bad filters and parameters, 403 for other projects', async () => {
    const bad: Array<[Record<string, unknown>, RegExp]> = [
      [{ resourceNames: [PROJECT], filter: 'severity>=' }, /Unparseable filter/],
      [{ resourceNames: [PROJECT], filter: 'timestamp>="last week"' }, /Invalid timestamp/],
      [{ resourceNames: [PROJECT], filter: 'hello' }, /global restriction/],
      [{ resourceNames: [PROJECT], orderBy: 'severity desc' }, /order_by/],
      [{ resourceNames: [PROJECT], pageSize: -1 }, /page_size/],
      [{ resourceNames: [PROJECT], pageToken: 'garbage' }, /page token/],
      [{ resourceNames: [PROJECT], limit: 5 }, /Unknown name "limit"/],
      [{}, /resource_names/],
    ];
    for (const [body, message] of bad) {
      const res = await call(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error?.status).toBe('INVALID_ARGUMENT');
      expect(res.body.error?.message).toMatch(message);
    }
    const other = await call({ resourceNames: ['projects/someone-else'] });
    expect([other.status, other.body.error?.status]).toEqual([403, 'PERMISSION_DENIED']);
    const first = await call({ resourceNames: [PROJECT], filter: 'severity>=INFO' });
    const mismatch = await call({ resourceNames: [PROJECT], filter: 'severity>=ERROR', pageToken: first.body.nextPageToken });
    expect(mismatch.status).toBe(400);
    const capped = await call({ resourceNames: [PROJECT], filter: `timestamp>="${iso(nowMs() - 2 * 86_400_000)}"`, pageSize: 5000 });
    expect(capped.body.entries).toHaveLength(1000);
    expect(capped.body.nextPageToken).toBeDefined();
  });

  it('enforces the per-project read quota as 429 RESOURCE_EXHAUSTED', async () => {
    const small = await startSandbox({ vendors: [(c) => createLoggingFake(c, { quota: { requests: 3 } })] });
    try {
      const url = `${small.baseUrl('logging')}/v2/entries:list`;
      const statuses: number[] = [];
      let last: Page = {};
      for (let k = 0; k < 4; k++) {
        const res = await call({ resourceNames: [PROJECT] }, `Bearer ${token}`, url);
        statuses.push(res.status);
        last = res.body;
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
      expect(last.error?.status).toBe('RESOURCE_EXHAUSTED');
      expect(JSON.stringify(last.error?.details)).toContain('RATE_LIMIT_EXCEEDED');
    } finally {
      await small.close();
    }
  });

  it('renders injected faults in Google format and corrupts one entry when asked', async () => {
    sandbox.faults.set({ logging: { rateLimit: 1 } });
    const limited = await call({ resourceNames: [PROJECT] });
    expect([limited.status, limited.body.error?.status]).toEqual([429, 'RESOURCE_EXHAUSTED']);
    sandbox.faults.set({ logging: { rateLimit: 0, serverError: 1 } });
    expect((await call({ resourceNames: [PROJECT] })).status).toBe(503);
    sandbox.faults.set({ logging: { serverError: 0, malformed: 1 } });
    const malformed = await call({ resourceNames: [PROJECT] });
    expect(malformed.body.entries![0]!.labels).toBe('corrupted');
    expect(validator.errors('ListLogEntriesResponse', malformed.body)).not.toEqual([]);
    sandbox.faults.reset();
  });
});
