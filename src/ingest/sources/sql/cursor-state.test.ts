import { describe, expect, it } from 'vitest';
import { CursorTracker, toCursorState } from './cursor-state.js';
import { buildReadQuery, type ReadQueryDialect } from './read-query.js';

const pg: ReadQueryDialect = { quote: (s) => `"${s}"`, param: (i) => `$${i}`, toParam: (v) => v };
const rows = (list: Array<[number, number]>): Array<Record<string, unknown>> => list.map(([c, id]) => ({ c, id }));

describe('CursorTracker', () => {
  it('remembers the keys at the last cursor value and skips them on resume', () => {
    const t = new CursorTracker('c', ['id'], undefined);
    for (const r of rows([[1, 1], [2, 2], [2, 3]])) expect(t.accept(r)).toBe(true);
    const state = t.state();
    expect(state).toEqual({ cursor: 2, keys: ['[2]', '[3]'] });
    const resumed = new CursorTracker('c', ['id'], toCursorState({ ...state }));
    const kept = rows([[2, 1], [2, 2], [2, 3], [3, 4]]).filter((r) => resumed.accept(r));
    expect(kept.map((r) => r.id)).toEqual([1, 4]);
    expect(resumed.state()).toEqual({ cursor: 3, keys: ['[4]'] });
  });

  it('carries earlier ties when more rows arrive at the same value', () => {
    const t = new CursorTracker('c', ['id'], { cursor: 5, keys: ['[1]'] });
    expect(t.accept({ c: 5, id: 1 })).toBe(false);
    expect(t.accept({ c: 5, id: 2 })).toBe(true);
    expect(t.state()).toEqual({ cursor: 5, keys: ['[1]', '[2]'] });
  });

  it('falls back to a keyset when too many rows tie', () => {
    const t = new CursorTracker('c', ['id'], undefined, 2);
    for (const r of rows([[1, 1], [1, 2], [1, 3], [1, 4]])) t.accept(r);
    expect(t.state()).toEqual({ cursor: 1, after: [4] });
    for (const r of rows([[2, 5]])) t.accept(r);
    expect(t.state()).toEqual({ cursor: 2, keys: ['[5]'] });
  });

  it('identifies rows of a keyless stream by content, counting identical rows', () => {
    const t = new CursorTracker('c', [], { cursor: 1, keys: [] });
    t.accept({ c: 1, v: 'a' });
    t.accept({ c: 1, v: 'a' });
    const again = new CursorTracker('c', [], toCursorState({ ...t.state() }));
    const kept = [{ c: 1, v: 'a' }, { c: 1, v: 'a' }, { c: 1, v: 'a' }, { c: 1, v: 'b' }].filter((r) => again.accept(r));
    expect(kept).toEqual([{ c: 1, v: 'a' }, { c: 1, v: 'b' }]);
  });

  it('ignores rows with a null cursor for the state', () => {
    const t = new CursorTracker('c', ['id'], undefined);
    expect(t.accept({ c: null, id: 1 })).toBe(true);
    expect(t.state()).toBeUndefined();
  });
});

describe('buildReadQuery', () => {
  it('reads everything in key order on a first run', () => {
    expect(buildReadQuery(pg, { table: { schema: 's', name: 't' }, cursor: 'c', primaryKey: ['id'] })).toEqual({
      sql: 'SELECT * FROM "s"."t" ORDER BY "c", "id"',
      params: [],
    });
  });
  it('uses >= with remembered ties, and a keyset after the fallback', () => {
    const base = { query: 'select * from x;', cursor: 'c', primaryKey: ['a', 'b'] };
    expect(buildReadQuery(pg, { ...base, state: { cursor: 3, keys: [] } }).sql).toBe(
      'SELECT * FROM (select * from x) AS basin_q WHERE "c" >= $1 ORDER BY "c", "a", "b"',
    );
    expect(buildReadQuery(pg, { ...base, state: { cursor: 3, after: [1, 2] } })).toEqual({
      sql: 'SELECT * FROM (select * from x) AS basin_q WHERE ("c" > $1 OR ("c" = $2 AND ("a", "b") > ($3, $4))) ORDER BY "c", "a", "b"',
      params: [3, 3, 1, 2],
    });
  });
  it('reads without order or condition without a cursor', () => {
    expect(buildReadQuery(pg, { table: { schema: 's', name: 't' }, primaryKey: ['id'] }).sql).toBe('SELECT * FROM "s"."t"');
  });
});
