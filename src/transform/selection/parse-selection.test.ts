import { describe, expect, it } from 'vitest';
import { parseSelection, parseSelectionCriteria, parseSelectionUnion } from './parse-selection.js';

describe('parseSelectionCriteria', () => {
  it('parses methods, arguments and graph operators as dbt does', () => {
    expect(parseSelectionCriteria('2+config.materialized:table+3')).toMatchObject({
      method: 'config',
      methodArguments: ['materialized'],
      value: 'table',
      parents: true,
      parentsDepth: 2,
      children: true,
      childrenDepth: 3,
      childrensParents: false,
    });
    expect(parseSelectionCriteria('@source:stripe')).toMatchObject({ method: 'source', value: 'stripe', childrensParents: true });
    expect(parseSelectionCriteria('+x')).toMatchObject({ parents: true, parentsDepth: undefined, children: false });
  });

  it('chooses the default method like dbt', () => {
    expect(parseSelectionCriteria('staging.stg_orders').method).toBe('fqn');
    expect(parseSelectionCriteria('models/staging').method).toBe('path');
    expect(parseSelectionCriteria('stg_orders.SQL').method).toBe('file');
    expect(parseSelectionCriteria('raw.csv').method).toBe('file');
  });

  it('keeps a + inside the value', () => {
    expect(parseSelectionCriteria('tag:a+b')).toMatchObject({ value: 'a+b', children: false });
  });

  it('calls the method validator', () => {
    expect(() =>
      parseSelectionCriteria('nope:x', {
        validateMethod: (m) => {
          throw new Error(`bad ${m}`);
        },
      }),
    ).toThrow('bad nope');
  });
});

describe('parseSelectionUnion / parseSelection', () => {
  it('splits on spaces (union) then commas (intersection)', () => {
    const u = parseSelectionUnion(['a b,c', 'd']);
    expect(u.type).toBe('union');
    expect(u.components.map((c) => (c.type === 'intersection' ? c.components.length : 0))).toEqual([1, 2, 1]);
  });

  it('returns no include part when nothing is selected and there is no default', () => {
    expect(parseSelection(undefined, undefined).include).toBeUndefined();
    expect(parseSelection([], ['x']).exclude?.components).toHaveLength(1);
    expect(parseSelection(undefined, undefined, { defaultSelect: ['fqn:*'] }).include?.components[0]).toMatchObject({ expectExists: false });
  });
});
