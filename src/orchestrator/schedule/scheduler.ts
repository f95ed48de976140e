/**
 * The scheduler: arms one timer per scheduled job to its next cron tick (no
 * polling, so a due tick starts within milliseconds), and on each tick
 * claims it in the run store (`claimScheduledRun`, exactly once per job and
 * tick across every scheduler sharing the store) and, only when it won the
 * claim, calls `startRun(job, runId)`. The claimed run is `queued` with this
 * scheduler as owner; startRun runs it and records its outcome.
 *
 * - Concurrency: when the job already has `concurrency` runs queued or
 *   running (in the store, so across servers), the tick is claimed as a
 *   `canceled` run with error code `CONCURRENCY_LIMIT`, visible in history.
 * - Missed ticks: on start, ticks between the job's last claimed tick and now
 *   are skipped (`missed: skip`) or run once, as the latest of them
 *   (`catch_up_once`). A job that never ran has nothing to catch up. A timer
 *   that fires late (the machine slept) runs the latest due tick only.
 * - The clock is injected: tests drive it in virtual time.
 */
import { randomUUID } from 'node:crypto';
import { errorMessage } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { cronSchedule, type CronSchedule } from '../jobs/cron-schedule.js';
import { isScheduled, type Job, type ScheduledJob } from '../jobs/job.js';
import type { RunStore } from '../run-store/run-store.js';
import { lastScheduledTick } from './last-scheduled-tick.js';
import { MAX_TIMER_MS, systemClock, type SchedulerClock, type TimerHandle } from './scheduler-clock.js';
import type { SchedulerEvent } from './scheduler-events.js';

/** Inputs of a {@link Scheduler}. */
export interface SchedulerOptions {
  /** Every job of the project; the enabled ones with a schedule are armed. */
  jobs: readonly Job[];
  store: RunStore;
  /** Runs the claimed, queued run `runId` of `job` (it sets running, then a final status). Not awaited by ticks. */
  startRun(job: ScheduledJob, runId: string): Promise<void> | void;
  /** This server instance: the claimed runs' `owner`, for heartbeats and markInterrupted. */
  owner: string;
  logger: Logger;
  clock?: SchedulerClock | undefined;
  onEvent?: ((event: SchedulerEvent) => void) | undefined;
  /** Run ids; default random UUIDs. */
  newRunId?: (() => string) | undefined;
}

interface Armed {
  job: ScheduledJob;
  schedule: CronSchedule;
  next?: Date | undefined;
  timer?: TimerHandle | undefined;
}

/** Error code of a tick skipped because the job was at its concurrency limit. */
export const CONCURRENCY_LIMIT = 'CONCURRENCY_LIMIT';

export class Scheduler {
  private readonly clock: SchedulerClock;
  private readonly armed = new Map<string, Armed>();
  private readonly inflight = new Set<Promise<void>>();
  private running = false;

  constructor(private readonly options: SchedulerOptions) {
    this.clock = options.clock ?? systemClock;
    for (const job of options.jobs.filter(isScheduled)) {
      this.armed.set(job.name, { job, schedule: cronSchedule(job.schedule, job.timezone) });
    }
  }

  /** Handles missed ticks per job, then arms every job's next tick. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await Promise.all([...this.armed.values()].map((a) => this.track(this.resume(a))));
  }

  /** Clears every timer and waits for ticks being handled (not for the runs they started). */
  async stop(): Promise<void> {
    this.running = false;
    for (const a of this.armed.values()) {
      if (a.timer) this.clock.clearTimer(a.timer);
      a.timer = undefined;
      a.next = undefined;
    }
    await this.idle();
  }

  /** Resolves when no tick is being handled. */
  async idle(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  /** The next armed tick of each job, by job name. */
  nextTicks(): Map<string, Date> {
    const out = new Map<string, Date>();
    for (const [name, a] of this.armed) if (a.next) out.set(name, a.next);
    return out;
  }

  private track(work: Promise<void>): Promise<void> {
    this.inflight.add(work);
    return work.finally(() => this.inflight.delete(work));
  }

  private emit(event: SchedulerEvent): void {
    this.options.onEvent?.(event);
  }

  private async resume(a: Armed): Promise<void> {
    const now = this.clock.now();
    const latest = a.schedule.latestAtOrBefore(now);
    if (latest) {
      const since = await this.safely(a.job.name, latest, () => lastScheduledTick(this.options.store, a.job.name));
      const dueNow = latest.getTime() === now.getTime();
      if (dueNow) {
        await this.handleTick(a.job, latest, false);
      } else if (since !== undefined && since < latest) {
        this.emit({ type: 'missed', job: a.job.name, since, latest, policy: a.job.missed });
        this.options.logger.info(`job ${a.job.name}: ticks missed since ${since.toISOString()}`, { job: a.job.name, latest: latest.toISOString(), policy: a.job.missed });
        if (a.job.missed === 'catch_up_once') await this.handleTick(a.job, latest, true);
      }
    }
    this.arm(a, now);
  }

  /** Arms the first tick after `after`. */
  private arm(a: Armed, after: Date): void {
    if (!this.running) return;
    const next = a.schedule.nextAfter(after);
    a.next = next;
    if (next) this.armAt(a, next);
  }

  private armAt(a: Armed, tick: Date): void {
    const delay = Math.min(Math.max(tick.getTime() - this.clock.now().getTime(), 0), MAX_TIMER_MS);
    a.timer = this.clock.setTimer(() => {
      a.timer = undefined;
      void this.track(this.fire(a, tick));
    }, delay);
  }

  private async fire(a: Armed, tick: Date): Promise<void> {
    if (!this.running) return;
    const now = this.clock.now();
    // Early (a delay longer than a timer can hold, or the clock was set back): wait on.
    if (now < tick) return this.armAt(a, tick);
    const due = a.schedule.latestAtOrBefore(now) ?? tick;
    if (due > tick) {
      this.emit({ type: 'missed', job: a.job.name, since: tick, latest: due, policy: 'late_wakeup' });
      this.options.logger.warn(`job ${a.job.name}: woke up late, running only the latest due tick`, { job: a.job.name, tick: due.toISOString() });
    }
    await this.handleTick(a.job, due, false);
    this.arm(a, due);
  }

  /** Claims `tick` for `job` and starts the run when this scheduler won it. */
  private async handleTick(job: ScheduledJob, tick: Date, catchUp: boolean): Promise<void> {
    const { store, owner } = this.options;
    await this.safely(job.name, tick, async () => {
      const active = await store.listRuns({ job: job.name, status: ['queued', 'running'], limit: Math.min(job.concurrency, 1000) });
      const runId = (this.options.newRunId ?? randomUUID)();
      if (active.runs.length >= job.concurrency) {
        const at = this.clock.now();
        const message = `skipped: ${active.runs.length} run(s) of ${job.name} already in progress (concurrency ${job.concurrency})`;
        const run = { id: runId, selector: job.select, trigger: 'schedule' as const, status: 'canceled' as const, owner, createdAt: at, finishedAt: at, error: { code: CONCURRENCY_LIMIT, message } };
        if (await store.claimScheduledRun(job.name, tick, run)) {
          this.options.logger.warn(`job ${job.name}: ${message}`, { job: job.name, tick: tick.toISOString() });
          this.emit({ type: 'skipped_concurrency', job: job.name, tick, runId, active: active.runs.length });
        } else {
          this.emit({ type: 'claimed_elsewhere', job: job.name, tick });
        }
        return;
      }
      const claimed = await store.claimScheduledRun(job.name, tick, { id: runId, selector: job.select, trigger: 'schedule', status: 'queued', owner, createdAt: this.clock.now() });
      if (!claimed) {
        this.emit({ type: 'claimed_elsewhere', job: job.name, tick });
        return;
      }
      this.options.logger.info(`job ${job.name}: starting run ${runId} for ${tick.toISOString()}`, { job: job.name, runId, catchUp });
      this.emit({ type: 'run_started', job: job.name, tick, runId, catchUp });
      void this.launch(job, tick, runId);
    });
  }

  /** Calls startRun; if it throws, the run is marked failed (unless it already finished). */
  private async launch(job: ScheduledJob, tick: Date, runId: string): Promise<void> {
    try {
      await this.options.startRun(job, runId);
    } catch (err) {
      const message = errorMessage(err);
      this.emit({ type: 'error', job: job.name, tick, message });
      this.options.logger.error(`job ${job.name}: run ${runId} failed to start: ${message}`, { job: job.name, runId });
      await this.options.store.updateRun(runId, { status: 'failed', finishedAt: this.clock.now(), error: { message } }).catch(() => undefined);
    }
  }

  /** Runs `work`; a failure is logged and reported, never thrown (the job stays armed). */
  private async safely<T>(job: string, tick: Date, work: () => Promise<T>): Promise<T | undefined> {
    try {
      return await work();
    } catch (err) {
      const message = errorMessage(err);
      this.emit({ type: 'error', job, tick, message });
      this.options.logger.error(`job ${job}: tick ${tick.toISOString()} failed: ${message}`, { job });
      return undefined;
    }
  }
}
