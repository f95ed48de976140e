/**
 * Writes a pipeline run into the run store as it happens: each asset's
 * start, retries and result (status, attempts, rows, error, metadata) and an
 * event per step. Writes are queued in order and never block the run; a
 * failing store write is logged, not fatal. Every text is scrubbed of the
 * connections' secret values before it is stored.
 */
import { scrubSecrets } from '../../config/env-interpolation.js';
import type { Logger } from '../../core/logger.js';
import type { AssetRunEvent } from '../runner/asset-outcome.js';
import type { AssetRunRecord, JsonObject, NewRunEvent, RunStore } from '../run-store/run-store.js';

/** The recorder of one run. */
export interface RunRecorder {
  onEvent(event: AssetRunEvent): void;
  /** Records what the run will execute (event `run_planned`), so a rerun after a crash knows what never started. */
  recordPlan(assetKeys: readonly string[]): void;
  /** Waits for every queued write. */
  flush(): Promise<void>;
}


/** The event type holding a run's planned asset keys (`data.assets`). */
export const RUN_PLANNED = 'run_planned';

/** Records `runId`'s asset events into `store`. */
export function createRunRecorder(store: RunStore, runId: string, secrets: readonly string[], logger: Logger): RunRecorder {
  const scrub = (text: string): string => scrubSecrets(text, secrets);
  let queue: Promise<void> = Promise.resolve();
  const enqueue = (write: () => Promise<unknown>): void => {
    queue = queue.then(write).then(
      () => undefined,
      (err: unknown) => logger.warn('run store write failed', { runId, error: (err as Error).message }),
    );
  };
  const event = (e: NewRunEvent): void => enqueue(() => store.appendEvents(runId, [e]));

  return {
    recordPlan(assetKeys) {
      event({ level: 'info', type: RUN_PLANNED, message: `planned ${assetKeys.length} asset(s)`, data: { assets: [...assetKeys] }, at: new Date() });
    },
    onEvent(e) {
      const assetKey = e.asset.key;
      const kind = e.asset.kind;
      if (e.type === 'asset_started') {
        const record: AssetRunRecord = { runId, assetKey, kind, status: 'running', attempts: e.attempt, startedAt: e.at };
        enqueue(() => store.upsertAssetRun(record));
        event({ assetKey, level: 'info', type: 'asset_started', message: `${assetKey} started${e.attempt > 1 ? ` (attempt ${e.attempt})` : ''}`, at: e.at });
        return;
      }
      if (e.type === 'asset_retrying') {
        event({ assetKey, level: 'warn', type: 'asset_retrying', message: scrub(`${assetKey} failed, retrying in ${e.delayMs} ms: ${e.error}`), at: e.at });
        return;
      }
      const r = e.result;
      const error = r.error ? { message: scrub(r.error) } : undefined;
      const metadata: JsonObject = {};
      if (r.message) metadata['message'] = scrub(r.message);
      if (r.skippedBecause) metadata['skipped_because'] = r.skippedBecause;
      if (r.metadata) metadata['detail'] = JSON.parse(scrub(JSON.stringify(r.metadata))) as JsonObject;
      const record: AssetRunRecord = {
        runId,
        assetKey,
        kind,
        status: r.status,
        attempts: r.attempts,
        ...(r.startedAt ? { startedAt: r.startedAt } : {}),
        ...(r.finishedAt ? { finishedAt: r.finishedAt } : {}),
        ...(r.rows !== undefined ? { rows: r.rows } : {}),
        ...(error ? { error } : {}),
        ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
      };
      enqueue(() => store.upsertAssetRun(record));
      const level = r.status === 'failed' ? 'error' : r.status === 'succeeded' ? 'info' : 'warn';
      event({ assetKey, level, type: `asset_${r.status}`, message: scrub(`${assetKey} ${r.status}${r.error ? `: ${r.error}` : ''}`), at: e.at });
    },
    flush: () => queue,
  };
}
