import { describe, expect, it } from 'vitest';
import { DependencyGraph } from './dependency-graph.js';
import { ExecutionScheduler } from './execution-scheduler.js';
import { GraphCycleError } from './graph-cycle-error.js';

const n = (uniqueId: string, ...dependsOn: string[]) => ({ uniqueId, dependsOn });

// a -> b -> d ; a -> c -> d ; d -> e ; x
const graph = new DependencyGraph([n('a'), n('b', 'a'), n('c', 'a'), n('d', 'b', 'c'), n('e', 'd'), n('x')]);

describe('ExecutionScheduler', () => {
  it('releases nodes as their dependencies finish', () => {
    const s = new ExecutionScheduler(graph);
    expect(s.ready()).toEqual(['a', 'x']);
    expect(s.takeReady(1)).toEqual(['a']);
    expect(s.state('a')).toBe('running');
    expect(s.ready()).toEqual(['x']);
    expect(s.markDone('a')).toEqual(['b', 'c']);
    expect(s.ready()).toEqual(['b', 'c', 'x']);
    s.takeReady();
    expect(s.markDone('b')).toEqual([]);
    expect(s.markDone('c')).toEqual(['d']);
    s.markDone('x');
    expect(s.markDone('d')).toEqual(['e']);
    expect(s.finished).toBe(false);
    s.markDone('e');
    expect(s.finished).toBe(true);
    expect(s.counts()).toMatchObject({ done: 6 });
  });

  it('skips everything downstream of a failure', () => {
    const s = new ExecutionScheduler(graph);
    s.markDone('a');
    expect(s.markFailed('b')).toEqual(['d', 'e']);
    expect(s.state('d')).toBe('skipped');
    expect(s.ready()).toEqual(['c', 'x']);
    s.markDone('c');
    s.markDone('x');
    expect(s.finished).toBe(true);
    expect(s.counts()).toEqual({ pending: 0, ready: 0, running: 0, done: 3, failed: 1, skipped: 2 });
  });

  it('keeps ordering through unscheduled nodes', () => {
    const s = new ExecutionScheduler(graph, { only: ['a', 'e', 'x'] });
    expect(s.dependenciesOf('e')).toEqual(['a']);
    expect(s.ready()).toEqual(['a', 'x']);
    expect(s.markDone('a')).toEqual(['e']);
    expect(s.state('b')).toBeUndefined();
  });

  it('rejects invalid transitions and cycles', () => {
    const s = new ExecutionScheduler(graph);
    expect(() => s.markDone('d')).toThrow(/pending/);
    s.markDone('a');
    expect(() => s.markDone('a')).toThrow(/done/);
    expect(() => new ExecutionScheduler(new DependencyGraph([n('a', 'b'), n('b', 'a')]))).toThrow(GraphCycleError);
  });
});
