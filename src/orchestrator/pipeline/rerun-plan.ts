/**
 * What a rerun of a run executes: the assets that did not finish well in it
 * (failed, skipped, canceled, or left pending/running by an interruption),
 * and the planned assets that never started (a crash stopped the run before
 * them), by their ids in today's asset graph. Assets that succeeded or
 * warned are not run again.
 */
import type { AssetGraph } from '../assets/build-asset-graph.js';
import type { AssetRunRecord, RunStore } from '../run-store/run-store.js';
import { RUN_PLANNED } from './run-recorder.js';

const UNFINISHED = new Set(['failed', 'skipped', 'canceled', 'pending', 'running']);

/** Asset ids to rerun, in graph order, and the keys that no longer exist in the project. */
export function rerunAssetIds(assets: AssetGraph, previous: readonly AssetRunRecord[], planned: readonly string[] = []): { ids: string[]; missing: string[] } {
  const byKey = new Map([...assets.assets.values()].map((a) => [a.key, a.id]));
  const recorded = new Map(previous.map((r) => [r.assetKey, r.status]));
  const wantedKeys = [
    ...previous.filter((r) => UNFINISHED.has(r.status)).map((r) => r.assetKey),
    ...planned.filter((key) => !recorded.has(key)),
  ];
  const wanted = new Set<string>();
  const missing: string[] = [];
  for (const key of new Set(wantedKeys)) {
    const id = byKey.get(key);
    if (id) wanted.add(id);
    else missing.push(key);
  }
  return { ids: [...assets.assets.keys()].filter((id) => wanted.has(id)), missing };
}

/** The planned asset keys of a run (its `run_planned` event), or [] for a run recorded without one. */
export async function plannedAssetKeys(store: RunStore, runId: string): Promise<string[]> {
  const events = await store.listEvents(runId, { limit: 20 });
  const planned = events.find((e) => e.type === RUN_PLANNED)?.data;
  const keys = planned && typeof planned === 'object' && !Array.isArray(planned) ? planned['assets'] : undefined;
  return Array.isArray(keys) ? keys.filter((k): k is string => typeof k === 'string') : [];
}

/** rerunAssetIds for a stored run: its asset results and its plan. */
export async function rerunPlanOf(store: RunStore, assets: AssetGraph, runId: string): Promise<{ ids: string[]; missing: string[] }> {
  return rerunAssetIds(assets, await store.listAssetRuns(runId), await plannedAssetKeys(store, runId));
}
