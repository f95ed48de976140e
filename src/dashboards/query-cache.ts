/**
 * Results of dashboard queries, kept per (SQL, parameters, data version):
 * the data version changes when an asset the dashboard reads is rebuilt, so
 * a cached result is never older than the data it was computed from. Least
 * recently used entries go first past `maxEntries` or `maxRows` in all.
 * Concurrent loads of one key share one computation (a page whose charts
 * are requested one by one runs a shared dropdown's options query once).
 */
import { createHash } from 'node:crypto';
import { isAbortError } from '../core/errors.js';
import { toJson } from '../core/json-text.js';
import type { QueryResult } from '../warehouse/warehouse.js';

export interface QueryCache {
  get(key: string): QueryResult | undefined;
  set(key: string, result: QueryResult): void;
  /**
   * The result of `key`: from the cache, else the computation already
   * running for it, else `compute()` (stored once it succeeds). When the
   * run it joined was aborted by the caller who started it, it runs again.
   */
  load(key: string, compute: () => Promise<QueryResult>): Promise<{ result: QueryResult; cached: boolean }>;
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
  const running = new Map<string, Promise<QueryResult>>();
  let rows = 0;
  const cache: QueryCache = {
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
    async load(key, compute) {
      const hit = cache.get(key);
      if (hit) return { result: hit, cached: true };
      const joined = running.get(key);
      if (joined) {
        try {
          return { result: await joined, cached: false };
        } catch (err) {
          if (!isAbortError(err)) throw err;
          return cache.load(key, compute);
        }
      }
      // Settles only once it is no longer listed, so a caller retrying after an abort never joins it again.
      const started: Promise<QueryResult> = compute()
        .then((result) => {
          cache.set(key, result);
          return result;
        })
        .finally(() => {
          if (running.get(key) === started) running.delete(key);
        });
      running.set(key, started);
      return { result: await started, cached: false };
    },
    size: () => entries.size,
  };
  return cache;
}
