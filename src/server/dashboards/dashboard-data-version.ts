/**
 * A dashboard's data version: the latest finished run of each asset it
 * reads (models, seeds, snapshots by ref, source tables by source), so the
 * query cache serves a result until one of them is rebuilt.
 */
import { createHash } from 'node:crypto';
import type { Dashboard } from '../../dashboards/dashboard.js';
import type { AssetGraph } from '../../orchestrator/assets/build-asset-graph.js';
import type { RunStore } from '../../orchestrator/run-store/run-store.js';

const BUILT = new Set(['model', 'seed', 'snapshot']);

/** The keys of the assets `dashboard` reads directly. */
export function dashboardAssetKeys(dashboard: Pick<Dashboard, 'refs' | 'sources'>, assets: AssetGraph): string[] {
  const keys: string[] = [];
  for (const asset of assets.assets.values()) {
    if (BUILT.has(asset.kind) && dashboard.refs.includes(asset.name)) keys.push(asset.key);
    else if (asset.kind === 'source' && dashboard.sources.some(([s, t]) => asset.key === `source:${s}.${t}`)) keys.push(asset.key);
  }
  return keys.sort();
}

/** The data version of `dashboard` now. */
export async function dashboardDataVersion(dashboard: Pick<Dashboard, 'refs' | 'sources'>, assets: AssetGraph, store: RunStore): Promise<string> {
  const keys = dashboardAssetKeys(dashboard, assets);
  if (keys.length === 0) return 'none';
  const latest = await store.latestAssetRuns(keys);
  const parts = latest.map((r) => `${r.assetKey}@${r.runId}@${r.finishedAt?.toISOString() ?? ''}`).sort();
  return createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 16);
}
