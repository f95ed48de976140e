import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../core/logger.js';
import { createGoogleOAuthFake } from '../../../sandbox/google/google-oauth-fake.js';
import { issueAccessToken } from '../../../sandbox/google/google-tokens.js';
import { GOOGLE_SANDBOX_CLIENT_EMAIL, sandboxServiceAccountKey } from '../../../sandbox/google/sandbox-service-account.js';
import { createLoggingFake } from '../../../sandbox/logging/logging-fake.js';
import { formatMicros } from '../../../sandbox/logging/logging-time.js';
import { BUCKET_MS, bucketSlots, type LogSlot } from '../../../sandbox/logging/logging-timeline.js';
import { startSandbox, type Sandbox } from '../../../sandbox/start-sandbox.js';
import type { RecordsBatch, Source, Stream, StreamState } from '../../source.js';
import { gcpLoggingConfigSchema } from './gcp-logging-config.js';
import { toSinkRecord } from './gcp-logging-record.js';
import { createGcpLoggingSource } from './gcp-logging-source.js';

type Obj = Record<string, any>;
const context = { projectDir: '/tmp', connection: 'gcp_logs', streams: {}, logger: silentLogger };

let sandbox: Sandbox;
let startIso: string;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 4, scale: 0.5, vendors: [(c) => createGoogleOAuthFake(c), (c) => createLoggingFake(c, { quota: { requests: 1_000_000 } })] });
  startIso = new Date(sandbox.clock.now() - 6 * 3600_000).toISOString();
});
afterAll(async () => {
  await sandbox.close();
});

function open(extra: Obj = {}): Source {
  const config = gcpLoggingConfigSchema.parse({
    credentials: sandboxServiceAccountKey(sandbox.baseUrl('google-oauth')),
    base_url: sandbox.baseUrl('logging'),
    start_date: startIso,
    rate_limit: { requests: 100_000, interval_seconds: 1 },
    ...extra,
  });
  return createGcpLoggingSource({ retry: { baseDelayMs: 2, maxDelayMs: 10 } }).create(config, context);
}

async function stream(source: Source): Promise<Stream> {
  const [s] = await source.streams(new AbortController().signal);
  return s!;
}

async function read(s: Stream, state?: StreamState, fullRefresh = false): Promise<RecordsBatch[]> {
  const out: RecordsBatch[] = [];
  for await (const b of s.read({ state, fullRefresh, signal: new AbortController().signal, logger: silentLogger })) {
    if (b.kind !== 'records') throw new Error('expected records');
    out.push(b);
  }
  return out;
}

/** The fake's entries for a filter, oldest first (direct entries.list). */
async function listed(filter: string): Promise<Obj[]> {
  const token = issueAccessToken(GOOGLE_SANDBOX_CLIENT_EMAIL, ['https://www.googleapis.com/auth/logging.read'], Date.now());
  const out: Obj[] = [];
  let pageToken: string | undefined;
  do {
    const res = await fetch(`${sandbox.baseUrl('logging')}/v2/entries:list`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ resourceNames: ['projects/basin-sandbox'], filter, pageSize: 1000, pageToken }),
    });
    const body = (await res.json()) as { entries?: Obj[]; nextPageToken?: string };
    out.push(...(body.entries ?? []));
    pageToken = body.nextPageToken;
  } while (pageToken);
  return out;
}

/** A late slot after `from` with a prompt slot after it that is received first, and a time between the two receipts. */
function lateEntryAhead(from: number): { late: LogSlot; runAt: number } {
  const first = Math.floor(from / BUCKET_MS) + 1;
  const slots: LogSlot[] = [];
  for (let b = first; b < first + 24 * 60; b++) slots.push(...bucketSlots(sandbox.company, b));
  for (const late of slots) {
    const prompt = slots.find((p) => p.micros > late.micros && p.receiveMicros < late.receiveMicros - 1000);
    if (prompt) return { late, runAt: Math.ceil(prompt.receiveMicros / 1000) };
  }
  throw new Error('no late entry in the coming day');
}

const records = (batches: RecordsBatch[]): Obj[] => batches.flatMap((b) => b.records as Obj[]);
/** A merged table: the last record per insertId wins. */
const merge = (...runs: Obj[][]) => {
  const table = new Map<string, Obj>();
  for (const run of runs) for (const r of run) table.set(r['insertId'] as string, r);
  return [...table.values()].sort((a, b) => (a['insertId'] < b['insertId'] ? -1 : 1));
};

describe('gcp_logging source', () => {
  it('declares one merge stream keyed by insertId with a timestamp cursor; the table name is configurable', async () => {
    expect((await stream(open())).definition).toMatchObject({ name: 'entries', primaryKey: ['insertId'], cursorField: 'timestamp', write: 'merge' });
    expect((await stream(open({ table: 'prod_logs' }))).definition.name).toBe('prod_logs');
  });

  it('checks the connection: ok, a foreign key fails without echoing it, a bad filter fails with the API message', async () => {
    const signal = new AbortController().signal;
    const ok = await open().check(signal);
    expect(ok.ok).toBe(true);
    expect(ok.message).toContain('projects/basin-sandbox');
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const bad = await open({ credentials: { ...sandboxServiceAccountKey(sandbox.baseUrl('google-oauth')), private_key: other } }).check(signal);
    expect(bad.ok).toBe(false);
    expect(bad.message).toMatch(/invalid_grant/);
    for (const line of other.split('\n').filter((l) => l.length > 20 && !l.startsWith('-----'))) expect(bad.message).not.toContain(line);
    const filter = await open({ filter: 'severity>=' }).check(signal);
    expect(filter.ok).toBe(false);
    expect(filter.message).toMatch(/400.*Unparseable filter/);
  });

  it('full sync loads every entry since start_date, in the BigQuery sink layout, one checkpoint per page', async () => {
    const batches = await read(await stream(open({ page_size: 200 })));
    const want = await listed(`timestamp>="${startIso}"`);
    expect(want.length).toBeGreaterThan(200);
    expect(batches).toHaveLength(Math.ceil(want.length / 200));
    expect(records(batches)).toEqual(want.map(toSinkRecord));
    const last = want[want.length - 1]!;
    expect(batches[batches.length - 1]!.state).toEqual({ cursor: last['timestamp'] });
    expect(batches[0]!.state).toEqual({ cursor: want[199]!['timestamp'] });
    const request = records(batches).find((r) => r['httpRequest'])!;
    expect(typeof request['httpRequest']['responseSize']).toBe('number');
    expect(Object.keys(request['labels']).sort()).toEqual(['instanceid', 'organization_id']);
    const app = records(batches).find((r) => r['jsonPayload'])!;
    expect(Object.keys(app['jsonPayload']).sort()).toEqual(['event', 'message', 'organizationid', 'plan', 'userid']);
    const audit = records(batches).find((r) => r['protopayload_auditlog'])!;
    expect(audit['protopayload_auditlog']['methodName']).toMatch(/^storage\.objects\./);
    expect(audit['protoPayload']).toBeUndefined();
  });

  it('incremental runs re-read the lookback window, pick up late entries, and merge to a full refresh', async () => {
    // Find, in the coming hours, an entry L that lands late behind a later entry P that lands promptly,
    // and stop the clock between P's and L's receipt: the first run reads P (cursor >= L's timestamp) but not L.
    const { late, runAt } = lateEntryAhead(sandbox.clock.now());
    sandbox.advance(runAt - sandbox.clock.now());
    const s = await stream(open());
    const first = await read(s);
    const state = first[first.length - 1]!.state!;
    const cursor = Date.parse(state['cursor'] as string);
    expect(cursor).toBeGreaterThanOrEqual(Math.floor(late.micros / 1000));
    expect(records(first).some((r) => r['timestamp'] === formatMicros(late.micros))).toBe(false);
    sandbox.advance({ minutes: 45 });
    const second = await read(s, state);
    const again = records(second);
    expect(Math.min(...again.map((r) => Date.parse(r['timestamp'])))).toBeGreaterThanOrEqual(cursor - 10 * 60_000);
    expect(again.some((r) => r['timestamp'] === formatMicros(late.micros))).toBe(true);
    const refreshed = records(await read(s, state, true));
    expect(merge(records(first), again)).toEqual(merge(refreshed));
    expect(refreshed.length).toBeGreaterThan(records(first).length);
  });

  it('ANDs the user filter with the window', async () => {
    const got = records(await read(await stream(open({ filter: 'severity>=WARNING OR jsonPayload.event="member.invited"' }))));
    const want = await listed(`timestamp>="${startIso}" AND (severity>=WARNING OR jsonPayload.event="member.invited")`);
    expect(want.length).toBeGreaterThan(0);
    expect(got).toEqual(want.map(toSinkRecord));
    for (const r of got) expect(r['severity'] === 'WARNING' || r['severity'] === 'ERROR' || r['jsonPayload']?.['event'] === 'member.invited').toBe(true);
  });

  it('resumes from a checkpoint after an interrupted run', async () => {
    const s = await stream(open({ page_size: 100 }));
    const all = await read(s);
    const resumed = await read(s, all[1]!.state);
    expect(merge(records(all.slice(0, 2)), records(resumed))).toEqual(merge(records(all)));
  });

  it('reads the same entries through injected 429s and 503s', async () => {
    const clean = records(await read(await stream(open({ page_size: 100 }))));
    sandbox.faults.set({ logging: { rateLimit: 0.3, serverError: 0.3, retryAfterSeconds: 0 } });
    try {
      const faulty = records(await read(await stream(open({ page_size: 100 }))));
      expect(faulty).toEqual(clean);
    } finally {
      sandbox.faults.reset();
    }
  });
});
