import { describe, expect, it } from 'vitest';
import { DuckDbDialect } from '../../warehouse/duckdb/duckdb-dialect.js';
import { planJsonl, type TablePlan } from './jsonl-plan.js';
import { mergeShapes, parseStructure, UnsupportedShape } from './jsonl-shape.js';
import {
  fromJsonStructure,
  jsonlChildSelectSql,
  jsonlDiscoverySql,
  jsonlLinesSql,
  jsonlRejectsSql,
  jsonlRootSelectSql,
  jsonlShapeOrderSql,
  type RootKeys,
} from './jsonl-sql.js';
import { TableSchema } from './table-schema.js';

const d = new DuckDbDialect();

function plan(structures: string[], maxDepth = Number.POSITIVE_INFINITY, existing: Record<string, Record<string, 'text' | 'bigint'>> = {}): { plan: TablePlan; added: string[] } {
  const schemas = new Map<string, TableSchema>();
  for (const [name, cols] of Object.entries(existing)) {
    const s = new TableSchema(name, true);
    for (const [c, t] of Object.entries(cols)) s.columns.set(c, t);
    schemas.set(name, s);
  }
  const added: string[] = [];
  const p = planJsonl({
    table: 'orders',
    maxDepth,
    structures: structures.map(parseStructure),
    schemaFor: (logical) => {
      let s = schemas.get(logical);
      if (!s) schemas.set(logical, (s = new TableSchema(logical, false)));
      return s;
    },
    applyChanges: (schema, changes) => {
      schema.apply(changes);
      for (const c of changes) if (c.kind === 'add') added.push(`${schema.name}.${c.column}`);
    },
  });
  return { plan: p, added };
}

describe('JSONL shapes', () => {
  it('parses json_structure output and merges shapes', () => {
    const a = parseStructure('{"id":"UBIGINT","meta":{"a":"VARCHAR"},"tags":["VARCHAR"],"e":"JSON","n":"NULL"}');
    const b = parseStructure('{"id":"VARCHAR","meta":{"b":"BOOLEAN"},"tags":["NULL"]}');
    expect(mergeShapes(a, b)).toEqual({
      kind: 'object',
      fields: new Map<string, unknown>([
        ['id', { kind: 'scalar', types: new Set(['bigint', 'text']) }],
        ['meta', { kind: 'object', fields: new Map([['a', { kind: 'scalar', types: new Set(['text']) }], ['b', { kind: 'scalar', types: new Set(['boolean']) }]]) }],
        ['tags', { kind: 'array', element: { kind: 'scalar', types: new Set(['text']) } }],
        ['e', { kind: 'empty' }],
        ['n', { kind: 'null' }],
      ]),
    });
  });

  it('refuses shapes without an exact SQL equivalent', () => {
    expect(() => parseStructure('{"a":["JSON"]}')).toThrow(UnsupportedShape);
    expect(() => parseStructure('{"a":[["UBIGINT"]]}')).toThrow(UnsupportedShape);
    expect(() => parseStructure('{"a":"HUGEINT"}')).toThrow(UnsupportedShape);
    expect(() => parseStructure('{"aB":"VARCHAR","ab":"VARCHAR"}')).toThrow(UnsupportedShape);
    expect(() => mergeShapes(parseStructure('{"a":{"b":"VARCHAR"}}'), parseStructure('{"a":"VARCHAR"}'))).toThrow(UnsupportedShape);
    expect(() => plan(['{"a_b":"VARCHAR","aB":"VARCHAR"}'])).toThrow(/two fields flatten to orders.a_b/);
    expect(() => plan(['{"n":"VARCHAR"}', '{"n":"DOUBLE"}'])).toThrow(/numbers as text/);
  });
});

describe('JSONL plan', () => {
  it('replays the schema rules in file order: first type wins, widening, variants, child tables', () => {
    const { plan: p, added } = plan([
      '{"id":"UBIGINT","amount":"UBIGINT","note":"VARCHAR","customerInfo":{"plan":"VARCHAR"},"items":[{"sku":"VARCHAR","qty":"UBIGINT"}]}',
      '{"id":"UBIGINT","amount":"DOUBLE","note":"BOOLEAN","items":[{"sku":"VARCHAR","qty":"DOUBLE","sub":["UBIGINT"]}]}',
      '{"id":"UBIGINT","amount":"VARCHAR","note":"UBIGINT","customerInfo":{}}',
    ]);
    expect([...p.columns]).toEqual([
      ['id', 'bigint'],
      ['amount', 'double'],
      ['note', 'text'],
      ['customer_info__plan', 'text'],
      ['amount__v_text', 'text'],
    ]);
    expect(p.leaves.find((l) => l.path[0] === 'amount')!.routes).toEqual(new Map([['bigint', 'amount'], ['double', 'amount'], ['text', 'amount__v_text']]));
    const items = p.arrays[0]!;
    expect(items).toMatchObject({ path: ['items'], column: 'items', hidden: '_basin_arr_0' });
    expect([...items.child.columns]).toEqual([
      ['sku', 'text'],
      ['qty', 'double'],
    ]);
    expect(items.child.arrays[0]!.child.logical).toBe('orders__items__sub');
    expect(added).toEqual(['orders.id', 'orders.amount', 'orders.note', 'orders.customer_info__plan', 'orders__items.sku', 'orders__items.qty', 'orders__items__sub.value', 'orders.amount__v_text']);
  });

  it('keeps objects beyond the depth limit as JSON and respects existing columns', () => {
    const { plan: p } = plan(['{"a":{"b":{"c":"UBIGINT"}},"n":"VARCHAR"}'], 1, { orders: { n: 'bigint' } });
    expect([...p.columns]).toEqual([
      ['n', 'bigint'],
      ['a__b', 'json'],
      ['n__v_text', 'text'],
    ]);
  });
});

describe('JSONL SQL (golden)', () => {
  const { plan: p } = plan([
    '{"id":"VARCHAR","amount":"UBIGINT","customer":{"id":"VARCHAR"},"items":[{"sku":"VARCHAR","qty":"UBIGINT"}],"tags":["VARCHAR"]}',
    '{"id":"VARCHAR","amount":"VARCHAR","customer":{"id":"VARCHAR"}}',
  ]);
  const root: RootKeys = { table: 'orders', keys: [{ field: 'id', type: 'text' }], rejectMissing: true };

  it('reads lines, discovers and orders shapes', () => {
    expect(jsonlLinesSql(d, '/data/o.jsonl')).toMatchSnapshot();
    expect(jsonlLinesSql(d, '/data/o.jsonl', false)).toMatchSnapshot();
    expect(jsonlDiscoverySql(d, "/data/o'1.jsonl")).toMatchSnapshot();
    expect(jsonlShapeOrderSql(d, '/data/o.jsonl')).toMatchSnapshot();
  });

  it('builds the from_json structure, root, child and reject selects', () => {
    expect(fromJsonStructure(p.shape, p)).toBe('{"id":"VARCHAR","amount":"JSON","customer":{"id":"VARCHAR"},"items":"JSON","tags":"JSON"}');
    expect(jsonlRootSelectSql(d, '/data/o.jsonl', p, root, true, true)).toMatchSnapshot();
    expect(jsonlRootSelectSql(d, '/data/o.jsonl', p, { ...root, keys: [], rejectMissing: false }, false, false)).toMatchSnapshot();
    const items = p.arrays[0]!;
    expect(jsonlChildSelectSql(d, { schema: 's', name: 'stg_0' }, true, items, items.child)).toMatchSnapshot();
    const tags = p.arrays[1]!;
    expect(jsonlChildSelectSql(d, { schema: 's', name: 'stg_0' }, true, tags, tags.child)).toMatchSnapshot();
    expect(jsonlRejectsSql(d, '/data/o.jsonl', root)).toMatchSnapshot();
  });
});
