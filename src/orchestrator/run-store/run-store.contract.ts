/**
 * The RunStore contract: every implementation runs this suite. `open()` must
 * return a new handle on the SAME store each call (same file, same schema), so
 * the suite can race two handles as two processes or servers would. Tests share
 * that store and keep apart by unique jobs, owners, asset keys and eras of time
 * (the interrupt test lives in 1990, the retention test in 1980).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTERRUPTED_ERROR, type JsonObject, type RunRecord, type RunStore } from './run-store.js';

const at = (iso: string): Date => new Date(iso);
const unique = (prefix: string): string => `${prefix}_${randomUUID().slice(0, 8)}`;

export function describeRunStoreContract(name: string, open: () => Promise<RunStore>): void {
  describe(`RunStore contract: ${name}`, () => {
    const opened: RunStore[] = [];
    let store: RunStore;
    let second: RunStore;
    const handle = async (): Promise<RunStore> => {
      const s = await open();
      opened.push(s);
      return s;
    };

    beforeAll(async () => {
      store = await handle();
      second = await handle();
      await Promise.all([store.migrate(), second.migrate()]);
    });
    afterAll(async () => {
      await Promise.all(opened.map((s) => s.close()));
    });

    it('migrates idempotently', async () => {
      await store.migrate();
      await second.migrate();
      const run = await store.createRun({ selector: [], trigger: 'manual' });
      expect(await second.getRun(run.id)).toEqual(run);
    });

    it('runs a lifecycle: queued, running with assets, succeeded', async () => {
      const before = Date.now();
      const created = await store.createRun({ job: unique('daily'), selector: ['source:stripe+', 'tag:daily'], trigger: 'manual' });
      expect(created.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(created.status).toBe('queued');
      expect(created.createdAt.getTime()).toBeGreaterThanOrEqual(before);
      expect(created).not.toHaveProperty('startedAt');
      expect(await store.getRun(created.id)).toEqual(created);

      const started = await store.updateRun(created.id, { status: 'running', startedAt: at('2026-03-01T10:00:00.123Z'), owner: 'server-a' });
      expect(started).toEqual({ ...created, status: 'running', startedAt: at('2026-03-01T10:00:00.123Z'), owner: 'server-a' });

      await store.upsertAssetRun({ runId: created.id, assetKey: 'source.stripe.customers', kind: 'source', status: 'pending', attempts: 0 });
      await store.upsertAssetRun({ runId: created.id, assetKey: 'model.fct_mrr', kind: 'model', status: 'pending', attempts: 0 });
      const customers = {
        runId: created.id,
        assetKey: 'source.stripe.customers',
        kind: 'source',
        status: 'succeeded' as const,
        attempts: 2,
        startedAt: at('2026-03-01T10:00:01Z'),
        finishedAt: at('2026-03-01T10:00:09Z'),
        rows: 12_345_678_901,
        metadata: { streams: 1, cursor: '2026-03-01' },
      };
      await store.upsertAssetRun(customers);
      // Started assets first (by startedAt), then unstarted ones by key.
      expect(await store.listAssetRuns(created.id)).toEqual([
        { ...customers, metadata: { streams: 1, cursor: '2026-03-01' } },
        { runId: created.id, assetKey: 'model.fct_mrr', kind: 'model', status: 'pending', attempts: 0 },
      ]);

      const failed = await store.updateRun(created.id, {
        status: 'failed',
        finishedAt: at('2026-03-01T10:01:00Z'),
        error: { code: 'WAREHOUSE', message: 'relation "x" does not exist', detail: { sql: 'select 1' } },
      });
      expect(failed.status).toBe('failed');
      expect(failed.error).toEqual({ code: 'WAREHOUSE', message: 'relation "x" does not exist', detail: { sql: 'select 1' } });
      // A final run keeps its status but other fields may still be corrected; null clears.
      const cleared = await store.updateRun(created.id, { error: null, owner: null });
      expect(cleared).not.toHaveProperty('error');
      expect(cleared).not.toHaveProperty('owner');
      expect(await second.getRun(created.id)).toEqual(cleared);
      expect(await store.getRun(randomUUID())).toBeUndefined();
    });

    it('rejects invalid transitions with a code and cause, changing nothing', async () => {
      const run = await store.createRun({ selector: ['model.a'], trigger: 'api' });
      await store.updateRun(run.id, { status: 'running' });
      const done = await store.updateRun(run.id, { status: 'succeeded', finishedAt: at('2026-03-02T00:00:00Z') });
      const err = await store.updateRun(run.id, { status: 'running', startedAt: at('2026-03-03T00:00:00Z') }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'USAGE', reason: 'invalid_transition', cause: { runId: run.id, from: 'succeeded', to: 'running' } });
      expect((err as Error).message).toContain('succeeded');
      expect(await store.getRun(run.id)).toEqual(done);
      await expect(store.updateRun(run.id, { status: 'canceled' })).rejects.toMatchObject({ reason: 'invalid_transition' });
      expect(await store.updateRun(run.id, { status: 'succeeded' })).toEqual(done);

      const running = await store.createRun({ selector: [], trigger: 'api', status: 'running' });
      await expect(store.updateRun(running.id, { status: 'queued' })).rejects.toMatchObject({ reason: 'invalid_transition' });
      const queued = await store.createRun({ selector: [], trigger: 'api' });
      expect((await store.updateRun(queued.id, { status: 'canceled' })).status).toBe('canceled');

      await expect(store.updateRun(randomUUID(), { status: 'running' })).rejects.toMatchObject({ reason: 'not_found' });
      await expect(store.updateRun(randomUUID(), {})).rejects.toMatchObject({ reason: 'not_found' });
    });

    it('rejects duplicates and writes to unknown runs', async () => {
      const run = await store.createRun({ selector: [], trigger: 'manual' });
      await expect(second.createRun({ id: run.id, selector: [], trigger: 'manual' })).rejects.toMatchObject({ code: 'USAGE', reason: 'conflict' });
      const ghost = randomUUID();
      await expect(store.upsertAssetRun({ runId: ghost, assetKey: 'model.a', kind: 'model', status: 'pending', attempts: 0 })).rejects.toMatchObject({
        reason: 'not_found',
      });
      await expect(store.appendEvents(ghost, [{ level: 'info', type: 'log', message: 'x' }])).rejects.toMatchObject({ reason: 'not_found' });
      const bogus = 'bogus' as 'queued';
      await expect(store.createRun({ selector: [], trigger: 'manual', status: bogus })).rejects.toMatchObject({ reason: 'invalid_argument' });
      await expect(store.upsertAssetRun({ runId: run.id, assetKey: 'model.a', kind: 'model', status: bogus as 'pending', attempts: 0 })).rejects.toMatchObject({
        reason: 'invalid_argument',
      });
      await expect(store.createRun({ selector: undefined as unknown as string[], trigger: 'manual' })).rejects.toMatchObject({ reason: 'invalid_argument' });
      expect(await store.listAssetRuns(run.id)).toEqual([]);
      await expect(store.updateRun(run.id, { status: bogus })).rejects.toMatchObject({ reason: 'invalid_argument' });
    });

    it('lists runs newest first, filtered and paged by cursor', async () => {
      const job = unique('paging');
      const base = Date.parse('2026-04-01T00:00:00Z');
      const made: RunRecord[] = [];
      // Three pairs share a createdAt: ties are broken by id, descending.
      for (let i = 0; i < 7; i++) {
        const status = i % 3 === 0 ? 'failed' : 'succeeded';
        made.push(await (i % 2 ? store : second).createRun({ job, selector: [`n${i}`], trigger: 'schedule', status, createdAt: new Date(base + Math.floor(i / 2) * 1000) }));
      }
      await store.createRun({ job: unique('other'), selector: [], trigger: 'manual', createdAt: new Date(base + 5000) });
      const expected = [...made].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));

      const pages: RunRecord[][] = [];
      let cursor: string | undefined;
      do {
        const page = await store.listRuns({ job, limit: 3, before: cursor });
        pages.push(page.runs);
        cursor = page.nextCursor;
      } while (cursor !== undefined);
      expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
      expect(pages.flat()).toEqual(expected);

      const exact = await store.listRuns({ job, limit: 7 });
      expect(exact.runs).toHaveLength(7);
      expect(exact.nextCursor).toBeUndefined();
      expect((await store.listRuns({ job, status: 'failed', limit: 10 })).runs.map((r) => r.id)).toEqual(expected.filter((r) => r.status === 'failed').map((r) => r.id));
      expect((await store.listRuns({ job, status: ['failed', 'succeeded'], limit: 10 })).runs).toHaveLength(7);
      expect((await store.listRuns({ job, status: [], limit: 10 })).runs).toEqual([]);
      const newest = await store.listRuns({ limit: 1 });
      expect(newest.runs[0]!.createdAt.getTime()).toBeGreaterThanOrEqual(expected[0]!.createdAt.getTime());

      await expect(store.listRuns({ limit: 0 })).rejects.toMatchObject({ reason: 'invalid_argument' });
      await expect(store.listRuns({ limit: 1001 })).rejects.toMatchObject({ reason: 'invalid_argument' });
      await expect(store.listRuns({ limit: 5, before: 'not-a-cursor' })).rejects.toMatchObject({ reason: 'invalid_argument' });
    });

    it('appends events with per-run seqs and lists them by seq, asset and page', async () => {
      const run = await store.createRun({ selector: [], trigger: 'manual' });
      const other = await store.createRun({ selector: [], trigger: 'manual' });
      const first = await store.appendEvents(run.id, [
        { level: 'info', type: 'run_started', message: 'started', at: at('2026-05-01T00:00:00.001Z') },
        { level: 'info', type: 'asset_started', message: 'fct_mrr', assetKey: 'model.fct_mrr', at: at('2026-05-01T00:00:00.002Z') },
      ]);
      expect(first.map((e) => e.seq)).toEqual([1, 2]);
      expect((await store.appendEvents(other.id, [{ level: 'debug', type: 'log', message: 'x' }]))[0]!.seq).toBe(1);
      expect(await store.appendEvents(run.id, [])).toEqual([]);
      const more = await second.appendEvents(run.id, [
        { level: 'warn', type: 'log', message: 'slow', assetKey: 'model.fct_mrr', data: { ms: 1200 } },
        { level: 'info', type: 'asset_succeeded', message: 'done', assetKey: 'model.fct_mrr' },
        { level: 'error', type: 'log', message: 'unrelated' },
      ]);
      expect(more.map((e) => e.seq)).toEqual([3, 4, 5]);

      const all = await store.listEvents(run.id);
      expect(all).toEqual([...first, ...more]);
      expect(all[0]).toEqual({ runId: run.id, seq: 1, at: at('2026-05-01T00:00:00.001Z'), level: 'info', type: 'run_started', message: 'started' });
      expect((await store.listEvents(run.id, { afterSeq: 2, limit: 2 })).map((e) => e.seq)).toEqual([3, 4]);
      expect((await store.listEvents(run.id, { assetKey: 'model.fct_mrr' })).map((e) => e.seq)).toEqual([2, 3, 4]);
      expect(await store.listEvents(run.id, { afterSeq: 5 })).toEqual([]);
      await expect(store.listEvents(run.id, { limit: 0 })).rejects.toMatchObject({ reason: 'invalid_argument' });
    });

    it('assigns gap-free seqs under concurrent appends from two handles, committed in seq order', async () => {
      const run = await store.createRun({ selector: [], trigger: 'manual', status: 'running' });
      // A tailer polling with afterSeq must see every seq: none may commit after a higher one was visible.
      const tail = (async () => {
        const seen: number[] = [];
        const deadline = Date.now() + 15_000;
        while ((seen[seen.length - 1] ?? 0) < 200 && Date.now() < deadline) {
          const page = await second.listEvents(run.id, { afterSeq: seen[seen.length - 1] ?? 0 });
          seen.push(...page.map((e) => e.seq));
          if (page.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
        }
        return seen;
      })();
      const batches = await Promise.all(
        Array.from({ length: 40 }, (_, b) =>
          (b % 2 ? second : store).appendEvents(
            run.id,
            Array.from({ length: 5 }, (_, i) => ({ level: 'info' as const, type: 'log', message: `b${b}.${i}` })),
          ),
        ),
      );
      for (const [b, batch] of batches.entries()) {
        // A batch gets consecutive seqs in its own order.
        expect(batch.map((e) => e.message)).toEqual([0, 1, 2, 3, 4].map((i) => `b${b}.${i}`));
        expect(batch.map((e) => e.seq - batch[0]!.seq)).toEqual([0, 1, 2, 3, 4]);
      }
      const seqs = batches.flat().map((e) => e.seq).sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
      expect(await tail).toEqual(seqs);
      const listed = await second.listEvents(run.id, { limit: 10_000 });
      expect(listed.map((e) => e.seq)).toEqual(seqs);
      expect(new Map(listed.map((e) => [e.seq, e.message]))).toEqual(new Map(batches.flat().map((e) => [e.seq, e.message])));
    });

    it('claims each (job, tick) exactly once when two handles race', async () => {
      const job = unique('hourly');
      const ticks = Array.from({ length: 50 }, (_, i) => new Date(Date.parse('2026-06-01T00:00:00Z') + i * 3_600_000));
      const results = await Promise.all(
        ticks.map((tick) =>
          Promise.all([
            store.claimScheduledRun(job, tick, { selector: ['tag:hourly'], owner: 'a' }),
            second.claimScheduledRun(job, tick, { selector: ['tag:hourly'], owner: 'b' }),
          ]),
        ),
      );
      for (const pair of results) expect(pair.filter(Boolean)).toHaveLength(1);
      const { runs } = await store.listRuns({ job, limit: 100 });
      expect(runs).toHaveLength(50);
      expect(runs.map((r) => r.scheduledFor!.getTime()).sort((a, b) => a - b)).toEqual(ticks.map((t) => t.getTime()));
      const winners = results.map(([a]) => (a ? 'a' : 'b'));
      const byTick = new Map(runs.map((r) => [r.scheduledFor!.getTime(), r]));
      ticks.forEach((tick, i) => {
        expect(byTick.get(tick.getTime())).toMatchObject({ job, trigger: 'schedule', status: 'queued', owner: winners[i], selector: ['tag:hourly'] });
      });

      expect(await second.claimScheduledRun(job, ticks[0]!, { selector: [] })).toBe(false);
      expect(await second.claimScheduledRun(unique('other'), ticks[0]!, { selector: [] })).toBe(true);
      // Manual runs of the job (no tick) never collide.
      await store.createRun({ job, selector: [], trigger: 'manual' });
      await store.createRun({ job, selector: [], trigger: 'manual' });
      await expect(store.createRun({ job, selector: [], trigger: 'manual', scheduledFor: ticks[1] })).rejects.toMatchObject({ reason: 'conflict' });
    });

    it('marks a dead owner\'s runs interrupted and their running assets canceled', async () => {
      const dead = unique('server');
      const alive = unique('server');
      const running = await store.createRun({ selector: [], trigger: 'manual', status: 'running', owner: dead });
      const queued = await store.createRun({ selector: [], trigger: 'manual', owner: dead });
      const finished = await store.createRun({ selector: [], trigger: 'manual', status: 'succeeded', owner: dead, finishedAt: at('2026-01-01T00:00:00Z') });
      const others = await store.createRun({ selector: [], trigger: 'manual', status: 'running', owner: alive });
      const asset = (assetKey: string, status: 'running' | 'pending' | 'succeeded', runId = running.id) => ({ runId, assetKey, kind: 'model', status, attempts: 1 });
      await store.upsertAssetRun(asset('model.a', 'running'));
      await store.upsertAssetRun(asset('model.b', 'pending'));
      await store.upsertAssetRun({ ...asset('model.c', 'succeeded'), finishedAt: at('2026-07-01T00:00:00Z') });
      await store.upsertAssetRun(asset('model.a', 'running', others.id));

      const when = at('2026-07-01T12:00:00Z');
      expect(await second.markInterrupted({ owner: dead, at: when })).toBe(2);
      expect(await store.getRun(running.id)).toMatchObject({ status: 'interrupted', finishedAt: when, error: INTERRUPTED_ERROR });
      expect(await store.getRun(queued.id)).toMatchObject({ status: 'interrupted', finishedAt: when });
      expect(await store.getRun(finished.id)).toEqual(finished);
      expect((await store.getRun(others.id))?.status).toBe('running');
      const assets = await store.listAssetRuns(running.id);
      expect(assets.map((a) => [a.assetKey, a.status, a.finishedAt?.toISOString()])).toEqual([
        ['model.a', 'canceled', when.toISOString()],
        ['model.b', 'pending', undefined],
        ['model.c', 'succeeded', '2026-07-01T00:00:00.000Z'],
      ]);
      expect((await store.listAssetRuns(others.id))[0]?.status).toBe('running');
      expect(await store.markInterrupted({ owner: dead })).toBe(0);
      await expect(store.markInterrupted({})).rejects.toMatchObject({ reason: 'invalid_argument' });
      await expect(store.updateRun(running.id, { status: 'running' })).rejects.toMatchObject({ reason: 'invalid_transition' });
    });

    it('interrupts runs by stale heartbeat and keeps fresh ones alive', async () => {
      const owner = unique('server');
      const mk = (extra: Partial<RunRecord>) => store.createRun({ selector: [], trigger: 'schedule', owner, createdAt: at('1990-01-01T00:00:00Z'), ...extra });
      const stale = await mk({ status: 'running', startedAt: at('1990-01-01T00:00:01Z') });
      const neverBeat = await mk({ status: 'running', startedAt: at('1990-02-01T00:00:00Z') });
      const fresh = await mk({ status: 'running', startedAt: at('1990-01-01T00:00:01Z') });
      const oldQueued = await mk({ createdAt: at('1992-01-01T00:00:00Z') });
      const newQueued = await mk({ createdAt: at('1996-01-01T00:00:00Z') });

      expect(await store.heartbeat(owner, [stale.id, fresh.id], at('1991-01-01T00:00:00Z'))).toBe(2);
      expect(await second.heartbeat(owner, [fresh.id], at('1996-01-01T00:00:00Z'))).toBe(1);
      expect(await store.heartbeat('someone-else', [fresh.id], at('1997-01-01T00:00:00Z'))).toBe(0);
      expect(await store.heartbeat(owner, [], at('1997-01-01T00:00:00Z'))).toBe(0);
      expect((await store.getRun(fresh.id))?.heartbeatAt).toEqual(at('1996-01-01T00:00:00Z'));

      const custom = { code: 'SERVER_RESTARTED', message: 'basin serve restarted' };
      expect(await store.markInterrupted({ heartbeatBefore: at('1995-01-01T00:00:00Z'), error: custom, at: at('1995-06-01T00:00:00Z') })).toBe(3);
      for (const run of [stale, neverBeat, oldQueued]) {
        expect(await store.getRun(run.id)).toMatchObject({ status: 'interrupted', error: custom, finishedAt: at('1995-06-01T00:00:00Z') });
      }
      expect((await store.getRun(fresh.id))?.status).toBe('running');
      expect((await store.getRun(newQueued.id))?.status).toBe('queued');
      // A heartbeat no longer touches a finished run.
      expect(await store.heartbeat(owner, [stale.id], at('1997-01-01T00:00:00Z'))).toBe(0);
      await store.updateRun(fresh.id, { status: 'succeeded' });
      await store.updateRun(newQueued.id, { status: 'canceled' });
    });

    it('returns each asset\'s latest finished result', async () => {
      const a = unique('model.latest_a');
      const b = unique('model.latest_b');
      const c = unique('model.latest_c');
      const r1 = await store.createRun({ selector: [], trigger: 'manual', status: 'succeeded' });
      const r2 = await store.createRun({ selector: [], trigger: 'manual', status: 'running' });
      const rec = (runId: string, assetKey: string, status: 'succeeded' | 'failed' | 'warned' | 'running' | 'skipped' | 'canceled', finished?: string) => ({
        runId,
        assetKey,
        kind: 'model',
        status,
        attempts: 1,
        ...(finished ? { finishedAt: at(finished) } : {}),
      });
      await store.upsertAssetRun(rec(r1.id, a, 'succeeded', '2026-08-01T00:00:00Z'));
      await store.upsertAssetRun(rec(r1.id, b, 'failed', '2026-08-01T00:00:00Z'));
      await store.upsertAssetRun(rec(r2.id, a, 'warned', '2026-08-02T00:00:00Z'));
      await store.upsertAssetRun(rec(r2.id, b, 'running'));
      await store.upsertAssetRun(rec(r2.id, c, 'skipped', '2026-08-02T00:00:00Z'));
      await second.upsertAssetRun(rec(r1.id, c, 'canceled', '2026-08-03T00:00:00Z'));

      expect(await store.latestAssetRuns([c, b, a, a])).toEqual([rec(r2.id, a, 'warned', '2026-08-02T00:00:00Z'), rec(r1.id, b, 'failed', '2026-08-01T00:00:00Z')]);
      expect(await store.latestAssetRuns([])).toEqual([]);
      const everything = await second.latestAssetRuns();
      expect(everything.filter((r) => [a, b, c].includes(r.assetKey)).map((r) => [r.assetKey, r.status])).toEqual([
        [a, 'warned'],
        [b, 'failed'],
      ]);
      expect(everything.map((r) => r.assetKey)).toEqual([...everything.map((r) => r.assetKey)].sort());
    });

    it('round-trips JSON, errors and timestamps exactly as given', async () => {
      const metadata: JsonObject = {
        text: 'ünïcødé ✓ 🚀 "quoted" \\ back\nslash',
        nul: 'a\u0000b',
        numbers: [0, -1, 3.25, 1e21, Number.MAX_SAFE_INTEGER],
        flags: { yes: true, no: false, none: null },
        nested: { deep: [{ a: [] }, {}] },
        '': 'empty key',
      };
      const error = { code: 'HTTP_STATUS', message: 'GET https://api.example.com/v1?api_key=sk_live_123 failed: 401', detail: { status: 401 } };
      const run = await store.createRun({
        selector: ['source:stripe', 'model.a+', ''],
        trigger: 'rerun',
        rerunOf: randomUUID(),
        createdAt: at('2026-09-01T01:02:03.004Z'),
        scheduledFor: at('2026-09-01T01:00:00Z'),
        job: unique('json'),
        error,
      });
      expect(await second.getRun(run.id)).toEqual(run);
      expect(run.error).toEqual(error);
      expect(run.createdAt.toISOString()).toBe('2026-09-01T01:02:03.004Z');
      await store.upsertAssetRun({ runId: run.id, assetKey: 'source.stripe.customers', kind: 'source', status: 'failed', attempts: 3, error, metadata, rows: 0 });
      expect((await second.listAssetRuns(run.id))[0]).toEqual({
        runId: run.id,
        assetKey: 'source.stripe.customers',
        kind: 'source',
        status: 'failed',
        attempts: 3,
        error,
        metadata,
        rows: 0,
      });
      const datas = ['plain string', 42, null, [1, 'two', { three: 3 }], { nested: metadata }, true];
      await store.appendEvents(run.id, datas.map((data) => ({ level: 'debug', type: 'log', message: 'ünïcødé ✓', data })));
      await store.appendEvents(run.id, [{ level: 'debug', type: 'log', message: 'no data' }]);
      const events = await second.listEvents(run.id);
      expect(events.map((e) => e.data)).toEqual([...datas, undefined]);
      expect(events[2]).toHaveProperty('data', null);
      expect(events[6]).not.toHaveProperty('data');
      expect(events[0]?.message).toBe('ünïcødé ✓');
    });

    it('prunes old finished runs, keeping active runs and latest results', async () => {
      const asset = unique('model.pruned');
      const heldAsset = unique('model.held');
      const old = (status: 'succeeded' | 'failed' | 'running', day: string) => store.createRun({ selector: [], trigger: 'schedule', status, createdAt: at(`1980-01-${day}T00:00:00Z`) });
      const superseded = await old('succeeded', '01');
      const holder = await old('failed', '02');
      const active = await old('running', '03');
      const recent = await store.createRun({ selector: [], trigger: 'schedule', status: 'succeeded', createdAt: at('1980-06-01T00:00:00Z') });
      const result = (runId: string, assetKey: string, finished: string) => ({ runId, assetKey, kind: 'model', status: 'succeeded' as const, attempts: 1, finishedAt: at(finished) });
      await store.upsertAssetRun(result(superseded.id, asset, '1980-01-01T01:00:00Z'));
      await store.upsertAssetRun(result(holder.id, heldAsset, '1980-01-02T01:00:00Z'));
      await store.upsertAssetRun(result(recent.id, asset, '1980-06-01T01:00:00Z'));
      for (const run of [superseded, holder, active, recent]) {
        await store.appendEvents(run.id, [
          { level: 'info', type: 'log', message: 'one' },
          { level: 'info', type: 'log', message: 'two' },
        ]);
      }

      expect(await second.pruneBefore(at('1980-02-01T00:00:00Z'))).toEqual({ runs: 1, events: 4 });
      expect(await store.getRun(superseded.id)).toBeUndefined();
      expect(await store.listAssetRuns(superseded.id)).toEqual([]);
      expect(await store.listEvents(superseded.id)).toEqual([]);
      expect(await store.getRun(holder.id)).toMatchObject({ status: 'failed' });
      expect(await store.listEvents(holder.id)).toEqual([]);
      expect((await store.latestAssetRuns([heldAsset, asset])).map((r) => r.runId)).toEqual(
        [heldAsset, asset].sort().map((k) => (k === asset ? recent.id : holder.id)),
      );
      expect(await store.listEvents(active.id)).toHaveLength(2);
      expect(await store.listEvents(recent.id)).toHaveLength(2);
      expect(await store.pruneBefore(at('1980-02-01T00:00:00Z'))).toEqual({ runs: 0, events: 0 });
      // New events continue the seq of a pruned run's counter.
      expect((await store.appendEvents(holder.id, [{ level: 'info', type: 'log', message: 'late' }]))[0]?.seq).toBe(3);
      await store.updateRun(active.id, { status: 'canceled' });
    });
  });
}
