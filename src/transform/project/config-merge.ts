/**
 * dbt's config merge rules, shared by parsing (dbt_project.yml trees,
 * property files) and the renderer (in-file `{{ config(...) }}`):
 * `tags` accumulate (union, order kept), `pre_hook`/`post_hook` accumulate,
 * `meta` deep-merges, dict configs such as `column_types` merge key by key,
 * everything else is overridden by the later layer.
 */
import { isPlainObject, normalizeConfigKey } from '../../config/index.js';
import type { NodeConfig, ProjectNode } from './types.js';

/** A partial config as written: raw keys, before normalization. */
export type ConfigPatch = Record<string, unknown>;

const ACCUMULATE = new Set(['pre_hook', 'post_hook']);
const DICT_UPDATE = new Set(['column_types', 'persist_docs', 'quoting', 'docs', 'grants', 'contract', 'snapshot_meta_column_names']);

/** `tags` as a list. */
function asTags(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.map(String);
  return [String(value)];
}

/** Hooks as SQL strings; `{sql, transaction}` entries keep their `sql`. */
function asHooks(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.flatMap((h) => {
    if (typeof h === 'string') return [h];
    if (isPlainObject(h) && typeof h['sql'] === 'string') return [h['sql']];
    return [];
  });
}

/** Normalizes keys (`+pre-hook` -> `pre_hook`) and value shapes (tags/hook lists, severity case). */
export function normalizeConfigPatch(raw: ConfigPatch): ConfigPatch {
  const out: ConfigPatch = {};
  for (const [rawKey, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    const key = normalizeConfigKey(rawKey);
    if (key === 'tags') out[key] = asTags(value);
    else if (ACCUMULATE.has(key)) out[key] = asHooks(value);
    else if (key === 'severity' && typeof value === 'string') out[key] = value.toUpperCase();
    else out[key] = value;
  }
  return out;
}

function unionInOrder(a: readonly string[], b: readonly string[]): string[] {
  const seen = new Set(a);
  const out = [...a];
  for (const item of b) {
    if (!seen.has(item)) {
      seen.add(item);
      out.push(item);
    }
  }
  return out;
}

/** Deep merge of plain objects; `b` wins, arrays and scalars replace. */
export function deepMerge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const existing = out[key];
    out[key] = isPlainObject(existing) && isPlainObject(value) ? deepMerge(existing, value) : value;
  }
  return out;
}

/** Applies one config layer (raw or normalized) on top of `base`, with dbt's merge rules. */
export function mergeConfig(base: NodeConfig, patch: ConfigPatch): NodeConfig {
  const out: NodeConfig = { ...base, tags: [...base.tags], meta: { ...base.meta } };
  for (const [key, value] of Object.entries(normalizeConfigPatch(patch))) {
    if (key === 'tags') {
      out.tags = unionInOrder(out.tags, value as string[]);
    } else if (ACCUMULATE.has(key)) {
      out[key] = [...((out[key] as string[] | undefined) ?? []), ...(value as string[])];
    } else if (key === 'meta') {
      out.meta = isPlainObject(value) ? deepMerge(out.meta, value) : out.meta;
    } else if (DICT_UPDATE.has(key) && isPlainObject(value) && isPlainObject(out[key])) {
      out[key] = { ...(out[key] as Record<string, unknown>), ...value };
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** dbt's default config of each resource type. */
export function defaultNodeConfig(resourceType: ProjectNode['resourceType']): NodeConfig {
  const base: NodeConfig = { enabled: true, materialized: 'view', tags: [], meta: {}, pre_hook: [], post_hook: [] };
  switch (resourceType) {
    case 'model':
      return { ...base, on_schema_change: 'ignore' };
    case 'seed':
      return { ...base, materialized: 'seed', delimiter: ',' };
    case 'snapshot':
      return { ...base, materialized: 'snapshot' };
    case 'test':
      return {
        enabled: true,
        materialized: 'test',
        tags: [],
        meta: {},
        severity: 'ERROR',
        warn_if: '!= 0',
        error_if: '!= 0',
        fail_calc: 'count(*)',
      };
    case 'analysis':
      return base;
  }
}
