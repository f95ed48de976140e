import { describe, expect, it } from 'vitest';
import type { BuiltCatalog } from './build-catalog.js';
import { CatalogCache } from './catalog-cache.js';

function built(n: number): BuiltCatalog {
  return { json: { project: `p${n}` } as BuiltCatalog['json'], byKey: new Map(), idByKey: new Map(), latest: new Map() };
}

describe('CatalogCache', () => {
  it('reuses the catalog for the same version within the TTL, rebuilds on a new version or after it', async () => {
    let builds = 0;
    let version = 'a';
    let now = 0;
    const cache = new CatalogCache({ build: async () => built(++builds), version: async () => version, ttlMs: 1000, now: () => now });
    const [x, y] = await Promise.all([cache.get(), cache.get()]);
    expect(x.json.project).toBe('p1');
    expect(y).toBe(x);
    now = 999;
    expect((await cache.get()).json.project).toBe('p1');
    version = 'b';
    expect((await cache.get()).json.project).toBe('p2');
    now = 2000;
    expect((await cache.get()).json.project).toBe('p3');
  });

  it('does not keep a failed build', async () => {
    let fail = true;
    const cache = new CatalogCache({
      build: async () => {
        if (fail) throw new Error('warehouse gone');
        return built(1);
      },
      version: async () => 'v',
    });
    await expect(cache.get()).rejects.toThrow('warehouse gone');
    fail = false;
    expect((await cache.get()).json.project).toBe('p1');
  });
});
