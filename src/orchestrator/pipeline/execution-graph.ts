/**
 * The graph a pipeline runs on: the asset graph plus dbt build's edges (a
 * test to the children of what it tests, so a failing test skips what is
 * built on data it found wrong; a sync to the tests of the models it reads).
 */
import type { Manifest } from '../../transform/compile/manifest.js';
import { buildCommandGraph } from '../../transform/execute/build-graph.js';
import { DependencyGraph } from '../../transform/graph/dependency-graph.js';
import type { AssetGraph } from '../assets/build-asset-graph.js';

/** The asset graph's edges and the build edges between dbt nodes. */
export function executionGraph(assets: AssetGraph, manifest: Manifest): DependencyGraph {
  const build = buildCommandGraph(manifest);
  // The tests of each node: a sync waits for the tests of what it reads, so a failing test skips it.
  const testsOf = new Map<string, string[]>();
  for (const node of manifest.nodes.values()) {
    if (node.resourceType !== 'test') continue;
    for (const parent of node.dependsOn.nodes) testsOf.set(parent, [...(testsOf.get(parent) ?? []), node.uniqueId]);
  }
  return new DependencyGraph(
    [...assets.assets.values()].map((a) => {
      const deps = new Set(a.upstream);
      if (build.has(a.id)) for (const p of build.parents(a.id)) deps.add(p);
      if (a.kind === 'sync') for (const u of a.upstream) for (const t of testsOf.get(u) ?? []) deps.add(t);
      return { uniqueId: a.id, dependsOn: [...deps].filter((d) => assets.assets.has(d)) };
    }),
  );
}
