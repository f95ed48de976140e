/**
 * Runs the claimed run of a job tick: what a Scheduler's `startRun` does in
 * `basin serve`. Marks the run running (owned by this server), runs the
 * pipeline with the job's settings, records each asset as it goes (the run
 * recorder, secrets scrubbed), enforces `timeout_minutes` on the whole run,
 * and sets the final status: succeeded, failed (asset failures, a timeout
 * with code `TIMEOUT`, a thrown error), or canceled (server shutdown).
 * Keeps the ids of active runs for heartbeats.
 */
import { errorMessage } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { Job } from '../jobs/job.js';
import { jobRunSettings, type JobRunSettings } from '../jobs/job-run-settings.js';
import { scrubSecrets } from '../../config/env-interpolation.js';
import { createRunRecorder } from '../pipeline/run-recorder.js';
import type { AssetRunEvent } from '../runner/asset-outcome.js';
import type { RunStatus, RunStore, StoredError } from '../run-store/run-store.js';
import { systemClock, type SchedulerClock } from './scheduler-clock.js';

/** What a run asks beyond its job's selection: exactly these assets (a rerun), or a full refresh. */
export interface RunRequestOptions {
  /** Asset ids to run instead of the job's selection (a rerun of what failed or was skipped). */
  assetIds?: readonly string[] | undefined;
  /** Rebuild incremental models and re-read connections from scratch. */
  fullRefresh?: boolean | undefined;
  /** Only assets of these kinds (`basin activate`: sync). */
  kinds?: readonly string[] | undefined;
  /** Syncs resend everything. */
  fullResync?: boolean | undefined;
  /** Syncs compute their diff and send nothing. */
  dryRun?: boolean | undefined;
}

/** What the pipeline call receives: the job's settings, the run's signal and the recorder's event sink. */
export type JobPipelineInput = JobRunSettings &
  RunRequestOptions & { job: Job; runId: string; signal: AbortSignal; onEvent: (event: AssetRunEvent) => void; onPlanned: (assetKeys: string[]) => void };

/** The part of runPipeline's summary the runner reads. */
export interface JobPipelineOutcome {
  failed: boolean;
  canceled: boolean;
}

export interface JobRunnerOptions {
  store: RunStore;
  /** This server instance; set as the runs' owner. */
  owner: string;
  /** Runs one job run, e.g. `(input) => runPipeline({ manifest, assets, connections, warehouse, ingest, logger, ...input })`. */
  runPipeline(input: JobPipelineInput): Promise<JobPipelineOutcome>;
  /** Secret values to scrub from stored messages (the connections' secrets). */
  secrets: readonly string[];
  logger: Logger;
  clock?: SchedulerClock | undefined;
  /** Called after a run's final status is stored (alerts); its errors are logged, never thrown. */
  onFinished?: ((run: { job: Job; runId: string; status: RunStatus }) => Promise<void> | void) | undefined;
}

/** Error code of a run stopped by its job's `timeout_minutes`. */
export const RUN_TIMEOUT = 'TIMEOUT';

export class JobRunner {
  private readonly clock: SchedulerClock;
  private readonly active = new Map<string, { controller: AbortController; done: Promise<void> }>();
  private readonly scrub: (text: string) => string;

  constructor(private readonly options: JobRunnerOptions) {
    this.clock = options.clock ?? systemClock;
    this.scrub = (text) => scrubSecrets(text, options.secrets);
  }

  /** Runs `runId` of `job` to its end: pass as the Scheduler's `startRun` (also runs on-demand jobs, reruns and ad-hoc selections). */
  start(job: Job, runId: string, request: RunRequestOptions = {}): Promise<void> {
    const controller = new AbortController();
    const done = this.run(job, runId, controller, request).finally(() => this.active.delete(runId));
    this.active.set(runId, { controller, done });
    return done;
  }

  /** Cancels one active run; false when it is not running here. */
  cancel(runId: string, reason = 'canceled on request'): boolean {
    const run = this.active.get(runId);
    if (!run) return false;
    run.controller.abort(new Error(reason));
    return true;
  }

  /** Ids of the runs in progress (for `store.heartbeat(owner, ids, now)`). */
  activeRunIds(): string[] {
    return [...this.active.keys()];
  }

  /** Cancels every active run (server shutdown) and waits for them to record their end. */
  async cancelAll(reason = 'the server is shutting down'): Promise<void> {
    const runs = [...this.active.values()];
    for (const r of runs) r.controller.abort(new Error(reason));
    await Promise.allSettled(runs.map((r) => r.done));
  }

  private async run(job: Job, runId: string, controller: AbortController, request: RunRequestOptions): Promise<void> {
    const { store, logger } = this.options;
    await store.updateRun(runId, { status: 'running', startedAt: this.clock.now(), owner: this.options.owner, heartbeatAt: this.clock.now() });
    const settings = jobRunSettings(job);
    let timedOut = false;
    const timer =
      settings.runTimeoutMs !== undefined
        ? this.clock.setTimer(() => {
            timedOut = true;
            controller.abort(new Error(`job ${job.name} exceeded timeout_minutes (${job.timeoutMinutes})`));
          }, settings.runTimeoutMs)
        : undefined;
    const recorder = createRunRecorder(store, runId, this.options.secrets, logger);
    let status: RunStatus;
    let error: StoredError | undefined;
    try {
      const outcome = await this.options.runPipeline({ ...settings, ...request, job, runId, signal: controller.signal, onEvent: (e) => recorder.onEvent(e), onPlanned: (keys) => recorder.recordPlan(keys) });
      if (timedOut) {
        status = 'failed';
        error = { code: RUN_TIMEOUT, message: `the run exceeded the job's timeout_minutes (${job.timeoutMinutes})` };
      } else {
        status = outcome.canceled || controller.signal.aborted ? 'canceled' : outcome.failed ? 'failed' : 'succeeded';
      }
    } catch (err) {
      status = 'failed';
      error = timedOut ? { code: RUN_TIMEOUT, message: `the run exceeded the job's timeout_minutes (${job.timeoutMinutes})` } : { message: this.scrub(errorMessage(err)) };
      logger.error(`job ${job.name}: run ${runId} failed: ${error.message}`, { job: job.name, runId });
    } finally {
      if (timer) this.clock.clearTimer(timer);
    }
    await recorder.flush();
    await store.updateRun(runId, { status, finishedAt: this.clock.now(), ...(error ? { error } : {}) });
    try {
      await this.options.onFinished?.({ job, runId, status });
    } catch (err) {
      logger.warn(`after run ${runId}: ${errorMessage(err)}`, { runId });
    }
  }
}
