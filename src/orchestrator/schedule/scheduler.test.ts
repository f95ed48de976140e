import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../core/logger.js';
import { tempProjects } from '../../core/test-support/temp-projects.js';
import type { RunStore } from '../run-store/run-store.js';
import { createSqliteRunStore } from '../run-store/sqlite-run-store.js';
import { CONCURRENCY_LIMIT, Scheduler } from './scheduler.js';
import type { SchedulerEvent } from './scheduler-events.js';
import { raceTwoSchedulers, schedulerHarness, testJob as job, type Harness } from './test-support/scheduler-harness.js';
import { VirtualClock } from './test-support/virtual-clock.js';

const temp = tempProjects('basin-scheduler-');
const stores: RunStore[] = [];
const schedulers: Scheduler[] = [];
afterEach(async () => {
  await Promise.all(schedulers.splice(0).map((s) => s.stop()));
  await Promise.all(stores.splice(0).map((s) => s.close()));
});
afterAll(() => temp.cleanup());

async function openStore(file?: string): Promise<{ store: RunStore; file: string }> {
  const at = file ?? path.join(await temp.project({}), 'runs.sqlite');
  const store = await createSqliteRunStore({ path: at, logger: silentLogger });
  await store.migrate();
  stores.push(store);
  return { store, file: at };
}

/** A harness whose scheduler afterEach stops. */
function harness(...args: Parameters<typeof schedulerHarness>): Harness {
  const h = schedulerHarness(...args);
  schedulers.push(h.scheduler);
  return h;
}

const iso = (s: string): string => new Date(s).toISOString();

describe('Scheduler', () => {
  it('fires at the cron instants of a zone across DST changes, the moment they are due', async () => {
    const { store } = await openStore();
    const clock = new VirtualClock(new Date('2026-03-27T00:00:00Z'));
    const h = harness(store, clock, [
      job('berlin', '30 2 * * *', { timezone: 'Europe/Berlin' }),
      job('newyork', '30 1 * * *', { timezone: 'America/New_York' }),
      job('nyhourly', '0 * * * *', { timezone: 'America/New_York' }),
      job('manual', '0 0 * * *', { enabled: false }),
      { ...job('adhoc', '0 0 * * *'), schedule: undefined },
    ]);
    await h.scheduler.start();
    expect(h.scheduler.nextTicks()).toEqual(
      new Map([['berlin', new Date('2026-03-27T01:30:00Z')], ['newyork', new Date('2026-03-27T05:30:00Z')], ['nyhourly', new Date('2026-03-27T01:00:00Z')]]),
    );
    await clock.advanceTo(new Date('2026-03-31T00:00:00Z'), h.settle);
    // Berlin: CET is UTC+1 until Sunday 29 March 02:00, when 02:30 does not exist (runs at 03:30 CEST), then UTC+2.
    expect(h.started.filter((s) => s.job === 'berlin').map((s) => s.at)).toEqual(
      ['2026-03-27T01:30:00Z', '2026-03-28T01:30:00Z', '2026-03-29T01:30:00Z', '2026-03-30T00:30:00Z'].map(iso),
    );
    expect(h.started.filter((s) => s.job === 'newyork').map((s) => s.at)).toEqual(
      ['2026-03-27T05:30:00Z', '2026-03-28T05:30:00Z', '2026-03-29T05:30:00Z', '2026-03-30T05:30:00Z'].map(iso),
    );
    // New York falls back on Sunday 1 November: 01:30 happens twice and runs once (EDT), then 01:30 EST.
    clock.jumpTo(new Date('2026-10-30T00:00:00Z'));
    await h.scheduler.stop();
    await h.scheduler.start();
    await clock.advanceTo(new Date('2026-11-03T00:00:00Z'), h.settle);
    expect(h.started.filter((s) => s.job === 'newyork' && s.at > '2026-10').map((s) => s.at)).toEqual(
      ['2026-10-30T05:30:00Z', '2026-10-31T05:30:00Z', '2026-11-01T05:30:00Z', '2026-11-02T06:30:00Z'].map(iso),
    );
    // An hourly job runs every hour through the repeated one: 01:00 EDT (05:00Z) and 01:00 EST (06:00Z). The restart at 00:00Z is itself a tick.
    const hourly = Array.from({ length: 97 }, (_, i) => new Date(Date.parse('2026-10-30T00:00:00Z') + i * 3_600_000).toISOString());
    expect(h.started.filter((s) => s.job === 'nyhourly' && s.at > '2026-10').map((s) => s.at)).toEqual(hourly);
    // Each start is the claimed run of its tick: scheduled, queued for this owner, then run by startRun.
    const page = await store.listRuns({ job: 'berlin', limit: 100 });
    expect(page.runs.map((r) => r.scheduledFor?.toISOString()).reverse()).toEqual(h.started.filter((s) => s.job === 'berlin').map((s) => s.at));
    expect(page.runs[0]).toMatchObject({ trigger: 'schedule', owner: 'server-a', selector: ['tag:berlin'], status: 'succeeded' });
    expect(h.started.some((s) => s.job === 'manual' || s.job === 'adhoc')).toBe(false);
  });

  it('two schedulers on one SQLite store claim every tick exactly once', async () => {
    const { store: storeA, file } = await openStore();
    const { store: storeB } = await openStore(file);
    const { a, b, fastTicks, slowTicks } = await raceTwoSchedulers(storeA, storeB);
    const all = [...a.started, ...b.started];
    expect(all.filter((s) => s.job === 'fast').map((s) => s.at).sort()).toEqual(fastTicks);
    expect(all.filter((s) => s.job === 'slow').map((s) => s.at).sort()).toEqual(slowTicks);
    expect([...a.events, ...b.events].filter((e) => e.type === 'claimed_elsewhere')).toHaveLength(210);
    expect([...a.events, ...b.events].filter((e) => e.type === 'skipped_concurrency' || e.type === 'error')).toEqual([]);
    const runs = (await storeA.listRuns({ job: 'fast', limit: 1000 })).runs;
    expect(runs.map((r) => r.scheduledFor?.toISOString()).sort()).toEqual(fastTicks);
    // The owner of each run is the scheduler that started it.
    const owners = new Map(all.map((s) => [s.runId, a.started.includes(s) ? 'server-a' : 'server-b']));
    for (const r of runs) expect(r.owner).toBe(owners.get(r.id));
  });

  it('after downtime, skip ignores missed ticks and catch_up_once runs the latest one, once across schedulers', async () => {
    const { store, file } = await openStore();
    const clock = new VirtualClock(new Date('2026-06-01T00:00:00.500Z'));
    const jobs = [job('skipper', '0 * * * *'), job('catcher', '0 * * * *', { missed: 'catch_up_once' }), job('fresh', '0 * * * *', { missed: 'catch_up_once' })];
    const first = harness(store, clock, jobs.slice(0, 2));
    await first.scheduler.start();
    await clock.advanceTo(new Date('2026-06-01T02:30:00Z'), first.settle);
    expect(first.started.map((s) => `${s.job}@${s.at}`)).toEqual(
      ['skipper@2026-06-01T01:00:00Z', 'catcher@2026-06-01T01:00:00Z', 'skipper@2026-06-01T02:00:00Z', 'catcher@2026-06-01T02:00:00Z'].map((s) => s.replace(/@(.*)$/, (_, t: string) => `@${iso(t)}`)),
    );
    await first.scheduler.stop();

    // Down for five hours; two servers come back at once.
    clock.jumpTo(new Date('2026-06-01T07:45:00Z'));
    const clockB = new VirtualClock(clock.now());
    const { store: other } = await openStore(file);
    const a = harness(store, clock, jobs, { owner: 'server-a' });
    const b = harness(other, clockB, jobs, { owner: 'server-b' });
    await Promise.all([a.scheduler.start(), b.scheduler.start()]);
    await Promise.all([a.settle(), b.settle()]);
    const caughtUp = [...a.events, ...b.events].filter((e) => e.type === 'run_started');
    expect(caughtUp).toEqual([{ type: 'run_started', job: 'catcher', tick: new Date('2026-06-01T07:00:00Z'), runId: expect.any(String) as string, catchUp: true }]);
    expect(a.events.filter((e) => e.type === 'missed').map((e) => e.type === 'missed' && [e.job, e.since?.toISOString(), e.latest.toISOString(), e.policy])).toEqual([
      ['skipper', iso('2026-06-01T02:00:00Z'), iso('2026-06-01T07:00:00Z'), 'skip'],
      ['catcher', iso('2026-06-01T02:00:00Z'), iso('2026-06-01T07:00:00Z'), 'catch_up_once'],
    ]);
    // A job that never ran has nothing to catch up. Next ticks run normally.
    await Promise.all([clock.advanceTo(new Date('2026-06-01T08:00:00Z'), a.settle), clockB.advanceTo(new Date('2026-06-01T08:00:00Z'), b.settle)]);
    const ticks = async (name: string): Promise<string[]> => (await store.listRuns({ job: name, limit: 100 })).runs.map((r) => r.scheduledFor!.toISOString()).sort();
    expect(await ticks('skipper')).toEqual(['01:00', '02:00', '08:00'].map((t) => iso(`2026-06-01T${t}:00Z`)));
    expect(await ticks('catcher')).toEqual(['01:00', '02:00', '07:00', '08:00'].map((t) => iso(`2026-06-01T${t}:00Z`)));
    expect(await ticks('fresh')).toEqual([iso('2026-06-01T08:00:00Z')]);
  });

  it('skips a tick as a canceled run when the job is at its concurrency limit', async () => {
    const { store } = await openStore();
    const clock = new VirtualClock(new Date('2026-06-01T00:00:00.500Z'));
    const h = harness(store, clock, [job('single', '*/15 * * * *'), job('pair', '*/15 * * * *', { concurrency: 2 })], { hold: true });
    await h.scheduler.start();
    await clock.advanceTo(new Date('2026-06-01T00:45:00Z'), h.settle);
    expect(h.started.map((s) => `${s.job} ${s.at.slice(11, 16)}`)).toEqual(['single 00:15', 'pair 00:15', 'pair 00:30']);
    const single = (await store.listRuns({ job: 'single', limit: 10 })).runs.reverse();
    expect(single.map((r) => [r.scheduledFor?.toISOString().slice(11, 16), r.status, r.error?.code])).toEqual([
      ['00:15', 'running', undefined],
      ['00:30', 'canceled', CONCURRENCY_LIMIT],
      ['00:45', 'canceled', CONCURRENCY_LIMIT],
    ]);
    expect(single[1]?.error?.message).toBe('skipped: 1 run(s) of single already in progress (concurrency 1)');
    expect(single[1]?.finishedAt).toEqual(new Date('2026-06-01T00:30:00Z'));
    expect(h.events.filter((e) => e.type === 'skipped_concurrency').map((e) => e.job)).toEqual(['single', 'single', 'pair']);
    // When the running one finishes, the next tick runs.
    await store.updateRun(single[0]!.id, { status: 'succeeded', finishedAt: clock.now() });
    await clock.advanceTo(new Date('2026-06-01T01:00:00Z'), h.settle);
    expect(h.started.filter((s) => s.job === 'single').map((s) => s.at)).toEqual([iso('2026-06-01T00:15:00Z'), iso('2026-06-01T01:00:00Z')]);
  });

  it('marks the run failed when startRun throws, keeps the job armed, and stop() clears every timer', async () => {
    const { store } = await openStore();
    const clock = new VirtualClock(new Date('2026-06-01T00:00:00.500Z'));
    let calls = 0;
    const events: SchedulerEvent[] = [];
    const scheduler = new Scheduler({
      jobs: [job('boom', '0 * * * *')],
      store,
      owner: 'server-a',
      logger: silentLogger,
      clock,
      onEvent: (e) => events.push(e),
      startRun: () => {
        calls++;
        throw new Error('no warehouse');
      },
    });
    schedulers.push(scheduler);
    await scheduler.start();
    const settle = async (): Promise<void> => {
      await scheduler.idle();
      await new Promise((r) => setImmediate(r));
    };
    await clock.advanceTo(new Date('2026-06-01T02:00:00Z'), settle);
    expect(calls).toBe(2);
    const runs = (await store.listRuns({ job: 'boom', limit: 10 })).runs;
    expect(runs.map((r) => [r.status, r.error?.message, r.finishedAt?.toISOString()])).toEqual([
      ['failed', 'no warehouse', iso('2026-06-01T02:00:00Z')],
      ['failed', 'no warehouse', iso('2026-06-01T01:00:00Z')],
    ]);
    expect(events.filter((e) => e.type === 'error')).toHaveLength(2);
    expect(clock.pendingTimers()).toBe(1);
    await scheduler.stop();
    expect(clock.pendingTimers()).toBe(0);
    expect(scheduler.nextTicks().size).toBe(0);
    await clock.advanceTo(new Date('2026-06-01T05:00:00Z'), settle);
    expect(calls).toBe(2);
  });

  it('waits longer than one timer can (about 24.8 days) and still fires on the instant', async () => {
    const { store } = await openStore();
    const clock = new VirtualClock(new Date('2026-06-01T10:00:00Z'));
    const h = harness(store, clock, [job('yearly', '0 0 1 1 *', { timezone: 'Asia/Tokyo' })]);
    await h.scheduler.start();
    expect(h.scheduler.nextTicks().get('yearly')).toEqual(new Date('2026-12-31T15:00:00Z'));
    await clock.advanceTo(new Date('2027-12-31T15:00:00Z'), h.settle);
    expect(h.started.map((s) => s.at)).toEqual([iso('2026-12-31T15:00:00Z'), iso('2027-12-31T15:00:00Z')]);
  });
});
