import { describe, expect, it } from 'vitest';
import { DependencyGraph } from '../../transform/graph/dependency-graph.js';
import type { Asset, AssetKind } from '../assets/asset.js';
import type { AssetExecutor, AssetRunEvent } from './asset-outcome.js';
import { runAssets, type RunAssetsOptions } from './run-assets.js';

function asset(id: string, upstream: string[] = [], kind: AssetKind = 'model', connection?: string): Asset {
  return { id, key: `${kind}:${id}`, kind, name: id, upstream, tags: [], file: '', connection };
}

function setup(list: Asset[], execute: AssetExecutor, extra: Partial<RunAssetsOptions> = {}): RunAssetsOptions {
  const assets = new Map(list.map((a) => [a.id, a]));
  const graph = new DependencyGraph(list.map((a) => ({ uniqueId: a.id, dependsOn: a.upstream })));
  return { assets, graph, ids: list.map((a) => a.id), execute, limits: { global: 4 }, ...extra };
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('runAssets', () => {
  it('runs in graph order within the global and per-kind limits', async () => {
    const list = [asset('c1', [], 'connection', 'x'), asset('c2', [], 'connection', 'y'), asset('c3', [], 'connection', 'z'), asset('m', ['c1', 'c2', 'c3']), asset('n', ['m'])];
    const started: string[] = [];
    let now = 0;
    let peak = 0;
    let peakConnections = 0;
    let connections = 0;
    const results = await runAssets(
      setup(list, async (a) => {
        started.push(a.id);
        now++;
        if (a.kind === 'connection') connections++;
        peak = Math.max(peak, now);
        peakConnections = Math.max(peakConnections, connections);
        await wait(15);
        now--;
        if (a.kind === 'connection') connections--;
        return { status: 'succeeded', rows: 1 };
      }, { limits: { global: 3, perKind: { connection: 2 } } }),
    );
    expect(peak).toBeLessThanOrEqual(3);
    expect(peakConnections).toBe(2);
    expect(started.indexOf('m')).toBeGreaterThan(2);
    expect(started.at(-1)).toBe('n');
    expect(results.map((r) => r.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded', 'succeeded']);
  });

  it('a failure skips only its downstream; retries with backoff succeed; timeouts fail the attempt', async () => {
    const list = [asset('bad'), asset('after_bad', ['bad']), asset('flaky'), asset('after_flaky', ['flaky']), asset('slow')];
    const attempts = new Map<string, number>();
    const events: AssetRunEvent[] = [];
    const results = await runAssets(
      setup(
        list,
        async (a, { signal }) => {
          const n = (attempts.get(a.id) ?? 0) + 1;
          attempts.set(a.id, n);
          if (a.id === 'bad') throw new Error('boom');
          if (a.id === 'flaky' && n < 3) return { status: 'failed', error: `attempt ${n} failed` };
          if (a.id === 'slow') await new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
          return { status: 'succeeded' };
        },
        { retry: { count: 2, backoffMs: 5 }, timeoutMs: 150, onEvent: (e) => events.push(e), random: () => 1 },
      ),
    );
    const byId = new Map(results.map((r) => [r.id, r]));
    expect(byId.get('bad')).toMatchObject({ status: 'failed', attempts: 3, error: 'boom' });
    expect(byId.get('after_bad')).toMatchObject({ status: 'skipped', skippedBecause: 'bad', attempts: 0 });
    expect(byId.get('flaky')).toMatchObject({ status: 'succeeded', attempts: 3 });
    expect(byId.get('after_flaky')).toMatchObject({ status: 'succeeded', attempts: 1 });
    expect(byId.get('slow')).toMatchObject({ status: 'failed', attempts: 3, error: 'timed out after 0.15s' });
    const retries = events.filter((e) => e.type === 'asset_retrying' && e.asset.id === 'flaky');
    expect(retries.map((e) => (e as { delayMs: number }).delayMs)).toEqual([5, 10]);
  });

  it('limits assets of one connection and stops cleanly on cancellation', async () => {
    const list = [asset('a', [], 'connection', 'api'), asset('t1', ['a'], 'source', 'api'), asset('t2', ['a'], 'source', 'api'), asset('m', ['t1', 't2']), asset('free')];
    const controller = new AbortController();
    let sameConnection = 0;
    let peak = 0;
    const seenSignals: AbortSignal[] = [];
    const results = await runAssets(
      setup(
        list,
        async (a, { signal }) => {
          if (a.connection === 'api') {
            sameConnection++;
            peak = Math.max(peak, sameConnection);
          }
          seenSignals.push(signal);
          if (a.id === 't1') controller.abort();
          await wait(10);
          if (a.connection === 'api') sameConnection--;
          if (signal.aborted) throw signal.reason;
          return { status: 'succeeded' };
        },
        { limits: { global: 4, perConnection: 1 }, signal: controller.signal },
      ),
    );
    expect(peak).toBe(1);
    const byId = new Map(results.map((r) => [r.id, r.status]));
    expect(byId.get('a')).toBe('succeeded');
    expect(byId.get('t1')).toBe('canceled');
    expect(byId.get('m')).toBe('canceled');
    expect(results).toHaveLength(5);
    expect(seenSignals.some((s) => s.aborted)).toBe(true);
  });
});
