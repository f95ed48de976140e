import { describe, expect, it } from 'vitest';
import { diffSnapshots } from './connector-contract.js';

describe('connector contract comparisons', () => {
  it('reports missing and unexpected rows per table, counting duplicates', () => {
    const expected = { a: ['{"id":1}', '{"id":2}', '{"id":2}'], b: ['{"x":1}'] };
    expect(diffSnapshots(expected, expected)).toEqual([]);
    const diff = diffSnapshots({ a: ['{"id":1}', '{"id":2}', '{"id":3}'] }, expected);
    expect(diff).toEqual([
      'a: 1 rows missing, 1 unexpected; missing e.g. {"id":2}; unexpected e.g. {"id":3}',
      'b: 1 rows missing, 0 unexpected; missing e.g. {"x":1}; unexpected e.g. ',
    ]);
  });
});
