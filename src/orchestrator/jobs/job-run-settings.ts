/**
 * What a job's settings mean for one run of runPipeline: the selection, the
 * per-asset retry policy, and the deadline of the whole run (the caller
 * aborts the run's signal when it passes and records the run as failed).
 */
import type { RetryPolicy } from '../runner/run-assets.js';
import type { Job } from './job.js';

export interface JobRunSettings {
  select: string[];
  exclude: string[];
  /** Per asset: extra attempts with exponential backoff; undefined when the job has no retries. */
  retry?: RetryPolicy | undefined;
  /** The whole run's time limit; undefined = none. */
  runTimeoutMs?: number | undefined;
}

/** The runPipeline settings of `job`. */
export function jobRunSettings(job: Job): JobRunSettings {
  return {
    select: [...job.select],
    exclude: [...job.exclude],
    retry: job.retries.count > 0 ? { count: job.retries.count, backoffMs: job.retries.backoffSeconds * 1000 } : undefined,
    runTimeoutMs: job.timeoutMinutes !== undefined ? job.timeoutMinutes * 60_000 : undefined,
  };
}
