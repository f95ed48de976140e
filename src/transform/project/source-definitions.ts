/**
 * Builds SourceDefinitions from property-file `sources:` entries: one per
 * table, with dbt's defaults (schema = source name, identifier = table
 * name), table properties overriding source ones, and config from the
 * dbt_project.yml `sources:` tree matched by fqn.
 */
import type { ResourceConfigTrees } from '../../config/index.js';
import { deepMerge, mergeConfig, type ConfigPatch } from './config-merge.js';
import { configTreeLayers } from './config-resolve.js';
import type { SourceProperties, SourceTableProperties } from './property-files.js';
import type { ColumnSpec, NodeConfig, SourceDefinition } from './types.js';

/** Where a source entry comes from. */
export interface SourceContext {
  packageName: string;
  originalFilePath: string;
  filePath: string;
  folders: string[];
  ownTrees: ResourceConfigTrees;
  rootTrees?: ResourceConfigTrees | undefined;
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

function columnsOf(table: SourceTableProperties): Record<string, ColumnSpec> {
  const out: Record<string, ColumnSpec> = {};
  for (const col of table.columns) out[col.spec.name] = col.spec;
  return out;
}

/** The SourceDefinitions of one `sources:` entry. */
export function buildSourceDefinitions(source: SourceProperties, ctx: SourceContext): SourceDefinition[] {
  return source.tables.map((table) => {
    const fqn = [ctx.packageName, ...ctx.folders, source.name, table.name];
    const layers: ConfigPatch[] = [
      ...configTreeLayers(ctx.ownTrees.sources, fqn),
      source.config,
      table.config,
      ...(ctx.rootTrees ? configTreeLayers(ctx.rootTrees.sources, fqn) : []),
    ];
    const base: NodeConfig = { enabled: true, materialized: 'source', tags: [], meta: {} };
    const merged = layers.reduce(mergeConfig, base);
    const { materialized: _materialized, ...config } = merged;
    const freshness = table.hasFreshness ? table.freshness : source.hasFreshness ? source.freshness : config['freshness'];
    const loadedAtField =
      table.loadedAtField ??
      (typeof table.config['loaded_at_field'] === 'string' ? table.config['loaded_at_field'] : undefined) ??
      source.loadedAtField ??
      (typeof config['loaded_at_field'] === 'string' ? config['loaded_at_field'] : undefined);
    return {
      uniqueId: `source.${ctx.packageName}.${source.name}.${table.name}`,
      packageName: ctx.packageName,
      sourceName: source.name,
      name: table.name,
      schema: source.schema ?? source.name,
      database: source.database,
      identifier: table.identifier ?? table.name,
      description: table.description,
      sourceDescription: source.description,
      columns: columnsOf(table),
      loadedAtField,
      freshness,
      meta: deepMerge(deepMerge(source.meta, table.meta), merged.meta),
      tags: union(union(source.tags, table.tags), merged.tags),
      originalFilePath: ctx.originalFilePath,
      fqn,
      location: { file: ctx.filePath, line: table.line },
      config: { ...config, enabled: merged.enabled !== false },
      loader: source.loader,
      quoting: { ...source.quoting, ...table.quoting } as SourceDefinition['quoting'],
      external: table.external,
      filePath: ctx.filePath,
    };
  });
}
