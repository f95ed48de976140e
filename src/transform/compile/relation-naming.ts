import type { TableRef } from '../../core/types.js';
import type { NodeConfig, ProjectNode } from '../project/types.js';
import type { MacroRegistry } from './macro-registry.js';

/** The target a node's relation is named against. */
export interface NamingTarget {
  schema: string;
  database: string | undefined;
}

const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v)).trim();

/**
 * The relation a node builds: dbt's `generate_database_name`,
 * `generate_schema_name` and `generate_alias_name`, which a project may
 * override with its own macros (then they are called with `context`).
 * Snapshots with `target_schema` / `target_database` use them verbatim, as dbt.
 * The database part is left out when it is the target's own.
 */
export function nodeRelation(
  node: ProjectNode,
  config: NodeConfig,
  target: NamingTarget,
  macros: MacroRegistry,
  context: () => object,
): TableRef {
  const nodeDict = { name: node.name, resource_type: node.resourceType, unique_id: node.uniqueId, fqn: node.fqn, package_name: node.packageName, original_file_path: node.originalFilePath, config, version: node.version ?? null };
  const call = (macroName: string, arg: unknown): string | undefined => {
    if (macros.isBuiltin(macroName)) return undefined;
    const macro = macros.resolve(macroName);
    if (!macro) return undefined;
    return text(macros.bind(macro, context())(arg ?? null, nodeDict));
  };

  let schema: string;
  if (node.resourceType === 'snapshot' && config.target_schema) schema = String(config.target_schema);
  else {
    const custom = config.schema === undefined || config.schema === null ? null : String(config.schema);
    schema = call('generate_schema_name', custom) ?? (custom === null ? target.schema : `${target.schema}_${custom.trim()}`);
  }

  let database: string | undefined;
  if (node.resourceType === 'snapshot' && config.target_database) database = String(config.target_database);
  else {
    const custom = config.database === undefined || config.database === null ? null : String(config.database);
    database = call('generate_database_name', custom) ?? (custom === null ? target.database : custom.trim());
  }
  if (database === '' || database === target.database) database = undefined;

  const alias = config.alias === undefined || config.alias === null ? null : String(config.alias);
  const name =
    node.resourceType === 'test'
      ? (node.shortName ?? node.name)
      : (call('generate_alias_name', alias) ?? (alias !== null ? alias.trim() : node.version !== undefined ? `${node.name}_v${node.version.replace(/\./g, '_')}` : node.name));
  return database === undefined ? { schema, name } : { database, schema, name };
}
