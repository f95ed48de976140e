/**
 * What a Scheduler reports as it works, for logs, metrics and tests. Only
 * the scheduler that claimed a tick reports `run_started` or
 * `skipped_concurrency` for it; the others report `claimed_elsewhere`.
 */

export type SchedulerEvent =
  /** This scheduler claimed the tick and called startRun. `catchUp` marks the one run of missed ticks. */
  | { type: 'run_started'; job: string; tick: Date; runId: string; catchUp: boolean }
  /** Another scheduler sharing the run store claimed the tick first. */
  | { type: 'claimed_elsewhere'; job: string; tick: Date }
  /** The job had `concurrency` runs queued or running: the tick is recorded as a canceled run. */
  | { type: 'skipped_concurrency'; job: string; tick: Date; runId: string; active: number }
  /** Ticks passed while no scheduler ran (or the process slept); `latest` is the newest of them. */
  | { type: 'missed'; job: string; since: Date | undefined; latest: Date; policy: 'skip' | 'catch_up_once' | 'late_wakeup' }
  /** Handling a tick failed (run store unreachable, startRun threw); the job stays armed for its next tick. */
  | { type: 'error'; job: string; tick: Date; message: string };
