import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../core/logger.js';
import { apiKeyAuth } from './auth/static-auth.js';
import { createHttpClient } from './http-client.js';
import { HttpError } from './http-error.js';
import { maxRequestsInWindow, randomFaults, startFaultServer, type Fault, type FaultServer } from './test-support/fault-server.js';

const fast = { baseDelayMs: 5, maxDelayMs: 20, maxAttempts: 6 };
let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const echo = (r: { url: URL }) => ({ body: { path: r.url.pathname, n: Number(r.url.searchParams.get('n') ?? 0) } });
const faultsAt = (plan: Record<number, Fault>) => (i: number) => plan[i];

describe('HttpClient retries', () => {
  it('retries 500, 429, resets and stalled bodies until the answer comes', async () => {
    server = await startFaultServer({
      handler: echo,
      fault: faultsAt({
        0: { type: 'status', status: 500 },
        1: { type: 'status', status: 429 },
        2: { type: 'reset' },
        3: { type: 'stall' },
      }),
    });
    const logger = createMemoryLogger();
    const client = createHttpClient({ baseUrl: `${server.url}/v1`, retry: fast, timeoutMs: 1000, idleTimeoutMs: 100, logger });
    const res = await client.getJson<{ path: string }>({ url: '/things' });
    expect(res).toEqual({ path: '/v1/things', n: 0 });
    expect(server.log.map((r) => r.fault ?? 'ok')).toEqual(['status', 'status', 'reset', 'stall', 'ok']);
    const retries = logger.entries.filter((e) => e.message.includes('retrying'));
    expect(retries.map((e) => e.fields['code'])).toEqual(['HTTP_STATUS', 'HTTP_STATUS', 'HTTP_NETWORK', 'HTTP_TIMEOUT']);
  });

  it('retries a POST on 500 and resets only when the call says it is idempotent', async () => {
    const plan = faultsAt({ 0: { type: 'status', status: 500 }, 1: { type: 'reset' } });
    server = await startFaultServer({ handler: echo, fault: plan });
    const client = createHttpClient({ baseUrl: server.url, retry: fast, timeoutMs: 1000 });
    await expect(client.request({ method: 'POST', url: '/once', json: {} })).rejects.toMatchObject({ code: 'HTTP_STATUS', status: 500 });
    expect(server.log).toHaveLength(1);
    await server.close();
    server = await startFaultServer({ handler: echo, fault: plan });
    const again = createHttpClient({ baseUrl: server.url, retry: fast, timeoutMs: 1000 });
    expect((await again.request({ method: 'POST', url: '/upsert', json: {} }, { idempotent: true })).json()).toEqual({ path: '/upsert', n: 0 });
    expect(server.log.map((r) => r.fault ?? 'ok')).toEqual(['status', 'reset', 'ok']);
  });

  it('honours Retry-After before trying again', async () => {
    server = await startFaultServer({ handler: echo, fault: faultsAt({ 0: { type: 'status', status: 429, headers: { 'retry-after': '1' } } }) });
    const client = createHttpClient({ baseUrl: server.url, retry: fast });
    await client.getJson({ url: '/a' });
    const [first, second] = server.log;
    expect(second!.time - first!.time).toBeGreaterThanOrEqual(990);
  });

  it('fires the header timeout on a connection that never answers', async () => {
    server = await startFaultServer({ handler: echo, fault: () => ({ type: 'hang' }) });
    const client = createHttpClient({ baseUrl: server.url, retry: { ...fast, maxAttempts: 2 }, timeoutMs: 80 });
    const started = performance.now();
    const err = await client.getJson({ url: '/a' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).code).toBe('HTTP_TIMEOUT');
    expect((err as HttpError).attempts).toBe(2);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('fires the idle timeout on a body that stalls mid-way', async () => {
    server = await startFaultServer({ handler: echo, fault: () => ({ type: 'stall' }) });
    const client = createHttpClient({ baseUrl: server.url, retry: { ...fast, maxAttempts: 1 }, timeoutMs: 5000, idleTimeoutMs: 60 });
    const err = (await client.getJson({ url: '/a' }).catch((e: unknown) => e)) as HttpError;
    expect(err.code).toBe('HTTP_TIMEOUT');
    expect(err.message).toMatch(/stalled/);
  });

  it('does not retry a 400, and its error names status, redacted URL and body excerpt', async () => {
    server = await startFaultServer({ handler: echo, fault: () => ({ type: 'status', status: 400, body: '{"error":"bad filter"}' }) });
    const client = createHttpClient({ baseUrl: server.url, retry: fast, auth: apiKeyAuth({ name: 'k', value: 'SECRET', in: 'query' }) });
    const err = (await client.getJson({ url: '/a', query: { page: 2 } }).catch((e: unknown) => e)) as HttpError;
    expect(err.code).toBe('HTTP_STATUS');
    expect(err.status).toBe(400);
    expect(err.bodyExcerpt).toContain('bad filter');
    expect(err.message).not.toContain('SECRET');
    expect(err.url).not.toContain('SECRET');
    expect(server.log).toHaveLength(1);
    expect(server.log[0]!.path).toContain('k=SECRET');
  });

  it('obeys Stripe-Should-Retry and stops after max elapsed time', async () => {
    server = await startFaultServer({ handler: echo, fault: () => ({ type: 'status', status: 500, headers: { 'stripe-should-retry': 'false' } }) });
    const client = createHttpClient({ baseUrl: server.url, retry: fast });
    await expect(client.getJson({ url: '/a' })).rejects.toMatchObject({ status: 500, attempts: 1 });
    await server.close();
    server = await startFaultServer({ handler: echo, fault: () => ({ type: 'status', status: 503 }) });
    const slow = createHttpClient({ baseUrl: server.url, retry: { maxAttempts: 100, baseDelayMs: 40, maxDelayMs: 40, maxElapsedMs: 150 }, random: () => 1 });
    await expect(slow.getJson({ url: '/a' })).rejects.toMatchObject({ code: 'HTTP_STATUS', status: 503 });
    expect(server.log.length).toBeLessThanOrEqual(5);
  });

  it('cancels on the AbortSignal, also while waiting out a Retry-After', async () => {
    server = await startFaultServer({ handler: echo, fault: () => ({ type: 'status', status: 429, headers: { 'retry-after': '30' } }) });
    const client = createHttpClient({ baseUrl: server.url, retry: fast });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(client.getJson({ url: '/a' }, { signal: controller.signal })).rejects.toMatchObject({ code: 'ABORTED' });
  });

  it('pauses the connection when a vendor header says the window is used up', async () => {
    let calls = 0;
    server = await startFaultServer({
      handler: () => ({ headers: calls++ === 0 ? { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '0.3' } : ({} as Record<string, string>), body: {} }),
    });
    const client = createHttpClient({ baseUrl: server.url });
    await client.getJson({ url: '/a' });
    await client.getJson({ url: '/b' });
    expect(server.log[1]!.time - server.log[0]!.time).toBeGreaterThanOrEqual(290);
  });
});

describe('HttpClient rate budget', () => {
  it('never exceeds the budget, retries included, and converges to identical results', async () => {
    const faults: Fault[] = [
      { type: 'status', status: 429, headers: { 'retry-after': '0' } },
      { type: 'status', status: 500 },
      { type: 'stall' },
    ];
    server = await startFaultServer({ handler: echo, fault: randomFaults(0.3, 7, faults) });
    const budget = { requests: 10, intervalMs: 200 };
    const client = createHttpClient({ baseUrl: server.url, rateLimit: budget, retry: { ...fast, maxAttempts: 10 }, idleTimeoutMs: 60 });
    const results = await Promise.all(Array.from({ length: 50 }, (_, n) => client.getJson<{ n: number }>({ url: '/item', query: { n } })));
    expect(results.map((r) => r.n)).toEqual(Array.from({ length: 50 }, (_, n) => n));
    const faulted = server.log.filter((r) => r.fault).length;
    expect(faulted).toBeGreaterThan(5);
    expect(maxRequestsInWindow(server.log.map((r) => r.time), budget.intervalMs)).toBeLessThanOrEqual(budget.requests);
  });
});
