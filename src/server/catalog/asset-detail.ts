/**
 * One asset's page: its catalog entry, its SQL as written and compiled
 * (compiled on request against the warehouse, as `basin compile` does), its
 * connection's streams, and its results in the most recent runs.
 */
import { errorMessage } from '../../core/errors.js';
import type { RunStore } from '../../orchestrator/run-store/run-store.js';
import { compileNode } from '../../transform/compile/compile-node.js';
import type { AssetDetailJson, AssetRunJson } from './catalog-json.js';
import type { BuiltCatalog } from './build-catalog.js';
import type { CatalogSources } from './catalog-sources.js';

/** How many recent runs are searched for the asset's results, and how many results are kept. */
const RUNS_SCANNED = 100;
const RUNS_KEPT = 20;

async function recentRuns(store: RunStore, key: string): Promise<AssetRunJson[]> {
  const { runs } = await store.listRuns({ limit: RUNS_SCANNED });
  const out: AssetRunJson[] = [];
  for (const run of runs) {
    if (out.length >= RUNS_KEPT) break;
    const mine = (await store.listAssetRuns(run.id)).find((a) => a.assetKey === key);
    if (!mine) continue;
    out.push({
      run_id: run.id,
      job: run.job ?? null,
      trigger: run.trigger,
      status: mine.status,
      started_at: mine.startedAt?.toISOString() ?? null,
      finished_at: mine.finishedAt?.toISOString() ?? null,
      rows: mine.rows ?? null,
      error: mine.error?.message ?? null,
    });
  }
  return out;
}

/** The detail of `key`, or undefined when the catalog has no such asset. */
export async function assetDetail(catalog: BuiltCatalog, sources: CatalogSources, store: RunStore, key: string, signal?: AbortSignal): Promise<AssetDetailJson | undefined> {
  const entry = catalog.byKey.get(key);
  if (!entry) return undefined;
  const id = catalog.idByKey.get(key);
  const node = id === undefined ? undefined : sources.manifest.nodes.get(id);
  const hasSql = node !== undefined && node.language === 'sql' && (node.rawCode.trim() !== '' || node.resourceType === 'test');
  let compiled: string | null = null;
  let compileError: string | null = null;
  if (node && hasSql) {
    try {
      compiled = (await compileNode(sources.manifest, node, { warehouse: sources.warehouse, signal })).sql;
    } catch (err) {
      compileError = errorMessage(err);
    }
  }
  return {
    ...entry,
    raw_sql: node && node.rawCode.trim() !== '' ? node.rawCode : null,
    compiled_sql: compiled,
    compile_error: compileError,
    connection: catalog.json.connections.find((c) => c.key === key) ?? null,
    recent_runs: await recentRuns(store, key),
  };
}
