/** The alert of a job run that ended failed: its failed assets with their errors, how many were skipped. */
import type { RunStore } from '../run-store/run-store.js';
import type { Alert } from './alert.js';

/** Builds the run_failed alert of `runId` from what the store recorded. */
export async function runFailedAlert(store: RunStore, runId: string, link: string | undefined, at: Date): Promise<Alert | undefined> {
  const run = await store.getRun(runId);
  if (!run) return undefined;
  const assets = await store.listAssetRuns(runId);
  const failed = assets.filter((a) => a.status === 'failed');
  const skipped = assets.filter((a) => a.status === 'skipped').length;
  const name = run.job ? `Job ${run.job}` : `Run ${run.id}`;
  const what =
    failed.length > 0
      ? `${failed.length} of ${assets.length} asset(s) failed${skipped > 0 ? `, ${skipped} skipped` : ''}`
      : (run.error?.message ?? `the run ended ${run.status}`);
  return {
    event: 'run_failed',
    title: `${name} failed: ${what}`,
    ...(run.job ? { job: run.job } : {}),
    runId,
    ...(link ? { link } : {}),
    assets: failed.map((a) => ({ key: a.assetKey, status: a.status, detail: a.error?.message })),
    at,
  };
}
