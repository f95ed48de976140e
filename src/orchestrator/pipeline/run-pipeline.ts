/**
 * One run of a selection across every kind of asset: plan it, run the
 * connections' ingests, the source tables, and the dbt nodes (build
 * semantics, with the project's hooks) in one graph with one set of limits.
 */
import type { ConnectionConfig } from '../../config/connection-config.js';
import type { Logger } from '../../core/logger.js';
import type { Manifest } from '../../transform/compile/manifest.js';
import { runHooks } from '../../transform/compile/hooks.js';
import { createRunSchemas } from '../../transform/execute/create-run-schemas.js';
import { createTransformNodeRunner } from '../../transform/execute/node-runner.js';
import type { Warehouse } from '../../warehouse/warehouse.js';
import type { AssetGraph } from '../assets/build-asset-graph.js';
import { selectAssets } from '../assets/select-assets.js';
import type { AssetRunEvent, AssetRunResult } from '../runner/asset-outcome.js';
import type { ConcurrencyLimits } from '../runner/concurrency-limits.js';
import { runAssets, type RetryPolicy } from '../runner/run-assets.js';
import { createAssetExecutor, type IngestConnection } from './asset-executors.js';
import type { ActivateSync } from './sync-activation.js';
import { executionGraph } from './execution-graph.js';
import { planPipeline } from './plan-pipeline.js';

/** Inputs of {@link runPipeline}. */
export interface PipelineOptions {
  manifest: Manifest;
  assets: AssetGraph;
  connections: readonly ConnectionConfig[];
  warehouse: Warehouse;
  ingest: IngestConnection;
  /** Runs sync assets, given the pipeline run's id (absent: the project has no syncs, or they are not wired). */
  activate?: ((runId: string) => ActivateSync) | undefined;
  /** The run's id in the run store (kept in the syncs' delivery state). */
  runId?: string | undefined;
  select?: readonly string[] | undefined;
  exclude?: readonly string[] | undefined;
  /** Only assets of these kinds (`basin activate`: `sync`). */
  kinds?: readonly string[] | undefined;
  /** Exactly these assets (ids) instead of a selection: a rerun of what failed or was skipped. */
  assetIds?: readonly string[] | undefined;
  /** Default: the project's threads (at least 4) overall, 4 ingests at once, one asset per connection at a time. */
  limits?: ConcurrencyLimits | undefined;
  retry?: RetryPolicy | undefined;
  timeoutMs?: number | undefined;
  signal?: AbortSignal | undefined;
  logger: Logger;
  onEvent?: ((event: AssetRunEvent) => void) | undefined;
  /** Called once, before any asset starts, with the keys of every asset the run will execute (in graph order). */
  onPlanned?: ((assetKeys: string[]) => void) | undefined;
}

/** The outcome of a pipeline run. */
export interface PipelineSummary {
  /** The planned assets, in graph order. */
  ids: string[];
  results: AssetRunResult[];
  failed: boolean;
  canceled: boolean;
  seconds: number;
  warnings: string[];
}

const DBT_KINDS = new Set(['model', 'seed', 'snapshot', 'test']);

/** Runs the selection once. */
export async function runPipeline(options: PipelineOptions): Promise<PipelineSummary> {
  const started = Date.now();
  const { manifest, assets, warehouse, logger, signal } = options;
  const { ids: selected, warnings } = options.assetIds
    ? { ids: options.assetIds.filter((id) => assets.assets.has(id)), warnings: [] as string[] }
    : selectAssets(assets, { select: options.select, exclude: options.exclude, kinds: options.kinds }, manifest.config.name);
  for (const w of warnings) logger.warn(w);
  // A sync without its own schedule runs whenever everything it reads ran in this run (Census's "after dbt").
  const excluded = options.exclude?.length ? new Set(selectAssets(assets, { select: options.exclude }, manifest.config.name).ids) : new Set<string>();
  const withSyncs = options.assetIds || options.kinds ? selected : [...selected, ...readySyncs(assets, selected).filter((id) => !excluded.has(id))];
  const plan = planPipeline(assets, withSyncs);
  options.onPlanned?.(plan.ids.map((id) => assets.assets.get(id)?.key ?? id));
  const dbtCount = plan.ids.filter((id) => DBT_KINDS.has(assets.assets.get(id)?.kind ?? '')).length;
  const transform = createTransformNodeRunner(manifest, warehouse, { command: 'build', logger, signal, total: dbtCount });
  const execute = createAssetExecutor({
    manifest,
    connections: new Map(options.connections.map((c) => [c.name, c])),
    streams: plan.streams,
    ingest: options.ingest,
    transform,
    activate: options.activate?.(options.runId ?? `run-${started}`),
  });
  const threads = Math.max(4, manifest.config.threads);
  if (dbtCount > 0) {
    // As dbt: the run's schemas exist before on-run-start (a hook may write into {{ target.schema }}).
    const dbtIds = plan.ids.filter((id) => DBT_KINDS.has(assets.assets.get(id)?.kind ?? ''));
    await createRunSchemas(manifest, warehouse, dbtIds, signal);
    await runHooks(manifest, warehouse, 'on-run-start', signal);
  }
  const results = await runAssets({
    assets: assets.assets,
    graph: executionGraph(assets, manifest),
    ids: plan.ids,
    execute,
    limits: options.limits ?? { global: threads, perKind: { connection: 4 }, perConnection: 1 },
    retry: options.retry,
    timeoutMs: options.timeoutMs,
    signal,
    onEvent: options.onEvent,
  });
  if (dbtCount > 0 && !signal?.aborted) await runHooks(manifest, warehouse, 'on-run-end', signal);
  return {
    ids: plan.ids,
    results,
    failed: results.some((r) => r.status === 'failed' || r.status === 'canceled'),
    canceled: signal?.aborted === true,
    seconds: (Date.now() - started) / 1000,
    warnings,
  };
}

/** Syncs without their own schedule, not selected, whose upstream assets are all selected. */
function readySyncs(assets: AssetGraph, selected: readonly string[]): string[] {
  const chosen = new Set(selected);
  return [...assets.assets.values()]
    .filter((a) => a.kind === 'sync' && !chosen.has(a.id) && a.schedule === undefined && a.upstream.length > 0 && a.upstream.every((u) => chosen.has(u)))
    .map((a) => a.id);
}
