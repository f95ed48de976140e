/**
 * The job of a connection's own `schedule:` (sources/<name>.yml): named
 * `ingest_<name>`, selecting `source:<name>+`: the connection's ingest, its
 * source tables and everything downstream of them (staging models, marts,
 * their tests), as Dagster's asset jobs and Airflow's dataset-triggered DAGs
 * refresh what depends on fresh data. Timezone UTC, other settings default.
 */
import type { ConnectionConfig } from '../../config/connection-config.js';
import type { SyncConfig } from '../../config/sync-config.js';
import { ConfigError } from '../../core/errors.js';
import { cronSchedule, CronScheduleError } from './cron-schedule.js';
import type { Job } from './job.js';

/** `ingest_<connection>`. */
export function connectionJobName(connection: string): string {
  return `ingest_${connection}`;
}

/** The selector of a connection's job: the connection, its tables and everything downstream. */
export function connectionJobSelector(connection: string): string {
  return `source:${connection}+`;
}

/** One job per connection with a `schedule:`, in the connections' order. Invalid crons fail naming the file and line. */
export function connectionJobs(connections: readonly ConnectionConfig[]): Job[] {
  return connections.flatMap((c): Job[] => {
    if (c.schedule === undefined) return [];
    try {
      cronSchedule(c.schedule, 'UTC');
    } catch (err) {
      if (!(err instanceof CronScheduleError)) throw err;
      throw new ConfigError(err.message, { location: c.locate(['schedule']), key: 'schedule' }, { cause: err });
    }
    return [
      {
        name: connectionJobName(c.name),
        select: [connectionJobSelector(c.name)],
        exclude: [],
        schedule: c.schedule,
        timezone: 'UTC',
        retries: { count: 0, backoffSeconds: 30 },
        concurrency: 1,
        missed: 'skip',
        enabled: true,
        file: c.file,
        connection: c.name,
      },
    ];
  });
}

/** `sync_<sync>`. */
export function syncJobName(sync: string): string {
  return `sync_${sync}`;
}

/** One job per sync with its own `schedule:` (syncs/<name>.yml), selecting just `sync:<name>`. */
export function syncJobs(syncs: readonly SyncConfig[]): Job[] {
  return syncs.flatMap((s): Job[] => {
    if (s.schedule === undefined || !s.enabled) return [];
    try {
      cronSchedule(s.schedule, 'UTC');
    } catch (err) {
      if (!(err instanceof CronScheduleError)) throw err;
      throw new ConfigError(err.message, { location: s.locate(['schedule']), key: 'schedule' }, { cause: err });
    }
    return [
      {
        name: syncJobName(s.name),
        select: [`sync:${s.name}`],
        exclude: [],
        schedule: s.schedule,
        timezone: 'UTC',
        retries: { count: 0, backoffSeconds: 30 },
        concurrency: 1,
        missed: 'skip',
        enabled: true,
        file: s.file,
      },
    ];
  });
}
