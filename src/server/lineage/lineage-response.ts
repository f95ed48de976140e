/** Builds GET /api/lineage's JSON from a laid-out view and the run store's latest statuses. Pure. */
import { NODE_HEIGHT, NODE_WIDTH } from './elk-graph.js';
import type { LaidOut } from './lineage-layouts.js';
import type { LineageView } from './lineage-graph.js';
import type { LineageJson } from './lineage-json.js';

const FAILING = new Set(['failed', 'warned']);

/** The answer for `view`: nodes with positions and latest status (by asset key), edges with paths. */
export function lineageResponse(input: {
  project: string;
  view: LineageView;
  laidOut: LaidOut;
  /** Latest status per asset key. */
  status: ReadonlyMap<string, string>;
  keys: string[];
  layoutMs: number;
}): LineageJson {
  const { graph, layout } = input.laidOut;
  const keyOf = new Map(graph.nodes.map((n) => [n.asset.id, n.asset.key]));
  return {
    project: input.project,
    focus: graph.focus?.key ?? null,
    up: graph.focus ? input.view.up : null,
    down: graph.focus ? input.view.down : null,
    tests: input.view.tests,
    width: layout.width,
    height: layout.height,
    nodes: graph.nodes.map((n) => {
      const at = layout.positions.get(n.asset.id) ?? { x: 0, y: 0 };
      return {
        id: n.asset.id,
        key: n.asset.key,
        kind: n.asset.kind,
        name: n.asset.name,
        tags: n.asset.tags,
        status: input.status.get(n.asset.key) ?? null,
        tests: n.tests.length,
        failing_tests: n.tests.filter((t) => FAILING.has(input.status.get(t) ?? '')).length,
        x: at.x,
        y: at.y,
        width: NODE_WIDTH,
        height: NODE_HEIGHT,
      };
    }),
    edges: graph.edges.map((e, i) => ({ from: keyOf.get(e.from) ?? e.from, to: keyOf.get(e.to) ?? e.to, path: layout.paths[i] ?? [] })),
    keys: input.keys,
    layout_ms: Math.round(input.layoutMs),
  };
}
