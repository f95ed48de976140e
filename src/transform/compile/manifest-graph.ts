import { DependencyGraph, topologicalOrder } from '../graph/index.js';
import type { ProjectNode, SourceDefinition } from '../project/types.js';

/**
 * The dependency graph of a manifest's nodes and sources. Throws
 * GraphCycleError (naming the cycle) when references loop.
 */
export function graphForManifest(nodes: Map<string, ProjectNode>, sources: Map<string, SourceDefinition>): DependencyGraph {
  const inputs = [
    ...[...sources.keys()].map((id) => ({ uniqueId: id, dependsOn: [] as string[] })),
    ...[...nodes.values()].map((n) => ({ uniqueId: n.uniqueId, dependsOn: n.dependsOn.nodes })),
  ];
  const graph = new DependencyGraph(inputs);
  topologicalOrder(graph);
  return graph;
}
