/**
 * A job: a named selection of assets the orchestrator runs on a cron
 * schedule (or on demand), with its retry, timeout, concurrency and
 * missed-tick policies. Jobs come from basin.yml `jobs:` and from the
 * `schedule:` of connections in sources/*.yml (see connection-jobs.ts).
 */

/** What to do with ticks that passed while no scheduler was running. */
export type MissedTickPolicy = 'skip' | 'catch_up_once';

export interface JobRetries {
  /** Extra attempts per asset after the first (0 = none). */
  count: number;
  /** Delay before the first retry; doubles on each further retry. */
  backoffSeconds: number;
}

/** One validated job. */
export interface Job {
  /** The key under `jobs:`, or `ingest_<connection>`. Unique in a project. */
  name: string;
  /** dbt selection syntax across kinds (`source:stripe+`, `tag:finance`, `kind:connection`). */
  select: string[];
  exclude: string[];
  /** Cron expression (5 fields, or 6 with seconds first); absent for a job run only on demand. */
  schedule?: string | undefined;
  /** IANA zone the cron is read in; default `UTC`. */
  timezone: string;
  retries: JobRetries;
  /** The whole run is canceled after this long; absent = no limit. */
  timeoutMinutes?: number | undefined;
  /** Most runs of this job at once, across every scheduler sharing the run store; default 1. */
  concurrency: number;
  missed: MissedTickPolicy;
  /** A disabled job is never scheduled (it can still be run by hand). */
  enabled: boolean;
  /** Where the job is defined: `basin.yml`, or the connection's file for `ingest_<connection>` jobs. */
  file: string;
  /** The connection of an `ingest_<connection>` job. */
  connection?: string | undefined;
}

/** A job the scheduler arms: enabled, with a schedule. */
export type ScheduledJob = Job & { schedule: string };

/** True when the scheduler should arm `job`. */
export function isScheduled(job: Job): job is ScheduledJob {
  return job.enabled && job.schedule !== undefined;
}
