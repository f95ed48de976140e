import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryLogger, silentLogger, type Logger } from '../../../core/logger.js';
import { eventsUploadedBetween } from '../../../sandbox/amplitude/amplitude-activity.js';
import { exportable } from '../../../sandbox/amplitude/amplitude-export.js';
import { AMPLITUDE_SANDBOX_API_KEY, AMPLITUDE_SANDBOX_SECRET_KEY, createAmplitudeFake } from '../../../sandbox/amplitude/amplitude-fake.js';
import { startSandbox, type Sandbox } from '../../../sandbox/start-sandbox.js';
import type { RecordsBatch, Source, Stream, StreamState } from '../../source.js';
import { amplitudeBaseUrl, amplitudeConfigSchema } from './amplitude-config.js';
import { createAmplitudeSource } from './amplitude-source.js';

type Obj = Record<string, unknown>;
const HOUR = 3_600_000;
const START = '2024-11-15T00:00:00Z';
const context = { projectDir: '/tmp', connection: 'amplitude', streams: {}, logger: silentLogger };

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 3, scale: 0.25, vendors: [(c) => createAmplitudeFake(c, { eventsPerFile: 40 })] });
});
afterAll(async () => {
  await sandbox.close();
});

function open(extra: Obj = {}, batchSize = 150, logger: Logger = silentLogger, on: Sandbox = sandbox): Source {
  const config = amplitudeConfigSchema.parse({
    api_key: AMPLITUDE_SANDBOX_API_KEY,
    secret_key: AMPLITUDE_SANDBOX_SECRET_KEY,
    base_url: on.baseUrl('amplitude'),
    start_date: START,
    window_hours: 24 * 7,
    rate_limit: { requests: 10_000, interval_seconds: 1 },
    ...extra,
  });
  return createAmplitudeSource({ retry: { baseDelayMs: 2, maxDelayMs: 10, maxAttempts: 8 }, batchSize, idleTimeoutMs: 300 }).create(config, { ...context, logger });
}

async function events(source: Source): Promise<Stream> {
  const [stream] = await source.streams(new AbortController().signal);
  if (!stream) throw new Error('no stream');
  return stream;
}

async function read(stream: Stream, state?: StreamState, limit = Number.POSITIVE_INFINITY, logger: Logger = silentLogger): Promise<RecordsBatch[]> {
  const out: RecordsBatch[] = [];
  for await (const b of stream.read({ state, fullRefresh: false, signal: new AbortController().signal, logger })) {
    if (b.kind !== 'records') throw new Error('expected records');
    out.push(b);
    if (out.length >= limit) break;
  }
  return out;
}

/** The uuids the company implies: events uploaded since START that the export has loaded by now. */
function implied(on: Sandbox = sandbox): string[] {
  const now = on.clock.now();
  const from = Date.parse(START);
  const list = eventsUploadedBetween(on.company, from, Math.floor(now / HOUR) * HOUR).filter((e) => exportable(e, now));
  return list.map((e) => `${e.organization}/${e.user}/${e.ids.join('.')}/${e.copy}`);
}

const uuids = (batches: RecordsBatch[]): string[] => batches.flatMap((b) => b.records.map((r) => String(r['uuid'])));
const lastState = (batches: RecordsBatch[]): StreamState | undefined => batches.filter((b) => b.state).at(-1)?.state;
const merge = (...runs: RecordsBatch[][]): Map<string, Obj> => new Map(runs.flat().flatMap((b) => b.records.map((r) => [String(r['uuid']), r] as const)));

describe('amplitude source', () => {
  it('declares events (key uuid, merge) and validates config', async () => {
    const stream = await events(open());
    expect(stream.definition).toMatchObject({ name: 'events', primaryKey: ['uuid'], write: 'merge', cursorField: 'server_upload_time' });
    const base = { api_key: 'k', secret_key: 's', start_date: '2024-01-01' };
    expect(amplitudeBaseUrl(amplitudeConfigSchema.parse(base))).toBe('https://amplitude.com');
    expect(amplitudeBaseUrl(amplitudeConfigSchema.parse({ ...base, region: 'eu' }))).toBe('https://analytics.eu.amplitude.com');
    expect(amplitudeBaseUrl(amplitudeConfigSchema.parse({ ...base, region: 'eu', base_url: 'http://127.0.0.1:1/amplitude' }))).toBe('http://127.0.0.1:1/amplitude');
    expect(amplitudeConfigSchema.safeParse({ ...base, region: 'asia' }).success).toBe(false);
    expect(amplitudeConfigSchema.safeParse({ ...base, window_hours: 0 }).success).toBe(false);
    expect(amplitudeConfigSchema.safeParse({ ...base, start_date: 'soon' }).success).toBe(false);
    expect(amplitudeConfigSchema.parse(base)).toMatchObject({ window_hours: 24, lookback_hours: 6, region: 'us' });
  });

  it('checks the keys: ok (a 404 "no data" counts), 401 without echoing the secret', async () => {
    const signal = new AbortController().signal;
    expect(await open().check(signal)).toMatchObject({ ok: true });
    const bad = await open({ secret_key: 'not-the-secret-key' }).check(signal);
    expect(bad.ok).toBe(false);
    expect(bad.message).toContain('401');
    expect(bad.message).not.toContain('not-the-secret-key');
  });

  it('full sync reads exactly the events the company implies, in bounded batches, state at the last complete hour', async () => {
    const batches = await read(await events(open()));
    const got = uuids(batches);
    expect(new Set(got).size).toBe(got.length);
    expect(got.length).toBe(implied().length);
    expect(got.length).toBeGreaterThan(200);
    for (const b of batches) expect(b.records.length).toBeLessThanOrEqual(150);
    const now = sandbox.clock.now();
    expect(lastState(batches)).toEqual({ complete_before: new Date(Math.floor((now - 2 * HOUR) / HOUR) * HOUR).toISOString() });
    // A window's intermediate batches carry no state; the window's last one does.
    expect(batches.some((b) => !b.state)).toBe(true);
    const first = batches[0]?.records[0] as Obj;
    expect(first).toHaveProperty('event_properties');
    expect(typeof first['event_id']).toBe('number');
    expect(typeof first['groups']).toBe('object');
  });

  it('incremental after advance picks up late and new events exactly once; the merge equals a full refresh', async () => {
    const stream = await events(open());
    const first = await read(stream);
    const state = lastState(first);
    sandbox.advance({ days: 1, hours: 5 });
    const second = await read(stream, state);
    const merged = merge(first, second);
    const full = await read(stream);
    expect([...merged.keys()].sort()).toEqual(uuids(full).sort());
    expect(merged.size).toBe(implied().length);
    const before = new Set(uuids(first));
    const added = uuids(second).filter((u) => !before.has(u));
    expect(new Set(added).size).toBe(added.length);
    expect(added.length).toBe(merged.size - before.size);
    expect(added.length).toBeGreaterThan(0);
    // The second run re-reads only the lookback and what followed.
    expect(uuids(second).length).toBeLessThan(uuids(first).length / 4);
    const third = await read(stream, lastState(second));
    expect(uuids(third).every((u) => merged.has(u))).toBe(true);
  });

  it('resumes after an interrupted run from the last committed window', async () => {
    const stream = await events(open({}, 50));
    const cut = await read(stream, undefined, 6);
    const state = lastState(cut);
    expect(state).toBeDefined();
    expect(uuids(cut).length).toBeLessThan(implied().length / 2);
    const rest = await read(stream, state);
    const full = await read(stream);
    expect([...merge(cut, rest).keys()].sort()).toEqual(uuids(full).sort());
  });

  it('gets the same events through 429s, 504s and stalled archives (a stalled window is read again)', async () => {
    const clean = uuids(await read(await events(open()))).sort();
    sandbox.faults.set({ amplitude: { rateLimit: 0.15, serverError: 0.15, stall: 0.3, retryAfterSeconds: 0, stallSeconds: 1 } });
    const logger = createMemoryLogger('warn');
    try {
      const batches = await read(await events(open({ window_hours: 24 * 14 }, 150, logger)), undefined, Infinity, logger);
      expect([...merge(batches).keys()].sort()).toEqual(clean);
    } finally {
      sandbox.faults.reset();
    }
    const messages = logger.entries.map((e) => e.message);
    expect(messages).toContain('amplitude export broke off; reading the window again');
    expect(messages).toContain('amplitude export failed; retrying');
  }, 15_000);

  it('halves windows Amplitude refuses as too large (400), down to what fits', async () => {
    const small = await startSandbox({ seed: 3, scale: 0.25, vendors: [(c) => createAmplitudeFake(c, { maxBytes: 20_000 })] });
    const logger = createMemoryLogger('warn');
    try {
      const batches = await read(await events(open({ window_hours: 24 * 30 }, 150, logger, small)), undefined, Infinity, logger);
      expect(uuids(batches).length).toBe(implied(small).length);
      expect(new Set(uuids(batches)).size).toBe(implied(small).length);
      expect(logger.entries.filter((e) => e.message === 'amplitude export too large; halving the window').length).toBeGreaterThan(1);
    } finally {
      await small.close();
    }
  });
});
