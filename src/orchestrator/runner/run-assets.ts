/**
 * Runs selected assets in graph order: every asset starts as soon as its
 * upstream assets have succeeded and the concurrency limits allow; a failed
 * asset (after its retries) skips only its downstream; a timeout fails the
 * attempt; cancellation stops everything cleanly (running assets receive the
 * signal, the rest are recorded as canceled).
 */
import { errorMessage, isAbortError } from '../../core/errors.js';
import { sleep } from '../../ingest/http/sleep.js';
import type { DependencyGraph } from '../../transform/graph/dependency-graph.js';
import { ExecutionScheduler } from '../../transform/graph/execution-scheduler.js';
import type { Asset } from '../assets/asset.js';
import type { AssetExecutor, AssetOutcome, AssetRunEvent, AssetRunResult } from './asset-outcome.js';
import { ConcurrencyGate, type ConcurrencyLimits } from './concurrency-limits.js';

/** Retries of a failed attempt. */
export interface RetryPolicy {
  /** Extra attempts after the first (0 = no retry). */
  count: number;
  /** Delay before the first retry; doubles each time, with jitter. */
  backoffMs: number;
  maxBackoffMs?: number | undefined;
}

/** Inputs of {@link runAssets}. */
export interface RunAssetsOptions {
  assets: ReadonlyMap<string, Asset>;
  /** The execution graph (asset dependencies plus dbt build's test edges). */
  graph: DependencyGraph;
  /** The assets to run; ordering through assets left out is kept. */
  ids: readonly string[];
  execute: AssetExecutor;
  limits: ConcurrencyLimits;
  retry?: RetryPolicy | undefined;
  /** Per attempt; undefined = none. */
  timeoutMs?: number | undefined;
  signal?: AbortSignal | undefined;
  onEvent?: ((event: AssetRunEvent) => void) | undefined;
  /** For tests: jitter source (default Math.random). */
  random?: () => number;
}

/** Runs the assets; resolves with one result per asset, in completion order. */
export async function runAssets(options: RunAssetsOptions): Promise<AssetRunResult[]> {
  const { signal } = options;
  const emit = (e: AssetRunEvent): void => options.onEvent?.(e);
  const random = options.random ?? Math.random;
  const scheduler = new ExecutionScheduler(options.graph, { only: [...options.ids] });
  const gate = new ConcurrencyGate(options.limits);
  const results: AssetRunResult[] = [];
  const running = new Map<string, Promise<{ id: string; result: AssetRunResult }>>();
  const record = (asset: Asset, result: AssetRunResult): void => {
    results.push(result);
    emit({ type: 'asset_finished', asset, result, at: new Date() });
  };
  const assetOf = (id: string): Asset => {
    const asset = options.assets.get(id);
    if (!asset) throw new Error(`unknown asset ${id}`);
    return asset;
  };

  const attemptOnce = async (asset: Asset, attempt: number): Promise<AssetOutcome> => {
    const signals = [signal, options.timeoutMs === undefined ? undefined : AbortSignal.timeout(options.timeoutMs)].filter((s): s is AbortSignal => s !== undefined);
    const attemptSignal = signals.length === 0 ? new AbortController().signal : AbortSignal.any(signals);
    try {
      return await options.execute(asset, { signal: attemptSignal, attempt });
    } catch (err) {
      const timedOut = attemptSignal.aborted && !signal?.aborted;
      const message = timedOut ? `timed out after ${(options.timeoutMs ?? 0) / 1000}s` : isAbortError(err) ? 'canceled' : errorMessage(err);
      return { status: 'failed', error: message };
    }
  };

  const runOne = async (asset: Asset): Promise<AssetRunResult> => {
    const startedAt = new Date();
    const retries = options.retry?.count ?? 0;
    let outcome: AssetOutcome = { status: 'failed' };
    let attempt = 0;
    while (attempt <= retries) {
      attempt++;
      emit({ type: 'asset_started', asset, attempt, at: new Date() });
      outcome = await attemptOnce(asset, attempt);
      if (outcome.status !== 'failed' || signal?.aborted || attempt > retries) break;
      const base = (options.retry?.backoffMs ?? 1000) * 2 ** (attempt - 1);
      const delayMs = Math.round(Math.min(base, options.retry?.maxBackoffMs ?? 5 * 60_000) * (0.5 + random() / 2));
      emit({ type: 'asset_retrying', asset, attempt, error: outcome.error ?? outcome.message ?? 'failed', delayMs, at: new Date() });
      // Cancellation during the wait ends it early; the loop then stops.
      await sleep(delayMs, signal).catch(() => undefined);
      if (signal?.aborted) break;
    }
    const canceled = outcome.status === 'failed' && signal?.aborted === true;
    return {
      id: asset.id,
      status: canceled ? 'canceled' : outcome.status,
      attempts: attempt,
      startedAt,
      finishedAt: new Date(),
      rows: outcome.rows,
      message: outcome.message,
      error: outcome.error,
      metadata: outcome.metadata,
    };
  };

  const skip = (id: string, because: string): void => {
    const canceled = because === 'canceled';
    record(assetOf(id), { id, status: canceled ? 'canceled' : 'skipped', attempts: 0, skippedBecause: canceled ? undefined : because });
  };

  while (!scheduler.finished) {
    if (!signal?.aborted) {
      for (const id of scheduler.ready()) {
        const asset = assetOf(id);
        if (!gate.fits(asset)) continue;
        scheduler.start(id);
        gate.enter(asset);
        running.set(id, runOne(asset).then((result) => ({ id, result })));
      }
    }
    if (running.size === 0) {
      // Canceled (or nothing can start): everything left is canceled.
      for (const id of scheduler.ready()) {
        scheduler.start(id);
        skip(id, 'canceled');
        for (const s of scheduler.markFailed(id)) skip(s, 'canceled');
      }
      if (!scheduler.finished) throw new Error('asset run stalled: nothing is ready or running');
      break;
    }
    const { id, result } = await Promise.race(running.values());
    running.delete(id);
    const asset = assetOf(id);
    gate.leave(asset);
    record(asset, result);
    if (result.status === 'failed' || result.status === 'canceled') {
      for (const skipped of scheduler.markFailed(id)) skip(skipped, result.status === 'canceled' ? 'canceled' : id);
    } else {
      scheduler.markDone(id);
    }
  }
  return results;
}
