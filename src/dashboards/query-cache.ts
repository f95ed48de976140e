/**
 * Results of dashboard queries, kept per (SQL, parameters, data version):
 * the data version changes when an asset the dashboard reads is rebuilt, so
 * a cached result is never older than the data it was computed from. Least
 * recently used entries go first past `maxEntries` or `maxRows` in all.
 */
import { createHash } from 'node:crypto';
import { toJson } from '../core/json-text.js';
import type { QueryResult } from '../warehouse/warehouse.js';

export interface QueryCache {
  get(key: string): QueryResult | undefined;
  set(key: string, result: QueryResult): void;
  /** Entries now held. */
  size(): number;
}

/** The cache key of one query run. */
export function queryCacheKey(sql: string, params: readonly unknown[], dataVersion: string): string {
  return createHash('sha256').update(sql).update('\0').update(toJson(params)).update('\0').update(dataVersion).digest('hex');
}

/** An in-memory LRU cache. */
export function createQueryCache(options: { maxEntries?: number; maxRows?: number } = {}): QueryCache {
  const maxEntries = options.maxEntries ?? 500;
  const maxRows = options.maxRows ?? 2_000_000;
  const entries = new Map<string, QueryResult>();
  let rows = 0;
  return {
    get(key) {
      const hit = entries.get(key);
      if (hit) {
        entries.delete(key);
        entries.set(key, hit);
      }
      return hit;
    },
    set(key, result) {
      const old = entries.get(key);
      if (old) rows -= old.rows.length;
      entries.delete(key);
      entries.set(key, result);
      rows += result.rows.length;
      for (const [k, v] of entries) {
        if (entries.size <= maxEntries && rows <= maxRows) break;
        if (k === key) continue;
        entries.delete(k);
        rows -= v.rows.length;
      }
    },
    size: () => entries.size,
  };
}
