import { describe, expect, it } from 'vitest';
import { BasinError } from '../../core/errors.js';
import { DependencyGraph } from './dependency-graph.js';

const n = (uniqueId: string, ...dependsOn: string[]) => ({ uniqueId, dependsOn });

// a -> b -> d -> e ; a -> c -> d ; x isolated
const graph = new DependencyGraph([n('a'), n('b', 'a'), n('c', 'a'), n('d', 'b', 'c'), n('e', 'd'), n('x')]);

describe('DependencyGraph', () => {
  it('exposes parents and children', () => {
    expect(graph.size).toBe(6);
    expect(graph.parents('d')).toEqual(['b', 'c']);
    expect(graph.children('a')).toEqual(['b', 'c']);
    expect(graph.children('e')).toEqual([]);
    expect(graph.has('x')).toBe(true);
    expect(graph.has('nope')).toBe(false);
  });

  it('collapses duplicate dependencies and reports unknown ones', () => {
    const g = new DependencyGraph([n('a'), n('b', 'a', 'a', 'ghost', 'ghost')]);
    expect(g.parents('b')).toEqual(['a']);
    expect(g.missingDependencies()).toEqual([{ from: 'b', missing: 'ghost' }]);
  });

  it('rejects duplicate ids', () => {
    expect(() => new DependencyGraph([n('a'), n('a')])).toThrow(/duplicate node id.*a/);
  });

  it('finds ancestors and descendants, with and without depth', () => {
    expect([...graph.ancestors('e')].sort()).toEqual(['a', 'b', 'c', 'd']);
    expect([...graph.ancestors('e', { depth: 1 })]).toEqual(['d']);
    expect([...graph.ancestors('e', { depth: 2 })].sort()).toEqual(['b', 'c', 'd']);
    expect([...graph.descendants('a')].sort()).toEqual(['b', 'c', 'd', 'e']);
    expect([...graph.descendants('a', { depth: 1 })].sort()).toEqual(['b', 'c']);
    expect(graph.descendants('x').size).toBe(0);
    expect(graph.ancestors('e', { depth: 0 }).size).toBe(0);
  });

  it('includes a start node only when it is reachable from another start node', () => {
    expect([...graph.descendants(['b', 'd'])].sort()).toEqual(['d', 'e']);
    expect([...graph.ancestors(['b', 'c'])]).toEqual(['a']);
  });

  it('throws a BasinError for unknown ids', () => {
    expect(() => graph.parents('nope')).toThrow(BasinError);
  });
});
