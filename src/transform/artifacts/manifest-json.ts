import type { Manifest } from '../compile/manifest.js';
import { foreignKeyRelationOf } from '../compile/constraint-targets.js';
import type { ConstraintSpec, ProjectNode } from '../project/types.js';

/** dbt's manifest.json schema version Basin writes. */
export const MANIFEST_SCHEMA = 'https://schemas.getdbt.com/dbt/manifest/v12.json';

/** A constraint as dbt writes it, `to` as the referenced relation's name. */
function constraintJson(m: Manifest, n: ProjectNode, c: ConstraintSpec, level: 'column' | 'model'): Record<string, unknown> {
  // Linking has resolved every `to` (an unknown one fails the parse).
  const to = c.to ? foreignKeyRelationOf(m, n)(c.to) : null;
  return {
    type: c.type,
    name: c.name ?? null,
    expression: c.expression ?? null,
    warn_unenforced: c.warnUnenforced,
    warn_unsupported: c.warnUnsupported,
    to,
    to_columns: c.toColumns,
    ...(level === 'model' ? { columns: c.columns } : {}),
  };
}

/** One node of manifest.json. */
export function manifestNodeJson(m: Manifest, n: ProjectNode, compiled: Map<string, string>): Record<string, unknown> {
  const rel = m.relations.get(n.uniqueId);
  const code = compiled.get(n.uniqueId);
  return {
    database: rel?.database ?? m.invocation.target['database'] ?? null,
    schema: rel?.schema ?? m.config.schema,
    name: n.name,
    resource_type: n.resourceType,
    package_name: n.packageName,
    path: n.path,
    original_file_path: n.originalFilePath,
    unique_id: n.uniqueId,
    fqn: n.fqn,
    alias: rel?.name ?? n.name,
    checksum: { name: 'sha256', checksum: n.checksum },
    config: n.config,
    tags: n.config.tags,
    description: n.description,
    columns: Object.fromEntries(
      Object.entries(n.columns).map(([k, c]) => [
        k,
        {
          name: c.name,
          description: c.description,
          meta: c.meta,
          data_type: c.data_type ?? null,
          constraints: (c.constraints ?? []).map((constraint) => constraintJson(m, n, constraint, 'column')),
          quote: c.quote ?? null,
          tags: c.tags,
        },
      ]),
    ),
    meta: n.config.meta,
    ...(n.resourceType === 'model'
      ? {
          version: n.version ?? null,
          latest_version: n.latestVersion ?? null,
          contract: n.config['contract'] ?? { enforced: false },
          constraints: (n.constraints ?? []).map((constraint) => constraintJson(m, n, constraint, 'model')),
        }
      : {}),
    patch_path: n.patchPath ? `${n.packageName}://${n.patchPath.file}` : null,
    raw_code: n.rawCode,
    language: n.language,
    refs: n.refs.map((r) => ({ name: r.name, package: r.package ?? null, version: r.version ?? null })),
    sources: n.sources.map(([s, t]) => [s, t]),
    depends_on: { macros: n.dependsOn.macros, nodes: n.dependsOn.nodes },
    compiled_path: code === undefined ? null : `${m.config.targetPath}/compiled/${n.packageName}/${n.originalFilePath}`,
    compiled: code !== undefined,
    compiled_code: code ?? null,
    relation_name: rel && n.resourceType !== 'test' && n.config.materialized !== 'ephemeral' ? m.dialect.relation(rel) : null,
    ...(n.testMetadata
      ? {
          test_metadata: { name: n.testMetadata.name, kwargs: n.testMetadata.kwargs, namespace: n.testMetadata.namespace ?? null },
          column_name: n.columnName ?? null,
          attached_node: n.attachedNode ?? null,
        }
      : {}),
  };
}

/**
 * `target/manifest.json` in dbt's shape (v12): nodes, sources, macros,
 * parent and child maps. `compiled` holds compiled SQL by unique id for the
 * nodes compiled in this invocation. With `withNodes: false` the `nodes` map
 * is left empty (the writer streams it node by node).
 */
export function buildManifestJson(
  m: Manifest,
  compiled: Map<string, string> = new Map(),
  options: { withNodes?: boolean } = {},
): Record<string, unknown> {
  const nodes: Record<string, unknown> = {};
  if (options.withNodes !== false) for (const n of m.nodes.values()) nodes[n.uniqueId] = manifestNodeJson(m, n, compiled);
  const sources: Record<string, unknown> = {};
  for (const s of m.sources.values()) {
    sources[s.uniqueId] = {
      database: s.database ?? m.invocation.target['database'] ?? null,
      schema: s.schema,
      name: s.name,
      resource_type: 'source',
      package_name: s.packageName,
      path: s.originalFilePath,
      original_file_path: s.originalFilePath,
      unique_id: s.uniqueId,
      fqn: s.fqn,
      source_name: s.sourceName,
      source_description: s.sourceDescription,
      loader: '',
      identifier: s.identifier,
      loaded_at_field: s.loadedAtField ?? null,
      freshness: s.freshness ?? null,
      description: s.description,
      columns: s.columns,
      meta: s.meta,
      tags: s.tags,
      config: s.config,
      relation_name: m.dialect.relation(s.database ? { database: s.database, schema: s.schema, name: s.identifier } : { schema: s.schema, name: s.identifier }),
    };
  }
  const macros: Record<string, unknown> = {};
  for (const macro of m.macros.all()) {
    macros[macro.uniqueId] = {
      name: macro.name,
      resource_type: 'macro',
      package_name: macro.packageName,
      path: macro.originalFilePath,
      original_file_path: macro.originalFilePath,
      unique_id: macro.uniqueId,
    };
  }
  const parentMap: Record<string, string[]> = {};
  const childMap: Record<string, string[]> = {};
  for (const id of m.graph.ids()) {
    parentMap[id] = m.graph.parents(id).sort();
    childMap[id] = m.graph.children(id).sort();
  }
  const disabled: Record<string, unknown[]> = {};
  for (const n of m.disabled) (disabled[n.uniqueId] ??= []).push(manifestNodeJson(m, n, compiled));
  return {
    metadata: {
      dbt_schema_version: MANIFEST_SCHEMA,
      dbt_version: '1.9.0',
      generated_at: new Date().toISOString(),
      invocation_id: m.invocation.invocationId,
      env: {},
      project_name: m.config.name,
      adapter_type: m.dialect.name,
      generator: 'basin',
    },
    nodes,
    sources,
    macros,
    docs: {},
    exposures: Object.fromEntries(
      [...m.exposures.values()].map((e) => [
        e.uniqueId,
        {
          unique_id: e.uniqueId,
          resource_type: 'exposure',
          name: e.name,
          package_name: e.packageName,
          original_file_path: e.originalFilePath,
          fqn: e.fqn,
          type: e.type,
          owner: { name: e.owner.name ?? null, email: e.owner.email ?? null },
          description: e.description,
          label: e.label ?? null,
          maturity: e.maturity ?? null,
          url: e.url ?? null,
          meta: e.meta,
          tags: e.tags,
          refs: e.refs.map((r) => ({ name: r.name, package: r.package ?? null, version: r.version ?? null })),
          sources: e.sources,
          depends_on: { macros: [], nodes: e.dependsOn.nodes },
        },
      ]),
    ),
    metrics: {},
    groups: {},
    selectors: {},
    disabled,
    parent_map: parentMap,
    child_map: childMap,
    group_map: {},
    saved_queries: {},
    semantic_models: {},
    unit_tests: {},
  };
}
