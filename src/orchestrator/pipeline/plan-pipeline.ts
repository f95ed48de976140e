/**
 * What a pipeline run executes for a selection: the selected assets, plus the
 * connection of any selected source table whose connection was not selected
 * (it then ingests only the selected tables' streams).
 */
import type { AssetGraph } from '../assets/build-asset-graph.js';
import { connectionAssetId } from '../assets/build-asset-graph.js';

/** The plan: asset ids in graph order, and per connection the streams to ingest (undefined = all). */
export interface PipelinePlan {
  ids: string[];
  streams: Map<string, string[] | undefined>;
}

/** Plans the run of `selected` (asset ids, any order). */
export function planPipeline(assets: AssetGraph, selected: Iterable<string>): PipelinePlan {
  const chosen = new Set(selected);
  const streams = new Map<string, string[] | undefined>();
  for (const id of chosen) {
    const a = assets.assets.get(id);
    if (a?.kind === 'connection') streams.set(a.name, undefined);
  }
  for (const id of [...chosen]) {
    const a = assets.assets.get(id);
    if (a?.kind !== 'source' || !a.connection || !a.stream) continue;
    if (streams.has(a.connection) && streams.get(a.connection) === undefined && chosen.has(connectionAssetId(a.connection))) continue;
    const list = streams.get(a.connection) ?? [];
    list.push(a.stream);
    streams.set(a.connection, list);
    chosen.add(connectionAssetId(a.connection));
  }
  return { ids: [...assets.assets.keys()].filter((id) => chosen.has(id)), streams };
}
