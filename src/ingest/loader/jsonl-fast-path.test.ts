import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../core/logger.js';
import type { Row } from '../../core/types.js';
import { createDuckDbWarehouse } from '../../warehouse/duckdb/index.js';
import type { Warehouse } from '../../warehouse/warehouse.js';
import type { StreamDefinition } from '../source.js';
import { openStreamLoader } from './stream-loader.js';

/** Lines exercising nesting, arrays of objects and scalars, type drift, nulls, malformed lines and unicode. */
function sampleLines(n: number): string[] {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    if (i % 97 === 5) {
      lines.push(`{"id": "ch_${i}", broken`);
      continue;
    }
    if (i % 211 === 7) lines.push('', '   ', '[1,2]', '"just text"', 'null', '42');
    const r: Record<string, unknown> = {
      id: i % 13 === 0 ? `ch_${i}_é"\\/\u2028` : `ch_${i}`,
      amount: i % 50 === 3 ? 'five' : i % 7 === 0 ? i + 0.25 : i,
      note: i === 0 ? 'text first' : i % 3 === 0 ? i : i % 3 === 1 ? true : `n${i}`,
      paid: i % 2 === 0 ? true : null,
      customerInfo: { iD: `cus_${i % 10}`, metaData: { plan: ['free', 'pro', null][i % 3], 'région': 'eu', deep: { x: i, y: [1] } } },
      items: i % 5 === 0 ? [] : [{ sku: `a${i}`, qty: 1, tags: ['x', null, 'ü'] }, { sku: `b${i}`, qty: i % 4 === 0 ? 2.5 : 2, extra: { k: 'v' } }],
      codes: i % 6 === 0 ? null : [i, i + 1],
      misc: i % 4 === 0 ? {} : { when: '2024-01-01T00:00:00Z' },
      'Ünïcode Key': '日本語 ✓ 🎉',
    };
    if (i % 11 === 0) delete r['paid'];
    if (i > n / 2) r['lateField'] = { added: i };
    lines.push(JSON.stringify(r));
  }
  return lines;
}

const SKIP = new Set(['_basin_load_id', '_basin_loaded_at']);

describe('JSONL fast path (DuckDB SQL) against the JavaScript path', () => {
  let wh: Warehouse;
  let dir: string;
  beforeAll(async () => {
    wh = await createDuckDbWarehouse({ path: ':memory:', threads: 2 }, { logger: silentLogger });
    dir = mkdtempSync(join(tmpdir(), 'basin-jsonl-fast-'));
  });
  afterAll(async () => {
    await wh.close();
    rmSync(dir, { recursive: true, force: true });
  });

  let schemaNo = 0;
  async function loadBoth(stream: StreamDefinition, files: string[][]): Promise<[string, string]> {
    const schemas: [string, string] = [`jf_js_${++schemaNo}`, `jf_sql_${schemaNo}`];
    for (const [k, schema] of schemas.entries()) {
      for (const [j, lines] of files.entries()) {
        const path = join(dir, `${schema}_${j}.jsonl`);
        writeFileSync(path, lines.join('\n') + '\n');
        const loader = await openStreamLoader({
          warehouse: wh,
          schema,
          stream,
          loadId: `l${j}`,
          fullRefresh: false,
          spoolDir: dir,
          logger: silentLogger,
          fastPath: k === 0 ? 'off' : 'force',
        });
        await loader.load({ kind: 'file', format: 'jsonl', path, state: { file: j } });
        await loader.finish('succeeded');
      }
    }
    return schemas;
  }

  async function snapshot(schema: string): Promise<Record<string, { columns: string[]; rows: Row[] }>> {
    const d = wh.dialect;
    const out: Record<string, { columns: string[]; rows: Row[] }> = {};
    for (const { name } of (await wh.listRelations(schema)).sort((a, b) => a.name.localeCompare(b.name))) {
      const cols = (await wh.getColumns({ schema, name }))!.filter((c) => !SKIP.has(c.name));
      const order = name === '_basin_rejects' ? 'record' : name === '_basin_loads' || name === '_basin_state' ? 'stream' : cols.map((c) => d.quoteIdentifier(c.name)).join(', ');
      const list = cols.map((c) => d.quoteIdentifier(c.name)).join(', ');
      const { rows } = await wh.query(`SELECT ${list} FROM ${d.relation({ schema, name })} ORDER BY ${order}`);
      const clean = name === '_basin_rejects' ? rows.map((r) => ({ ...r, reason: String(r['reason']).replace(/ \(.*\)$/s, ''), rejected_at: null })) : rows;
      out[name] = {
        columns: cols.map((c) => `${c.name} ${c.type}`).sort(),
        rows: name === '_basin_loads' ? clean.map((r) => ({ ...r, started_at: null, finished_at: null, load_id: null })) : name === '_basin_state' ? clean.map((r) => ({ ...r, updated_at: null })) : clean,
      };
    }
    return out;
  }

  it('loads nesting, arrays, type drift, nulls, malformed lines and unicode identically (append, keyed)', async () => {
    const [js, sql] = await loadBoth({ name: 'charges', primaryKey: ['id'], write: 'append' }, [sampleLines(1500)]);
    const a = await snapshot(js);
    const b = await snapshot(sql);
    expect(Object.keys(b)).toEqual(Object.keys(a));
    expect(Object.keys(a)).toEqual(expect.arrayContaining(['charges', 'charges__items', 'charges__items__tags', 'charges__codes', '_basin_rejects']));
    for (const table of Object.keys(a)) expect({ table, ...b[table] }).toEqual({ table, ...a[table] });
    expect(a['charges']!.rows.length).toBeGreaterThan(1400);
  });

  it('evolves an existing table identically across files (merge with cursor, depth limit)', async () => {
    const first = sampleLines(300);
    const second = sampleLines(400).map((l, i) => l.replace(/"amount":(\d+)/, i % 2 ? '"amount":"x$1"' : '"amount":$1'));
    second.push(JSON.stringify({ noKey: 1 }), JSON.stringify({ id: null, x: 1 }), JSON.stringify({ id: 'ch_1', amount: 999, updated: 5 }));
    const stream: StreamDefinition = { name: 'm', primaryKey: ['id'], write: 'merge', cursorField: 'updated', maxNestingDepth: 1 };
    const [js, sql] = await loadBoth(stream, [first, second]);
    const a = await snapshot(js);
    const b = await snapshot(sql);
    expect(Object.keys(b)).toEqual(Object.keys(a));
    for (const table of Object.keys(a)) expect({ table, ...b[table] }).toEqual({ table, ...a[table] });
    expect(a['_basin_rejects']!.rows.some((r) => String(r['reason']).startsWith('missing primary key id'))).toBe(true);
  });

  it('falls back to JavaScript for shapes SQL cannot load identically, and force refuses them', async () => {
    const path = join(dir, 'drift.jsonl');
    writeFileSync(path, ['{"id":1,"meta":{"a":1}}', '{"id":2,"meta":"flat"}'].join('\n'));
    const open = (schema: string, fastPath: 'auto' | 'force') =>
      openStreamLoader({ warehouse: wh, schema, stream: { name: 'd', primaryKey: ['id'], write: 'append' }, loadId: 'x', fullRefresh: false, spoolDir: dir, logger: silentLogger, fastPath });
    await expect((await open('jf_force', 'force')).load({ kind: 'file', format: 'jsonl', path })).rejects.toThrow(/object in some records and scalar/);
    const auto = await open('jf_auto', 'auto');
    expect(await auto.load({ kind: 'file', format: 'jsonl', path })).toMatchObject({ rows: 2, rejected: 0 });
    const numbers = join(dir, 'numbers.jsonl');
    writeFileSync(numbers, ['{"id":1,"v":2.0}', '{"id":2,"v":1e3}', '{"id":3,"v":9007199254740993}'].join('\n'));
    await expect((await open('jf_force2', 'force')).load({ kind: 'file', format: 'jsonl', path: numbers })).rejects.toThrow(/parse differently/);
    expect(await (await open('jf_auto', 'auto')).load({ kind: 'file', format: 'jsonl', path: numbers })).toMatchObject({ rows: 3 });
    const { rows } = await wh.query(`SELECT id, meta__a, meta FROM jf_auto.d WHERE meta IS NOT NULL OR meta__a IS NOT NULL ORDER BY id`);
    expect(rows).toEqual([
      { id: 1, meta__a: 1, meta: null },
      { id: 2, meta__a: null, meta: 'flat' },
    ]);
  });
});
