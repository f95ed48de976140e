/**
 * Validates basin.yml `jobs:` (loosely typed on ProjectConfig) into Jobs and
 * adds the jobs of connections' schedules. Errors are ConfigErrors naming
 * `basin.yml`, the line when the file is given, and the key path
 * (`jobs.nightly.schedule: invalid cron expression "..."`).
 */
import path from 'node:path';
import type { ConnectionConfig } from '../../config/connection-config.js';
import type { SyncConfig } from '../../config/sync-config.js';
import type { ProjectConfig } from '../../config/project-config.js';
import { readYamlFile, type YamlFile } from '../../config/yaml-file.js';
import { zodIssuesToConfigError } from '../../config/zod-issues.js';
import { ConfigError } from '../../core/errors.js';
import { connectionJobs, syncJobs } from './connection-jobs.js';
import type { Job } from './job.js';
import { jobsSchema } from './job-schema.js';

/** Where messages point when the YAML file (for line numbers) is not at hand. */
function fileOnly(file: string): YamlFile {
  return { file, value: undefined, lineOf: () => undefined, locationOf: () => ({ file }) };
}

export interface ParseJobsOptions {
  /** The parsed basin.yml, for line numbers; without it messages name the file and key only. */
  yaml?: YamlFile | undefined;
  /** The project's connections: each with a `schedule:` adds an `ingest_<name>` job. */
  connections?: readonly ConnectionConfig[] | undefined;
  /** The project's syncs: each with a `schedule:` adds a `sync_<name>` job. */
  syncs?: readonly SyncConfig[] | undefined;
}

/** Validates `jobs` (basin.yml's `jobs:` value, env already resolved) and adds the connections' jobs. */
export function parseJobs(jobs: unknown, options: ParseJobsOptions = {}): Job[] {
  const yaml = options.yaml ?? fileOnly('basin.yml');
  const parsed = jobsSchema.safeParse(jobs ?? {});
  if (!parsed.success) throw zodIssuesToConfigError(parsed.error.issues, { yaml, input: jobs, schema: jobsSchema, basePath: ['jobs'] });
  const own = Object.entries(parsed.data).map(([name, j]): Job => ({
    name,
    select: j.select,
    exclude: j.exclude ?? [],
    schedule: j.schedule?.trim(),
    timezone: j.timezone,
    retries: { count: j.retries.count, backoffSeconds: j.retries.backoff_seconds },
    timeoutMinutes: j.timeout_minutes,
    concurrency: j.concurrency,
    missed: j.missed,
    enabled: j.enabled,
    file: yaml.file,
  }));
  const names = new Set(own.map((j) => j.name));
  for (const job of [...connectionJobs(options.connections ?? []), ...syncJobs(options.syncs ?? [])]) {
    if (names.has(job.name)) {
      throw new ConfigError(`the name is taken by the job of ${job.file}'s schedule; rename the job or remove the connection's schedule`, {
        location: yaml.locationOf(['jobs', job.name]),
        key: `jobs.${job.name}`,
      });
    }
    own.push(job);
  }
  return own;
}

/** The jobs of a loaded project: basin.yml `jobs:` (re-reading basin.yml for line numbers) plus the connections' schedules. */
export async function loadJobs(config: ProjectConfig, connections: readonly ConnectionConfig[], syncs: readonly SyncConfig[] = []): Promise<Job[]> {
  const basinYml = config.files.basinYml;
  const yaml = basinYml && config.jobs !== undefined ? await readYamlFile(basinYml, path.basename(basinYml)) : undefined;
  return parseJobs(config.jobs, { yaml, connections, syncs });
}
