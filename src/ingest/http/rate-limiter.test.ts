import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limiter.js';
import { maxRequestsInWindow } from './test-support/fault-server.js';

describe('rate limiter', () => {
  it('grants at most `requests` per sliding interval, bursting up to the budget', async () => {
    const limiter = createRateLimiter({ requests: 5, intervalMs: 100, marginMs: 0 });
    const times: number[] = [];
    const t0 = performance.now();
    await Promise.all(Array.from({ length: 15 }, () => limiter.acquire().then((p) => { times.push(performance.now()); p.release(); })));
    expect(maxRequestsInWindow(times, 100)).toBeLessThanOrEqual(5);
    expect(times.filter((t) => t - t0 < 20)).toHaveLength(5);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(195);
  });

  it('spreads requests out when the burst is smaller than the budget', async () => {
    const limiter = createRateLimiter({ requests: 10, intervalMs: 100, burst: 1 });
    const times: number[] = [];
    await Promise.all(Array.from({ length: 5 }, () => limiter.acquire().then((p) => { times.push(performance.now()); p.release(); })));
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(8);
  });

  it('holds every grant during a pause, and an aborted waiter does not jump the queue', async () => {
    const limiter = createRateLimiter();
    limiter.pauseFor(80);
    const controller = new AbortController();
    const t0 = performance.now();
    const aborted = limiter.acquire(controller.signal);
    const next = limiter.acquire();
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ code: 'ABORTED' });
    await next;
    expect(performance.now() - t0).toBeGreaterThanOrEqual(75);
  });
});
