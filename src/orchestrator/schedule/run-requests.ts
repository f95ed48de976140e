/**
 * Runs asked for by hand on a server (API, or the CLI going through a running
 * `basin serve`): a job now, an ad-hoc selection, or a rerun of what failed or
 * was skipped in an earlier run. Each becomes a queued run in the store, owned
 * by this server, and is handed to the JobRunner without waiting for its end.
 */
import { BasinError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { AssetGraph } from '../assets/build-asset-graph.js';
import { selectAssets } from '../assets/select-assets.js';
import type { Job } from '../jobs/job.js';
import { rerunPlanOf } from '../pipeline/rerun-plan.js';
import type { RunRecord, RunStore } from '../run-store/run-store.js';
import type { JobRunner } from './job-runner.js';

export interface RunRequestDeps {
  store: RunStore;
  runner: JobRunner;
  assets: AssetGraph;
  owner: string;
  projectName: string;
  logger: Logger;
}

/** An ad-hoc run: a selection (dbt syntax across kinds), or a job's selection and settings. */
export interface AdHocRunRequest {
  job?: Job | undefined;
  select?: readonly string[] | undefined;
  exclude?: readonly string[] | undefined;
  fullRefresh?: boolean | undefined;
  kinds?: readonly string[] | undefined;
  fullResync?: boolean | undefined;
  dryRun?: boolean | undefined;
  /** Extra attempts per asset (backoff 2 s, doubling). */
  retries?: number | undefined;
}

/** The job an ad-hoc selection runs as: on demand, no retries unless asked, no run limit. */
function adHocJob(select: readonly string[], exclude: readonly string[], retries: number): Job {
  return {
    name: 'ad hoc',
    select: [...select],
    exclude: [...exclude],
    timezone: 'UTC',
    retries: { count: retries, backoffSeconds: 2 },
    concurrency: Number.POSITIVE_INFINITY,
    missed: 'skip',
    enabled: false,
    file: '(request)',
  };
}

/**
 * Queues and starts a run. The selection is resolved first, so a bad
 * selector fails here (SELECTION) and one that selects nothing fails with
 * USAGE, before any run is recorded.
 */
export async function submitRun(deps: RunRequestDeps, request: AdHocRunRequest): Promise<RunRecord> {
  const base = request.job;
  const select = request.select && request.select.length > 0 ? request.select : (base?.select ?? []);
  const exclude = request.exclude ?? base?.exclude ?? [];
  const { ids } = selectAssets(deps.assets, { select: select.length > 0 ? select : undefined, exclude, kinds: request.kinds }, deps.projectName);
  if (ids.length === 0) throw new BasinError('USAGE', `the selection ${JSON.stringify(select)} matches no asset`);
  const job = base && request.select === undefined && request.exclude === undefined ? base : adHocJob(select, exclude, request.retries ?? base?.retries.count ?? 0);
  const run = await deps.store.createRun({
    ...(base ? { job: base.name } : {}),
    selector: [...select],
    trigger: 'api',
    owner: deps.owner,
  });
  void deps.runner.start(job, run.id, { fullRefresh: request.fullRefresh, kinds: request.kinds, fullResync: request.fullResync, dryRun: request.dryRun });
  return run;
}

/**
 * Queues and starts a rerun of `previous`: only its assets that failed, were
 * skipped, canceled or never finished (and still exist). Undefined when
 * nothing is left to rerun.
 */
export async function submitRerun(deps: RunRequestDeps, previous: RunRecord, jobs: readonly Job[]): Promise<RunRecord | undefined> {
  const plan = await rerunPlanOf(deps.store, deps.assets, previous.id);
  for (const key of plan.missing) deps.logger.warn(`${key} failed in run ${previous.id} but is no longer in the project`);
  if (plan.ids.length === 0) return undefined;
  const job = jobs.find((j) => j.name === previous.job) ?? adHocJob(previous.selector, [], 0);
  const run = await deps.store.createRun({
    ...(previous.job ? { job: previous.job } : {}),
    selector: previous.selector,
    trigger: 'rerun',
    rerunOf: previous.id,
    owner: deps.owner,
  });
  void deps.runner.start(job, run.id, { assetIds: plan.ids });
  return run;
}
