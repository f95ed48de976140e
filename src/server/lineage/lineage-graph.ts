/**
 * Which assets and dependencies the lineage view shows: the whole graph or
 * the assets within `up` levels upstream and `down` levels downstream of one
 * asset (dbt's `2+name+1`), with test assets either drawn as nodes or folded
 * into the assets they test. Pure: no layout, no I/O.
 */
import type { AssetGraph } from '../../orchestrator/assets/build-asset-graph.js';
import type { Asset } from '../../orchestrator/assets/asset.js';

/** What part of the graph to show. */
export interface LineageView {
  /** Key (`model:fct_mrr`) or id of the asset to focus on; the whole graph when absent. */
  focus?: string | undefined;
  /** Levels upstream of the focus (ignored without one). */
  up: number;
  /** Levels downstream of the focus (ignored without one). */
  down: number;
  /** Draw test assets as nodes (else they are counted on the assets they test). */
  tests: boolean;
}

/** A shown asset, with the keys of the tests attached to it. */
export interface LineageNode {
  asset: Asset;
  tests: string[];
}

/** The shown part of the graph: nodes in topological order, edges by asset id (`from` is read by `to`). */
export interface LineageGraph {
  focus: Asset | undefined;
  nodes: LineageNode[];
  edges: Array<{ from: string; to: string }>;
}

/** The asset a key or id names, if any. */
export function findAsset(assets: AssetGraph, keyOrId: string): Asset | undefined {
  const byId = assets.assets.get(keyOrId);
  if (byId) return byId;
  for (const a of assets.assets.values()) if (a.key === keyOrId) return a;
  return undefined;
}

/** Ids within `levels` steps of `start` following `next` (start included), over assets `shown` allows. */
function within(start: string, levels: number, next: (id: string) => readonly string[], shown: (id: string) => boolean): Set<string> {
  const seen = new Set([start]);
  let frontier = [start];
  for (let level = 0; level < levels && frontier.length > 0; level++) {
    const following: string[] = [];
    for (const id of frontier) {
      for (const n of next(id)) {
        if (seen.has(n) || !shown(n)) continue;
        seen.add(n);
        following.push(n);
      }
    }
    frontier = following;
  }
  return seen;
}

/**
 * The part of `assets` that `view` shows. Returns undefined when `view.focus`
 * names no asset. Focusing on a test shows it even when tests are folded.
 */
export function lineageGraph(assets: AssetGraph, view: LineageView): LineageGraph | undefined {
  const testsOf = new Map<string, string[]>();
  const downstream = new Map<string, string[]>();
  for (const a of assets.assets.values()) {
    for (const up of a.upstream) {
      if (a.kind === 'test') testsOf.set(up, [...(testsOf.get(up) ?? []), a.key]);
      downstream.set(up, [...(downstream.get(up) ?? []), a.id]);
    }
  }
  const focus = view.focus === undefined ? undefined : findAsset(assets, view.focus);
  if (view.focus !== undefined && !focus) return undefined;
  const shown = (id: string): boolean => {
    const a = assets.assets.get(id);
    return a !== undefined && (view.tests || a.kind !== 'test' || id === focus?.id);
  };
  let included: Set<string> | undefined;
  if (focus) {
    const ups = within(focus.id, view.up, (id) => assets.assets.get(id)?.upstream ?? [], shown);
    const downs = within(focus.id, view.down, (id) => downstream.get(id) ?? [], shown);
    included = new Set([...ups, ...downs]);
  }
  const keep = (id: string): boolean => (included ? included.has(id) : shown(id));
  const nodes: LineageNode[] = [];
  const edges: Array<{ from: string; to: string }> = [];
  for (const a of assets.assets.values()) {
    if (!keep(a.id)) continue;
    nodes.push({ asset: a, tests: testsOf.get(a.id) ?? [] });
    for (const up of a.upstream) if (keep(up)) edges.push({ from: up, to: a.id });
  }
  return { focus, nodes, edges };
}
