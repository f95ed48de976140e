import type { GraphNodeInput, MissingDependency } from './dependency-graph.js';

/**
 * Dependencies that name ids which are not among `nodes` (nor in `knownIds`,
 * e.g. ids resolved elsewhere). The caller turns them into user-facing errors
 * such as "ref to unknown model". Order follows the input.
 */
export function findMissingDependencies(
  nodes: Iterable<GraphNodeInput>,
  knownIds: ReadonlySet<string> = new Set(),
): MissingDependency[] {
  const list = [...nodes];
  const ids = new Set(list.map((n) => n.uniqueId));
  const missing: MissingDependency[] = [];
  for (const node of list) {
    const seen = new Set<string>();
    for (const dep of node.dependsOn) {
      if (ids.has(dep) || knownIds.has(dep) || seen.has(dep)) continue;
      seen.add(dep);
      missing.push({ from: node.uniqueId, missing: dep });
    }
  }
  return missing;
}
