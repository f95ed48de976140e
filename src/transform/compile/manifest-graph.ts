import { DependencyGraph, topologicalOrder } from '../graph/index.js';
import type { ExposureDefinition, ProjectNode, SourceDefinition } from '../project/types.js';

/**
 * The dependency graph of a manifest's nodes, sources and exposures (leaves that never run). Throws
 * GraphCycleError (naming the cycle) when references loop.
 */
export function graphForManifest(
  nodes: Map<string, ProjectNode>,
  sources: Map<string, SourceDefinition>,
  exposures: Map<string, ExposureDefinition> = new Map(),
): DependencyGraph {
  const inputs = [
    ...[...sources.keys()].map((id) => ({ uniqueId: id, dependsOn: [] as string[] })),
    ...[...nodes.values()].map((n) => ({ uniqueId: n.uniqueId, dependsOn: n.dependsOn.nodes })),
    ...[...exposures.values()].map((e) => ({ uniqueId: e.uniqueId, dependsOn: e.dependsOn.nodes })),
  ];
  const graph = new DependencyGraph(inputs);
  topologicalOrder(graph);
  return graph;
}
