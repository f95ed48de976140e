/**
 * Keeps the last built catalog while nothing it reads can have changed: the
 * same recent runs (id and status: a run that starts or finishes may change
 * the warehouse and the latest results) and younger than `ttlMs` (freshness
 * ages with time, and ad-hoc writes are not runs). Concurrent requests for
 * the same version share one build.
 */
import type { RunStore } from '../../orchestrator/run-store/run-store.js';
import type { BuiltCatalog } from './build-catalog.js';

/** How many recent runs make up the version. */
const VERSION_RUNS = 20;

/** The version of what the catalog reads: the recent runs' ids and statuses. */
export async function catalogVersion(store: RunStore): Promise<string> {
  const { runs } = await store.listRuns({ limit: VERSION_RUNS });
  return runs.map((r) => `${r.id}:${r.status}`).join(',');
}

export interface CatalogCacheOptions {
  build(): Promise<BuiltCatalog>;
  version(): Promise<string>;
  /** Longest a catalog is reused (default 30 s). */
  ttlMs?: number;
  now?: () => number;
}

/** A one-entry cache of the built catalog. */
export class CatalogCache {
  private entry: { version: string; at: number; value: Promise<BuiltCatalog> } | undefined;

  constructor(private readonly options: CatalogCacheOptions) {}

  /** The catalog for the current version, built when needed. A failed build is not kept. */
  async get(): Promise<BuiltCatalog> {
    const now = (this.options.now ?? Date.now)();
    const version = await this.options.version();
    const e = this.entry;
    if (e && e.version === version && now - e.at < (this.options.ttlMs ?? 30_000)) return e.value;
    const value = this.options.build();
    const entry = { version, at: now, value };
    this.entry = entry;
    value.catch(() => {
      if (this.entry === entry) this.entry = undefined;
    });
    return value;
  }
}
