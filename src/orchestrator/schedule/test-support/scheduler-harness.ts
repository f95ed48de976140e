/**
 * Test harness for the Scheduler: a scheduler on a virtual clock whose
 * startRun records each call and (unless `hold`) finishes the run at once,
 * plus the race of two schedulers over one run store, tick by tick.
 */
import { silentLogger } from '../../../core/logger.js';
import type { Job, ScheduledJob } from '../../jobs/job.js';
import type { RunStore } from '../../run-store/run-store.js';
import { Scheduler } from '../scheduler.js';
import type { SchedulerEvent } from '../scheduler-events.js';
import { VirtualClock } from './virtual-clock.js';

/** A job with defaults; `extra` overrides. */
export function testJob(name: string, schedule: string, extra: Partial<Job> = {}): Job {
  return { name, select: [`tag:${name}`], exclude: [], schedule, timezone: 'UTC', retries: { count: 0, backoffSeconds: 30 }, concurrency: 1, missed: 'skip', enabled: true, file: 'basin.yml', ...extra };
}

export interface Started {
  job: string;
  runId: string;
  /** ISO time of the virtual clock when startRun was called. */
  at: string;
}

export interface Harness {
  scheduler: Scheduler;
  started: Started[];
  events: SchedulerEvent[];
  /** Waits for tick handling and the runs startRun began. */
  settle(): Promise<void>;
}

/** A scheduler on `clock` and `store`; startRun marks the run running, then (unless `hold`) succeeded. */
export function schedulerHarness(store: RunStore, clock: VirtualClock, jobs: Job[], options: { owner?: string; hold?: boolean } = {}): Harness {
  const started: Started[] = [];
  const events: SchedulerEvent[] = [];
  const runs = new Set<Promise<unknown>>();
  const startRun = (j: ScheduledJob, runId: string): Promise<void> => {
    started.push({ job: j.name, runId, at: clock.now().toISOString() });
    const work = (async () => {
      await store.updateRun(runId, { status: 'running', startedAt: clock.now() });
      if (!options.hold) await store.updateRun(runId, { status: 'succeeded', finishedAt: clock.now() });
    })();
    runs.add(work);
    return work;
  };
  const scheduler = new Scheduler({ jobs, store, startRun, owner: options.owner ?? 'server-a', logger: silentLogger, clock, onEvent: (e) => events.push(e) });
  const settle = async (): Promise<void> => {
    await scheduler.idle();
    await Promise.all([...runs]);
  };
  return { scheduler, started, events, settle };
}

/** The outcome of {@link raceTwoSchedulers}. */
export interface Race {
  a: Harness;
  b: Harness;
  /** Every tick of `fast` (every 10 s) and `slow` (every minute) in the 30 minutes, as ISO strings. */
  fastTicks: string[];
  slowTicks: string[];
}

/**
 * Two schedulers, each on its own store handle and virtual clock, run the
 * jobs `fast` (every 10 s) and `slow` (every minute) for 30 virtual minutes,
 * advancing together in 5 s steps so their claims interleave on the event loop.
 */
export async function raceTwoSchedulers(storeA: RunStore, storeB: RunStore): Promise<Race> {
  const midnight = new Date('2026-06-01T00:00:00Z');
  const start = new Date(midnight.getTime() + 500);
  const clockA = new VirtualClock(start);
  const clockB = new VirtualClock(start);
  const jobs = [testJob('fast', '*/10 * * * * *', { concurrency: 3 }), testJob('slow', '* * * * *', { concurrency: 3 })];
  const a = schedulerHarness(storeA, clockA, jobs, { owner: 'server-a' });
  const b = schedulerHarness(storeB, clockB, jobs, { owner: 'server-b' });
  await Promise.all([a.scheduler.start(), b.scheduler.start()]);
  try {
    for (let t = start.getTime() + 5_000; t <= start.getTime() + 30 * 60_000; t += 5_000) {
      await Promise.all([clockA.advanceTo(new Date(t), a.settle), clockB.advanceTo(new Date(t), b.settle)]);
    }
  } finally {
    await Promise.all([a.scheduler.stop(), b.scheduler.stop()]);
  }
  const ticks = (n: number, everyMs: number): string[] => Array.from({ length: n }, (_, i) => new Date(midnight.getTime() + (i + 1) * everyMs).toISOString());
  return { a, b, fastTicks: ticks(180, 10_000), slowTicks: ticks(30, 60_000) };
}
