import { createHash } from 'node:crypto';

/** Longest identifier every supported warehouse keeps intact (Postgres truncates at 63 bytes). */
export const MAX_IDENTIFIER = 63;

/** Separator between a parent and a child name in flattened columns and child tables. */
export const NESTING_SEPARATOR = '__';

/** First 8 hex digits of the md5 of `text`. */
export function shortHash(text: string): string {
  return createHash('md5').update(text).digest('hex').slice(0, 8);
}

/**
 * A record field name as a column name: camelCase split to snake_case, lower
 * case, characters other than [a-z0-9_] replaced by `_` (warehouses compare
 * names case-insensitively or fold them, so `Id` and `id` must not make two
 * columns). Empty names become `_`.
 */
export function normalizeName(field: string): string {
  const cached = normalized.get(field);
  if (cached !== undefined) return cached;
  const snake = field
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_');
  const name = snake === '' ? '_' : snake;
  if (normalized.size < 100_000) normalized.set(field, name);
  return name;
}

/** Field names repeat in every record: normalize each once. */
const normalized = new Map<string, string>();

/** Joins name parts with `__`, shortening over-long results with a hash suffix so they stay unique. */
export function joinName(...parts: string[]): string {
  return fitIdentifier(parts.join(NESTING_SEPARATOR));
}

/** Shortens names over MAX_IDENTIFIER characters to a prefix plus a hash of the whole name. */
export function fitIdentifier(name: string): string {
  if (name.length <= MAX_IDENTIFIER) return name;
  return `${name.slice(0, MAX_IDENTIFIER - 9)}_${shortHash(name)}`;
}

/** The table a replace (or full-refresh) run loads into before the swap. */
export function replaceTableName(table: string): string {
  return fitIdentifier(`_basin_new_${table}`);
}

/** Prefix of the staging tables of one stream (orphans of killed runs are found by it). */
export function stagingPrefix(stream: string): string {
  return `_basin_stg_${shortHash(stream)}_`;
}
