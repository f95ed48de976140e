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

/** Asset kinds that are part of the graph but have nothing to run. */
const NOT_EXECUTED = new Set(['dashboard', 'exposure']);

/** Plans the run of `selected` (asset ids, any order). */
export function planPipeline(assets: AssetGraph, selected: Iterable<string>): PipelinePlan {
  const chosen = new Set(selected);
  // Connections selected themselves ingest every stream; the others only their selected tables' streams.
  const whole = new Set([...chosen].map((id) => assets.assets.get(id)).filter((a) => a?.kind === 'connection').map((a) => a!.name));
  const streams = new Map<string, string[] | undefined>([...whole].map((name) => [name, undefined]));
  for (const id of [...chosen]) {
    const a = assets.assets.get(id);
    if (a?.kind !== 'source' || !a.connection || !a.stream || whole.has(a.connection)) continue;
    streams.set(a.connection, [...(streams.get(a.connection) ?? []), a.stream]);
    chosen.add(connectionAssetId(a.connection));
  }
  // Dashboards (and exposures) are read, not built: selecting one runs what it reads (`+dashboard:x`), never itself.
  const executable = (id: string): boolean => !NOT_EXECUTED.has(assets.assets.get(id)?.kind ?? '');
  return { ids: [...assets.assets.keys()].filter((id) => chosen.has(id) && executable(id)), streams };
}
