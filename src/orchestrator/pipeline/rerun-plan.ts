/**
 * What a rerun of a run executes: the assets that did not finish well in it
 * (failed, skipped, canceled, or left pending/running by an interruption),
 * by their ids in today's asset graph. Assets that succeeded or warned are
 * not run again.
 */
import type { AssetGraph } from '../assets/build-asset-graph.js';
import type { AssetRunRecord } from '../run-store/run-store.js';

const UNFINISHED = new Set(['failed', 'skipped', 'canceled', 'pending', 'running']);

/** Asset ids to rerun, in graph order, and the keys that no longer exist in the project. */
export function rerunAssetIds(assets: AssetGraph, previous: readonly AssetRunRecord[]): { ids: string[]; missing: string[] } {
  const byKey = new Map([...assets.assets.values()].map((a) => [a.key, a.id]));
  const wanted = new Set<string>();
  const missing: string[] = [];
  for (const record of previous) {
    if (!UNFINISHED.has(record.status)) continue;
    const id = byKey.get(record.assetKey);
    if (id) wanted.add(id);
    else missing.push(record.assetKey);
  }
  return { ids: [...assets.assets.keys()].filter((id) => wanted.has(id)), missing };
}
