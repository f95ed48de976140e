/**
 * The lineage graph as ELK's JSON input (layered, left to right, orthogonal
 * edges) and ELK's answer as positioned nodes and edge paths. Pure; the
 * layout itself runs in layout-worker.ts.
 */
import type { LineageGraph } from './lineage-graph.js';

/** Size of every node, in graph units (the UI draws its boxes at this size). */
export const NODE_WIDTH = 220;
export const NODE_HEIGHT = 44;

/** Above this many nodes, ELK trades some crossing reduction for speed. */
const LARGE = 300;

/** The subset of ELK's JSON graph that Basin sends and reads. */
export interface ElkInput {
  id: string;
  layoutOptions: Record<string, string>;
  children: Array<{ id: string; width: number; height: number }>;
  edges: Array<{ id: string; sources: string[]; targets: string[] }>;
}

interface ElkPoint {
  x: number;
  y: number;
}

/** What ELK returns for an `ElkInput` (positions filled in). */
export interface ElkOutput {
  width?: number;
  height?: number;
  children?: Array<{ id: string; x?: number; y?: number }>;
  edges?: Array<{ id: string; sections?: Array<{ startPoint: ElkPoint; endPoint: ElkPoint; bendPoints?: ElkPoint[] }> }>;
}

/** A positioned graph: node corners by asset id, edge paths by edge index. */
export interface Layout {
  width: number;
  height: number;
  positions: Map<string, { x: number; y: number }>;
  paths: Array<Array<[number, number]>>;
}

/** ELK's layered algorithm options for a graph of `nodes` nodes. */
export function layoutOptions(nodes: number): Record<string, string> {
  const options: Record<string, string> = {
    'elk.algorithm': 'layered',
    'elk.direction': 'RIGHT',
    'elk.edgeRouting': 'ORTHOGONAL',
    'elk.spacing.nodeNode': '18',
    'elk.layered.spacing.nodeNodeBetweenLayers': '64',
    'elk.layered.spacing.edgeNodeBetweenLayers': '16',
    'elk.spacing.componentComponent': '40',
  };
  if (nodes > LARGE) {
    options['elk.layered.thoroughness'] = '1';
    options['elk.layered.nodePlacement.strategy'] = 'SIMPLE';
  }
  return options;
}

/** The ELK input for `graph`: one child per node, one edge per dependency (`e<index>`). */
export function elkInput(graph: LineageGraph): ElkInput {
  return {
    id: 'root',
    layoutOptions: layoutOptions(graph.nodes.length),
    children: graph.nodes.map((n) => ({ id: n.asset.id, width: NODE_WIDTH, height: NODE_HEIGHT })),
    edges: graph.edges.map((e, i) => ({ id: `e${i}`, sources: [e.from], targets: [e.to] })),
  };
}

const round = (v: number): number => Math.round(v * 10) / 10;

/** Reads ELK's answer for `elkInput(graph)`; nodes or edges ELK left out get the origin / a straight line. */
export function readLayout(graph: LineageGraph, output: ElkOutput): Layout {
  const positions = new Map<string, { x: number; y: number }>();
  for (const c of output.children ?? []) positions.set(c.id, { x: round(c.x ?? 0), y: round(c.y ?? 0) });
  const sections = new Map((output.edges ?? []).map((e) => [e.id, e.sections ?? []]));
  const paths = graph.edges.map((e, i): Array<[number, number]> => {
    const section = sections.get(`e${i}`)?.[0];
    if (section) {
      return [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map((p): [number, number] => [round(p.x), round(p.y)]);
    }
    const a = positions.get(e.from) ?? { x: 0, y: 0 };
    const b = positions.get(e.to) ?? { x: 0, y: 0 };
    return [
      [a.x + NODE_WIDTH, a.y + NODE_HEIGHT / 2],
      [b.x, b.y + NODE_HEIGHT / 2],
    ];
  });
  return { width: round(output.width ?? 0), height: round(output.height ?? 0), positions, paths };
}
