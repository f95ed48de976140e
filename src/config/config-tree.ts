/**
 * dbt_project.yml resource config trees (`models:`, `seeds:`, ...): keys
 * starting with `+` are configs, other mapping keys are package/folder/node
 * scopes, and un-prefixed scalar or list values are configs too (dbt's
 * legacy form, e.g. `materialized: table`).
 */
import { ConfigError } from '../core/errors.js';
import { formatKeyPath, isPlainObject, type KeyPath, type YamlFile } from './yaml-file.js';

/** One level of a config tree. */
export interface ConfigTree {
  /** Configs set at this level, keys normalized (`pre-hook` -> `pre_hook`). */
  configs: Record<string, unknown>;
  /** Sub-scopes by package, folder or node name. */
  children: Record<string, ConfigTree>;
  /** Where this level is written, for messages. */
  file?: string | undefined;
  line?: number | undefined;
}

/** The config trees of one dbt_project.yml. */
export interface ResourceConfigTrees {
  models: ConfigTree;
  seeds: ConfigTree;
  snapshots: ConfigTree;
  /** `tests:` and `data_tests:` combined (`data_tests` applied after `tests`). */
  tests: ConfigTree;
  sources: ConfigTree;
  analyses: ConfigTree;
}

/** Config names dbt knows (normalized). Used to recognise legacy un-prefixed keys. */
export const KNOWN_CONFIG_KEYS: ReadonlySet<string> = new Set([
  'enabled', 'materialized', 'schema', 'database', 'alias', 'tags', 'meta', 'docs', 'persist_docs',
  'pre_hook', 'post_hook', 'quoting', 'column_types', 'full_refresh', 'unique_key', 'on_schema_change',
  'on_configuration_change', 'incremental_strategy', 'grants', 'packages', 'contract', 'access', 'group',
  'sql_header', 'batch_size', 'begin', 'lookback', 'event_time', 'concurrent_batches', 'quote_columns',
  'delimiter', 'strategy', 'updated_at', 'check_cols', 'target_schema', 'target_database',
  'invalidate_hard_deletes', 'hard_deletes', 'snapshot_meta_column_names', 'dbt_valid_to_current',
  'severity', 'where', 'limit', 'fail_calc', 'warn_if', 'error_if', 'store_failures', 'store_failures_as',
  'loaded_at_field', 'loaded_at_query', 'freshness', 'copy_grants', 'transient', 'cluster_by', 'partition_by',
  'indexes', 'unlogged', 'file_format', 'location_root', 'options',
]);

/** Normalizes a config key the way dbt does: `+` stripped, hyphens to underscores. */
export function normalizeConfigKey(key: string): string {
  return key.replace(/^\+/, '').trim().replace(/-/g, '_');
}

/** An empty tree. */
export function emptyConfigTree(): ConfigTree {
  return { configs: {}, children: {} };
}

/** Builds one tree from the raw YAML value at `path` of `yaml`. */
export function buildConfigTree(raw: unknown, yaml: YamlFile, path: KeyPath): ConfigTree {
  if (raw === undefined || raw === null) return emptyConfigTree();
  if (!isPlainObject(raw)) {
    throw new ConfigError('expected a mapping of configs and folders', {
      location: yaml.locationOf(path),
      key: formatKeyPath(path),
    });
  }
  const tree: ConfigTree = { configs: {}, children: {}, file: yaml.file, line: yaml.lineOf(path) };
  for (const [key, value] of Object.entries(raw)) {
    const keyPath = [...path, key];
    if (key.startsWith('+')) {
      tree.configs[normalizeConfigKey(key)] = checkConfigValue(normalizeConfigKey(key), value, yaml, keyPath);
    } else if (isPlainObject(value)) {
      tree.children[key] = buildConfigTree(value, yaml, keyPath);
    } else if (value !== null && value !== undefined) {
      tree.configs[normalizeConfigKey(key)] = checkConfigValue(normalizeConfigKey(key), value, yaml, keyPath);
    }
  }
  return tree;
}

/** Type checks for the configs whose shape everyone relies on. */
function checkConfigValue(key: string, value: unknown, yaml: YamlFile, path: KeyPath): unknown {
  const fail = (expected: string): never => {
    throw new ConfigError(`expected ${expected}`, { location: yaml.locationOf(path), key: formatKeyPath(path) });
  };
  switch (key) {
    case 'enabled':
    case 'full_refresh':
      if (typeof value !== 'boolean' && value !== null) fail('true or false');
      return value;
    case 'materialized':
    case 'schema':
    case 'database':
    case 'alias':
      if (typeof value !== 'string' && value !== null) fail('a string');
      return value;
    case 'tags':
      if (typeof value !== 'string' && !(Array.isArray(value) && value.every((t) => typeof t === 'string'))) {
        fail('a string or a list of strings');
      }
      return value;
    case 'meta':
    case 'column_types':
    case 'persist_docs':
      if (!isPlainObject(value)) fail('a mapping');
      return value;
    default:
      return value;
  }
}

/** Merges `b` into `a` level by level (`b`'s configs win); used for `tests:` + `data_tests:`. */
export function mergeConfigTrees(a: ConfigTree, b: ConfigTree): ConfigTree {
  const children: Record<string, ConfigTree> = { ...a.children };
  for (const [key, child] of Object.entries(b.children)) {
    const existing = children[key];
    children[key] = existing ? mergeConfigTrees(existing, child) : child;
  }
  return { configs: { ...a.configs, ...b.configs }, children, file: b.file ?? a.file, line: b.line ?? a.line };
}
