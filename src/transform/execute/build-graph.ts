import { DependencyGraph } from '../graph/index.js';
import type { Manifest } from '../compile/manifest.js';

/**
 * The graph `build` runs on: the manifest graph plus, as dbt does, an edge
 * from each test to the children of the nodes it tests, so a failing test
 * skips what is built on the data it found wrong. An edge that would close a
 * cycle (a relationships test between a node and its own descendant) is left
 * out.
 */
export function buildCommandGraph(manifest: Manifest): DependencyGraph {
  const graph = manifest.graph;
  const extra = new Map<string, Set<string>>();
  const descendantsCache = new Map<string, Set<string>>();
  const descendants = (id: string): Set<string> => {
    let set = descendantsCache.get(id);
    if (!set) {
      set = graph.descendants(id);
      descendantsCache.set(id, set);
    }
    return set;
  };
  for (const test of manifest.nodes.values()) {
    if (test.resourceType !== 'test') continue;
    const parents = test.dependsOn.nodes;
    for (const parent of parents) {
      if (!manifest.nodes.has(parent)) continue;
      for (const child of graph.children(parent)) {
        const node = manifest.nodes.get(child);
        if (!node || node.resourceType === 'test' || parents.includes(child)) continue;
        const below = descendants(child);
        if (parents.some((p) => below.has(p))) continue;
        const set = extra.get(child) ?? new Set<string>();
        set.add(test.uniqueId);
        extra.set(child, set);
      }
    }
  }
  if (extra.size === 0) return graph;
  return new DependencyGraph(
    graph.ids().map((id) => ({ uniqueId: id, dependsOn: [...graph.parents(id), ...(extra.get(id) ?? [])] })),
  );
}
