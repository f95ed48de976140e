/**
 * The scheduled freshness check of `basin serve`: a job named
 * `basin.freshness` (a name user jobs cannot take) on its own cron, claimed
 * once per tick across servers like any job. Each check evaluates every
 * expectation against the run store, records the result as the run's events
 * (one `freshness_checked` event with every status, one event per asset that
 * is not ok), ends `failed` when an asset is in `error`, and returns the
 * alerts of assets whose status got worse since the previous check (ok ->
 * warn, ok/warn -> error): a breach alerts once, not at every check.
 */
import type { Logger } from '../../core/logger.js';
import type { Alert, AlertAsset } from '../alerts/alert.js';
import type { Job } from '../jobs/job.js';
import type { RunStatus, RunStore } from '../run-store/run-store.js';
import { evaluateFreshness, type FreshnessResult, type FreshnessStatus } from './evaluate-freshness.js';
import type { FreshnessExpectation } from './freshness-expectations.js';

/** The job name of freshness checks. */
export const FRESHNESS_JOB = 'basin.freshness';
/** The event holding a check's statuses (`data.statuses`: asset key -> status). */
export const FRESHNESS_CHECKED = 'freshness_checked';
/** Default cron of the check: every 15 minutes. */
export const DEFAULT_FRESHNESS_SCHEDULE = '*/15 * * * *';

const RANK: Record<FreshnessStatus, number> = { ok: 0, warn: 1, error: 2 };

/** The Job the scheduler arms for freshness checks. */
export function freshnessJob(schedule: string): Job {
  return {
    name: FRESHNESS_JOB,
    select: [],
    exclude: [],
    schedule,
    timezone: 'UTC',
    retries: { count: 0, backoffSeconds: 0 },
    concurrency: 1,
    missed: 'skip',
    enabled: true,
    file: 'basin.yml',
  };
}

/** One line per asset: `stale: 30.2 h old (warn after 6 h, error after 24 h)`. */
export function describeFreshness(r: FreshnessResult): string {
  const limits = [r.warnAfterHours !== undefined ? `warn after ${r.warnAfterHours} h` : '', r.errorAfterHours !== undefined ? `error after ${r.errorAfterHours} h` : '']
    .filter(Boolean)
    .join(', ');
  if (r.reason === 'never_loaded') return `never loaded (${limits})`;
  const age = `${r.ageIsLowerBound ? 'at least ' : ''}${(r.ageHours ?? 0).toFixed(1)} h old`;
  return `${r.reason === 'latest_failed' ? 'latest run failed, data ' : ''}${age} (${limits})`;
}

/** The statuses of the latest finished check before `runId`, from its event. */
async function previousStatuses(store: RunStore, runId: string): Promise<Map<string, FreshnessStatus>> {
  const { runs } = await store.listRuns({ job: FRESHNESS_JOB, status: ['succeeded', 'failed'], limit: 5 });
  const previous = runs.find((r) => r.id !== runId);
  if (!previous) return new Map();
  const events = await store.listEvents(previous.id, { limit: 5 });
  const data = events.find((e) => e.type === FRESHNESS_CHECKED)?.data;
  const statuses = data && typeof data === 'object' && !Array.isArray(data) ? data['statuses'] : undefined;
  if (!statuses || typeof statuses !== 'object' || Array.isArray(statuses)) return new Map();
  return new Map(Object.entries(statuses).filter((e): e is [string, FreshnessStatus] => e[1] === 'ok' || e[1] === 'warn' || e[1] === 'error'));
}

export interface FreshnessCheckOutcome {
  results: FreshnessResult[];
  status: RunStatus;
  alerts: Alert[];
}

/** Runs one check as run `runId` (already claimed) and records it; the caller sends the alerts. */
export async function runFreshnessCheck(options: {
  store: RunStore;
  runId: string;
  expectations: readonly FreshnessExpectation[];
  at: Date;
  link?: string | undefined;
  logger: Logger;
}): Promise<FreshnessCheckOutcome> {
  const { store, runId, at } = options;
  await store.updateRun(runId, { status: 'running', startedAt: at });
  const latest = await store.latestAssetRuns(options.expectations.map((e) => e.assetKey));
  const results = evaluateFreshness(options.expectations, latest, at);
  const before = await previousStatuses(store, runId);
  const statuses = Object.fromEntries(results.map((r) => [r.assetKey, r.status]));
  const notOk = results.filter((r) => r.status !== 'ok');
  await store.appendEvents(runId, [
    {
      level: notOk.some((r) => r.status === 'error') ? 'error' : notOk.length > 0 ? 'warn' : 'info',
      type: FRESHNESS_CHECKED,
      message: `checked ${results.length} asset(s): ${notOk.filter((r) => r.status === 'error').length} error, ${notOk.filter((r) => r.status === 'warn').length} warn`,
      data: { statuses },
      at,
    },
    ...notOk.map((r) => ({ assetKey: r.assetKey, level: r.status === 'error' ? ('error' as const) : ('warn' as const), type: `freshness_${r.status}`, message: `${r.assetKey} ${describeFreshness(r)}`, at })),
  ]);
  const status: RunStatus = notOk.some((r) => r.status === 'error') ? 'failed' : 'succeeded';
  await store.updateRun(runId, { status, finishedAt: new Date(Math.max(Date.now(), at.getTime())) });

  const worse = notOk.filter((r) => RANK[r.status] > RANK[before.get(r.assetKey) ?? 'ok']);
  const alerts: Alert[] = [];
  for (const level of ['error', 'warn'] as const) {
    const assets: AlertAsset[] = worse.filter((r) => r.status === level).map((r) => ({ key: r.assetKey, status: r.status, detail: describeFreshness(r) }));
    if (assets.length === 0) continue;
    alerts.push({
      event: level === 'error' ? 'freshness_error' : 'freshness_warn',
      title: `${assets.length} asset(s) ${level === 'error' ? 'past their error_after' : 'past their warn_after'} freshness`,
      runId,
      ...(options.link ? { link: options.link } : {}),
      assets,
      at,
    });
  }
  return { results, status, alerts };
}
