import { describe, expect, it } from 'vitest';
import { DependencyGraph } from './dependency-graph.js';
import { GraphCycleError } from './graph-cycle-error.js';
import { findCycle, topologicalOrder } from './topological-order.js';
import { findMissingDependencies } from './missing-dependencies.js';

const n = (uniqueId: string, ...dependsOn: string[]) => ({ uniqueId, dependsOn });

describe('topologicalOrder', () => {
  it('puts dependencies first and breaks ties by id', () => {
    const g = new DependencyGraph([n('z'), n('m', 'z'), n('b', 'z'), n('a'), n('c', 'a', 'b')]);
    expect(topologicalOrder(g)).toEqual(['a', 'z', 'b', 'c', 'm']);
  });

  it('is independent of input order', () => {
    const nodes = [n('model.p.a'), n('model.p.b', 'model.p.a'), n('model.p.c', 'model.p.a'), n('model.p.d', 'model.p.c')];
    const forward = topologicalOrder(new DependencyGraph(nodes));
    const backward = topologicalOrder(new DependencyGraph([...nodes].reverse()));
    expect(backward).toEqual(forward);
  });

  it('names a two-node cycle in order', () => {
    const g = new DependencyGraph([n('model.p.b', 'model.p.a'), n('model.p.a', 'model.p.b'), n('model.p.c', 'model.p.a')]);
    let err: unknown;
    try {
      topologicalOrder(g);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(GraphCycleError);
    expect((err as GraphCycleError).code).toBe('GRAPH_CYCLE');
    expect((err as GraphCycleError).cycle).toEqual(['model.p.a', 'model.p.b', 'model.p.a']);
    expect((err as Error).message).toContain('model.p.a -> model.p.b -> model.p.a');
  });

  it('names a longer cycle in data-flow order', () => {
    // c uses b, b uses a, a uses c: data flows a -> b -> c -> a
    const g = new DependencyGraph([n('root'), n('a', 'c', 'root'), n('b', 'a'), n('c', 'b'), n('leaf', 'c')]);
    expect(findCycle(g)).toEqual(['a', 'b', 'c', 'a']);
    expect(() => topologicalOrder(g)).toThrow('a -> b -> c -> a');
  });

  it('detects self-references', () => {
    expect(findCycle(new DependencyGraph([n('a', 'a')]))).toEqual(['a', 'a']);
  });

  it('returns undefined for acyclic graphs', () => {
    expect(findCycle(new DependencyGraph([n('a'), n('b', 'a')]))).toBeUndefined();
  });
});

describe('findMissingDependencies', () => {
  it('lists unknown ids per node, once each', () => {
    const nodes = [n('model.p.a', 'source.p.s.t'), n('model.p.b', 'model.p.a', 'model.p.zz', 'model.p.zz')];
    expect(findMissingDependencies(nodes)).toEqual([
      { from: 'model.p.a', missing: 'source.p.s.t' },
      { from: 'model.p.b', missing: 'model.p.zz' },
    ]);
    expect(findMissingDependencies(nodes, new Set(['source.p.s.t']))).toEqual([{ from: 'model.p.b', missing: 'model.p.zz' }]);
  });
});

describe('performance', () => {
  it('handles 10,000 nodes with 3 edges each quickly', () => {
    const nodes = [];
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    for (let i = 0; i < 10_000; i++) {
      const deps = i === 0 ? [] : [0, 1, 2].map(() => `model.p.m${Math.floor(rand() * i)}`);
      nodes.push(n(`model.p.m${i}`, ...deps));
    }
    const t0 = performance.now();
    const g = new DependencyGraph(nodes);
    const order = topologicalOrder(g);
    const down = g.descendants('model.p.m0');
    const elapsed = performance.now() - t0;
    expect(order).toHaveLength(10_000);
    expect(down.size).toBeGreaterThan(0);
    // A few ms on a laptop; generous bound for loaded CI machines.
    expect(elapsed).toBeLessThan(250);
  });
});
