import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogger, silentLogger } from '../../../core/logger.js';
import { maxRequestsInWindow, randomFaults, type Fault } from '../../http/test-support/fault-server.js';
import type { RecordsBatch, Source, Stream, StreamState } from '../../source.js';
import { restConfigSchema } from './rest-config.js';
import { restSource } from './rest-source.js';
import { FAKE_TOKEN, startFakeApi, type FakeApi } from './test-support/fake-api.js';

let api: FakeApi | undefined;
afterEach(async () => {
  await api?.server.close();
  api = undefined;
});

const context = { projectDir: '/tmp', connection: 'myapi', streams: {}, logger: silentLogger };

function rawConfig(url: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    base_url: url,
    auth: { type: 'bearer', token: FAKE_TOKEN },
    paginator: { type: 'cursor', cursor_path: 'paging.next.after', param: 'after' },
    retry: { base_delay: '5ms', max_delay: '20ms', max_attempts: 10 },
    idle_timeout: '100ms',
    resources: {
      customers: {
        path: '/customers',
        records: 'data',
        primary_key: ['id'],
        cursor: { field: 'updated_at', param: 'updated_since', lookback: '1h' },
        write: 'merge',
      },
      customer_invoices: {
        path: '/customers/{customers.id}/invoices',
        records: 'data',
        primary_key: 'id',
        write: 'append',
        include_from_parent: ['id'],
        paginator: { type: 'page_number', total_pages_path: 'total_pages' },
      },
      events: { path: '/events', paginator: { type: 'offset', limit: 10 }, primary_key: ['event_id'], write: 'replace' },
    },
    ...extra,
  };
}

function open(raw: Record<string, unknown>): Source {
  return restSource.create(restConfigSchema.parse(raw), context);
}

async function streamNamed(source: Source, name: string): Promise<Stream> {
  const stream = (await source.streams(new AbortController().signal)).find((s) => s.definition.name === name);
  if (!stream) throw new Error(`no stream ${name}`);
  return stream;
}

async function readAll(stream: Stream, state?: StreamState, limitBatches = Infinity): Promise<RecordsBatch[]> {
  const batches: RecordsBatch[] = [];
  const ctx = { state, fullRefresh: false, signal: new AbortController().signal, logger: silentLogger };
  for await (const batch of stream.read(ctx)) {
    if (batch.kind !== 'records') throw new Error('expected records');
    batches.push(batch);
    if (batches.length >= limitBatches) break;
  }
  return batches;
}

const ids = (batches: RecordsBatch[], key = 'id') => batches.flatMap((b) => b.records.map((r) => r[key]));

describe('rest source config', () => {
  it('accepts the documented example and names the key of each error', () => {
    expect(restConfigSchema.safeParse(rawConfig('http://127.0.0.1:1/v1')).success).toBe(true);
    const bad = restConfigSchema.safeParse({
      base_url: 'http://x',
      paginator: { type: 'cursor', param: 'after' },
      resources: {
        a: { path: '/a', write: 'merge', cursor: { field: 'u', lookback: 'soon' } },
        b: { path: '/x/{nope.id}/b' },
        c: { path: '/c', wat: 1 },
      },
    });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining(['paginator.cursor_path', 'resources.a.cursor.lookback', 'resources.c']),
    );
    const refined = restConfigSchema.safeParse({ base_url: 'http://x', resources: { a: { path: '/a', write: 'merge' }, b: { path: '/x/{nope.id}/b' } } });
    expect(refined.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^resources\.b\.path: unknown parent resource 'nope'/),
        'resources.a.primary_key: write: merge needs a primary_key',
      ]),
    );
  });

  it('builds stream definitions from resources', async () => {
    const source = open(rawConfig('http://127.0.0.1:1/v1'));
    const defs = (await source.streams(new AbortController().signal)).map((s) => s.definition);
    expect(defs).toEqual([
      { name: 'customers', primaryKey: ['id'], cursorField: 'updated_at', write: 'merge', maxNestingDepth: undefined },
      { name: 'customer_invoices', primaryKey: ['id'], cursorField: undefined, write: 'append', maxNestingDepth: undefined },
      { name: 'events', primaryKey: ['event_id'], cursorField: undefined, write: 'replace', maxNestingDepth: undefined },
    ]);
  });
});

describe('rest source reads', () => {
  it('reads every page, checkpoints per page and saves the high-water mark at the end', async () => {
    api = await startFakeApi();
    const batches = await readAll(await streamNamed(open(rawConfig(api.url)), 'customers'));
    expect(batches).toHaveLength(5);
    expect(ids(batches)).toEqual(api.customers.map((c) => c.id));
    expect(batches[0]!.state).toEqual({ run: { since: undefined, max: api.customers[9]!.updated_at, resume: { url: '/customers', method: 'GET', query: { after: '10' }, headers: undefined, json: undefined } } });
    expect(batches.at(-1)!.state).toEqual({ cursor: api.customers.at(-1)!.updated_at });
  });

  it('reads incrementally from the saved cursor minus the lookback', async () => {
    api = await startFakeApi();
    const stream = await streamNamed(open(rawConfig(api.url)), 'customers');
    const last = api.customers.at(-1)!.updated_at;
    api.touch('c003', '2030-01-01T00:00:00.000Z');
    const batches = await readAll(stream, { cursor: last });
    const since = new Date(Date.parse(last) - 3_600_000).toISOString();
    expect(api.server.log.at(-1)!.path).toBe(`/v1/customers?updated_since=${encodeURIComponent(since)}`);
    expect(ids(batches)).toEqual(['c003', api.customers.at(-2)!.id, api.customers.at(-1)!.id]);
    expect(batches.at(-1)!.state).toEqual({ cursor: '2030-01-01T00:00:00.000Z' });
  });

  it('resumes an interrupted run from its last checkpoint without re-reading or skipping', async () => {
    api = await startFakeApi();
    const stream = await streamNamed(open(rawConfig(api.url)), 'customers');
    const firstPart = await readAll(stream, undefined, 2);
    const rest = await readAll(stream, firstPart.at(-1)!.state);
    expect([...ids(firstPart), ...ids(rest)]).toEqual(api.customers.map((c) => c.id));
    expect(rest.at(-1)!.state).toEqual({ cursor: api.customers.at(-1)!.updated_at });
  });

  it('reads child resources per parent record, with parent fields, and resumes mid-parent', async () => {
    api = await startFakeApi({ customers: 12 });
    const stream = await streamNamed(open(rawConfig(api.url)), 'customer_invoices');
    const expected = api.customers.flatMap((c) => api!.invoicesOf(c.id).map((i) => i.id));
    const all = await readAll(stream);
    expect(ids(all)).toEqual(expected);
    expect(all[0]!.records[0]).toMatchObject({ customer: 'c001', _customers_id: 'c001' });
    expect(all.at(-1)!.state).toEqual({});
    // c003 has 3 invoices: 2 pages. Stop right after its first page, resume.
    const upTo = all.findIndex((b) => b.records.some((r) => r['id'] === 'c003-inv1'));
    const part = await readAll(stream, undefined, upTo + 1);
    expect(part.at(-1)!.state).toMatchObject({ run: { resume: { parentIndex: 2, next: { query: { page: 2 } } } } });
    const rest = await readAll(stream, part.at(-1)!.state);
    expect([...ids(part), ...ids(rest)]).toEqual(expected);
  });

  it('reads a top-level array with offset paging; replace streams never resume', async () => {
    api = await startFakeApi();
    const batches = await readAll(await streamNamed(open(rawConfig(api.url)), 'events'));
    expect(ids(batches, 'event_id')).toEqual(Array.from({ length: 23 }, (_, i) => i + 1));
    expect(batches.slice(0, -1).every((b) => b.state === undefined)).toBe(true);
  });

  it('check() reads the first page, and reports failures without secrets', async () => {
    api = await startFakeApi();
    const signal = new AbortController().signal;
    expect(await open(rawConfig(api.url)).check(signal)).toEqual({ ok: true, message: 'customers: first page read (10 records)' });
    const bad = await open(rawConfig(api.url, { auth: { type: 'api_key', name: 'api_key', value: 'WRONG-SECRET', in: 'query' } })).check(signal);
    expect(bad.ok).toBe(false);
    expect(bad.message).toMatch(/401/);
    expect(bad.message).not.toContain('WRONG-SECRET');
  });
});

describe('rest source reliability', () => {
  it('30 % of requests answered 429, 500 or a stalled body: identical records, rate budget never exceeded', async () => {
    const clean = await startFakeApi();
    const expected: Record<string, unknown[]> = {};
    for (const name of ['customers', 'customer_invoices', 'events']) {
      expected[name] = (await readAll(await streamNamed(open(rawConfig(clean.url)), name))).flatMap((b) => b.records);
    }
    await clean.server.close();

    const faults: Fault[] = [
      { type: 'status', status: 429, headers: { 'retry-after': '0' } },
      { type: 'status', status: 500 },
      { type: 'stall' },
    ];
    api = await startFakeApi({ fault: randomFaults(0.3, 42, faults) });
    const budget = { requests: 20, per_seconds: 0.25 };
    const logger = createMemoryLogger();
    const source = restSource.create(restConfigSchema.parse(rawConfig(api.url, { rate_limit: budget })), { ...context, logger });
    for (const name of ['customers', 'customer_invoices', 'events']) {
      const records = (await readAll(await streamNamed(source, name))).flatMap((b) => b.records);
      expect(records).toEqual(expected[name]);
    }
    const log = api.server.log;
    const faulted = log.filter((r) => r.fault).length / log.length;
    expect(faulted).toBeGreaterThan(0.2);
    expect(maxRequestsInWindow(log.map((r) => r.time), 250)).toBeLessThanOrEqual(20);
    expect(logger.entries.some((e) => e.message.includes('retrying'))).toBe(true);
    expect(JSON.stringify(logger.entries)).not.toContain(FAKE_TOKEN);
  });
});
