import type { Manifest } from './manifest.js';

/** dbt's `graph` template variable: nodes and sources as plain dicts. */
export function graphVariable(m: Manifest): Record<string, unknown> {
  const nodes: Record<string, unknown> = {};
  for (const n of m.nodes.values()) {
    const rel = m.relations.get(n.uniqueId);
    nodes[n.uniqueId] = {
      unique_id: n.uniqueId,
      name: n.name,
      resource_type: n.resourceType,
      package_name: n.packageName,
      original_file_path: n.originalFilePath,
      fqn: n.fqn,
      config: n.config,
      tags: n.config.tags,
      schema: rel?.schema,
      alias: rel?.name,
      database: rel?.database ?? null,
      depends_on: { nodes: n.dependsOn.nodes, macros: n.dependsOn.macros },
      refs: n.refs.map((r) => ({ name: r.name, package: r.package ?? null, version: r.version ?? null })),
      sources: n.sources,
      columns: n.columns,
      description: n.description,
      version: n.version ?? null,
      latest_version: n.latestVersion ?? null,
      test_metadata: n.testMetadata ? { name: n.testMetadata.name, kwargs: n.testMetadata.kwargs, namespace: n.testMetadata.namespace ?? null } : undefined,
    };
  }
  const sources: Record<string, unknown> = {};
  for (const s of m.sources.values()) {
    sources[s.uniqueId] = {
      unique_id: s.uniqueId,
      name: s.name,
      source_name: s.sourceName,
      schema: s.schema,
      database: s.database ?? null,
      identifier: s.identifier,
      resource_type: 'source',
      columns: s.columns,
      meta: s.meta,
      tags: s.tags,
    };
  }
  return { nodes, sources };
}
