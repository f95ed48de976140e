import { describe, expect, it } from 'vitest';
import { BasinError } from '../core/errors.js';
import type { QueryResult } from '../warehouse/warehouse.js';
import { createQueryCache } from './query-cache.js';

const result = (n: number): QueryResult => ({ columns: [{ name: 'n', type: 'INTEGER', nullable: false }], rows: [{ n }], rowCount: 1 });

describe('the dashboard query cache', () => {
  it('shares one computation between concurrent loads of a key, then serves it from the cache', async () => {
    const cache = createQueryCache();
    let computed = 0;
    let finish!: (r: QueryResult) => void;
    const compute = () => {
      computed++;
      return new Promise<QueryResult>((resolve) => (finish = resolve));
    };
    const first = cache.load('k', compute);
    const second = cache.load('k', compute);
    finish(result(1));
    expect(await first).toEqual({ result: result(1), cached: false });
    expect(await second).toEqual({ result: result(1), cached: false });
    expect(computed).toBe(1);
    expect(await cache.load('k', compute)).toEqual({ result: result(1), cached: true });
    expect(computed).toBe(1);
  });

  it('runs again for a caller that joined a run its starter aborted; a failure is not cached', async () => {
    const cache = createQueryCache();
    let reject!: (err: unknown) => void;
    const aborted = cache.load('k', () => new Promise<QueryResult>((_resolve, fail) => (reject = fail)));
    const joined = cache.load('k', async () => result(2));
    reject(new BasinError('ABORTED', 'the client went away'));
    await expect(aborted).rejects.toThrow(/went away/);
    expect(await joined).toEqual({ result: result(2), cached: false });

    await expect(cache.load('bad', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await cache.load('bad', async () => result(3))).toEqual({ result: result(3), cached: false });
  });
});
