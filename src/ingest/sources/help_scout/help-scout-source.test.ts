import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../core/logger.js';
import { startSandbox, type Sandbox } from '../../../sandbox/start-sandbox.js';
import { createHelpScoutFake, HELPSCOUT_SANDBOX_CLIENT_ID, HELPSCOUT_SANDBOX_CLIENT_SECRET } from '../../../sandbox/helpscout/helpscout-fake.js';
import { helpScoutListAll, helpScoutToken } from '../../../sandbox/test-support/helpscout-call.js';
import type { RecordsBatch, Source, Stream, StreamState } from '../../source.js';
import { helpScoutConfigSchema } from './help-scout-config.js';
import { createHelpScoutSource } from './help-scout-source.js';
import { LOOKBACK_MS } from './help-scout-state.js';

type Obj = Record<string, any>;
const context = { projectDir: '/tmp', connection: 'help_scout', streams: {}, logger: silentLogger };

let sandbox: Sandbox;
let base: string;
const sent: Array<{ at: number; status: number; url: string }> = [];
const spy: typeof fetch = async (input, init) => {
  const at = performance.now();
  const res = await fetch(input, init);
  sent.push({ at, status: res.status, url: String(input) });
  return res;
};

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 11, scale: 0.3, vendors: [(c) => createHelpScoutFake(c, { rateLimitPerMinute: 1_000_000 })] });
  base = sandbox.baseUrl('helpscout');
});
afterAll(async () => {
  await sandbox.close();
});

function open(extra: Obj = {}): Source {
  const config = helpScoutConfigSchema.parse({
    client_id: HELPSCOUT_SANDBOX_CLIENT_ID,
    client_secret: HELPSCOUT_SANDBOX_CLIENT_SECRET,
    base_url: base,
    rate_limit: { requests_per_minute: 100_000 },
    ...extra,
  });
  return createHelpScoutSource({ retry: { baseDelayMs: 2, maxDelayMs: 10, maxAttempts: 10 }, fetch: spy, batchRecords: 40 }).create(config, context);
}

async function streamsOf(source: Source): Promise<Map<string, Stream>> {
  return new Map((await source.streams(new AbortController().signal)).map((s) => [s.definition.name, s]));
}

async function read(stream: Stream, state?: StreamState, limit = Infinity): Promise<RecordsBatch[]> {
  const out: RecordsBatch[] = [];
  for await (const b of stream.read({ state, fullRefresh: false, signal: new AbortController().signal, logger: silentLogger })) {
    if (b.kind !== 'records') throw new Error('expected records');
    out.push(b);
    if (out.length >= limit) break;
  }
  return out;
}

/** What the fake lists now (direct HTTP). */
async function listed(path: string, name: string): Promise<Obj[]> {
  return helpScoutListAll(base, path, await helpScoutToken(base), name);
}

const ids = (batches: RecordsBatch[]) => batches.flatMap((b) => b.records.map((r) => Number(r['id'])));
const sorted = (v: number[]) => [...v].sort((a, b) => a - b);
const lastState = (batches: RecordsBatch[]) => [...batches].reverse().find((b) => b.state)?.state;

describe('help_scout source', () => {
  it('declares the streams', async () => {
    const defs = [...(await streamsOf(open())).values()].map((s) => s.definition);
    expect(defs.map((d) => [d.name, d.write, d.cursorField ?? null])).toEqual([
      ['mailboxes', 'replace', null],
      ['users', 'replace', null],
      ['customers', 'merge', 'updatedAt'],
      ['conversations', 'merge', 'userUpdatedAt'],
      ['conversation_threads', 'merge', 'createdAt'],
    ]);
    expect(defs.every((d) => d.primaryKey.join() === 'id')).toBe(true);
  });

  it('check(): token and mailboxes; a wrong secret fails with 401 without echoing it', async () => {
    const signal = new AbortController().signal;
    expect(await open().check(signal)).toMatchObject({ ok: true, message: expect.stringContaining('3 mailbox') });
    const bad = await open({ client_secret: 'definitely-wrong-secret' }).check(signal);
    expect(bad.ok).toBe(false);
    expect(bad.message).toContain('401');
    expect(bad.message).not.toContain('definitely-wrong-secret');
  });

  it('full sync equals the fake; incremental after advance reads exactly the changes (with the lookback); then nothing new', async () => {
    const streams = await streamsOf(open());
    expect(ids(await read(streams.get('mailboxes')!))).toHaveLength(3);
    expect(ids(await read(streams.get('users')!))).toHaveLength(5);

    const allConversations = await listed('/v2/conversations?status=all&embed=threads', 'conversations');
    const customers = await read(streams.get('customers')!);
    expect(sorted(ids(customers))).toEqual(sorted((await listed('/v2/customers', 'customers')).map((c) => c.id)));
    expect(customers[0]!.records[0]).toMatchObject({ emails: [expect.objectContaining({ type: 'work' })] });
    expect(customers[0]!.records[0]).not.toHaveProperty('_links');
    const conversations = await read(streams.get('conversations')!);
    expect(sorted(ids(conversations))).toEqual(sorted(allConversations.map((c) => c.id)));
    expect(conversations[0]!.records[0]).not.toHaveProperty('_embedded');
    const threads = await read(streams.get('conversation_threads')!);
    const expectedThreads = allConversations.flatMap((c) => c._embedded.threads.map((t: Obj) => [t.id, c.id]));
    expect(threads.flatMap((b) => b.records.map((r) => [r['id'], r['conversation_id']])).sort()).toEqual(expectedThreads.sort());

    const states = { customers: lastState(customers)!, conversations: lastState(conversations)!, threads: lastState(threads)! };
    const cursor = Date.parse(String(states.conversations['cursor']));
    expect(cursor).toBe(Math.max(...allConversations.map((c) => Date.parse(c.userUpdatedAt))));

    sandbox.advance({ days: 20 });
    const now = await listed('/v2/conversations?status=all&embed=threads', 'conversations');
    const since = cursor - LOOKBACK_MS;
    const changed = now.filter((c) => Date.parse(c.userUpdatedAt) >= since);
    expect(changed.length).toBeGreaterThan(3);
    const second = await read(streams.get('conversations')!, states.conversations);
    expect(sorted(ids(second))).toEqual(sorted(changed.map((c) => c.id)));
    const byId = new Map(now.map((c) => [c.id, c]));
    for (const r of second.flatMap((b) => b.records)) {
      const { _links, _embedded, ...rest } = byId.get(Number(r['id']))!;
      expect(r).toEqual(rest);
    }
    const secondThreads = await read(streams.get('conversation_threads')!, states.threads);
    expect(sorted(ids(secondThreads))).toEqual(sorted(changed.flatMap((c) => c._embedded.threads.map((t: Obj) => t.id))));
    const customerCursor = Date.parse(String(states.customers['cursor']));
    const changedCustomers = (await listed('/v2/customers', 'customers')).filter((c) => Date.parse(c.updatedAt) >= customerCursor - LOOKBACK_MS);
    expect(changedCustomers.length).toBeGreaterThan(0);
    expect(sorted(ids(await read(streams.get('customers')!, states.customers)))).toEqual(sorted(changedCustomers.map((c) => c.id)));

    const newCursor = Date.parse(String(lastState(second)!['cursor']));
    const third = await read(streams.get('conversations')!, lastState(second));
    expect(sorted(ids(third))).toEqual(sorted(now.filter((c) => Date.parse(c.userUpdatedAt) >= newCursor - LOOKBACK_MS).map((c) => c.id)));
  }, 30_000);

  it('resumes from a checkpoint: the resumed run and the aborted one cover everything', async () => {
    const stream = (await streamsOf(open())).get('conversations')!;
    const full = ids(await read(stream));
    const aborted = await read(stream, undefined, 2);
    const state = lastState(aborted)!;
    const rest = await read(stream, state);
    expect(new Set([...ids(aborted), ...ids(rest)])).toEqual(new Set(full));
    expect(ids(rest).length).toBeLessThan(full.length);
    expect(Date.parse(String(state['cursor']))).toBe(Math.max(...aborted.flatMap((b) => b.records.map((r) => Date.parse(String(r['userUpdatedAt']))))));
  }, 20_000);

  it('honours X-RateLimit-Retry-After on 429s', async () => {
    const faulty = await startSandbox({ seed: 11, scale: 0.1, faults: { helpscout: { rateLimit: 0.3, retryAfterSeconds: 1 } }, vendors: [(c) => createHelpScoutFake(c)] });
    try {
      sent.length = 0;
      const source = open({ base_url: faulty.baseUrl('helpscout') });
      expect(ids(await read((await streamsOf(source)).get('mailboxes')!))).toHaveLength(3);
      const limited = sent.flatMap((s, k) => (s.status === 429 && sent[k + 1] ? [sent[k + 1]!.at - s.at] : []));
      expect(limited.length).toBeGreaterThan(0);
      for (const gap of limited) expect(gap).toBeGreaterThanOrEqual(950);
    } finally {
      await faulty.close();
    }
  }, 20_000);

  it('passes malformed records through (the loader rejects them) without losing its place', async () => {
    const faulty = await startSandbox({ seed: 11, scale: 0.1, faults: { helpscout: { malformed: 1 } }, vendors: [(c) => createHelpScoutFake(c)] });
    try {
      const source = open({ base_url: faulty.baseUrl('helpscout') });
      const batches = await read((await streamsOf(source)).get('conversations')!);
      const records = batches.flatMap((b) => b.records);
      expect(records.some((r) => r['createdAt'] === 'not-a-timestamp')).toBe(true);
      const expectedIds = (await helpScoutListAll(faulty.baseUrl('helpscout'), '/v2/conversations?status=all', await helpScoutToken(faulty.baseUrl('helpscout')), 'conversations')).map((c) => c.id);
      expect(new Set(ids(batches))).toEqual(new Set(expectedIds));
    } finally {
      await faulty.close();
    }
  });
});
