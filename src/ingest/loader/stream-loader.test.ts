import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Warehouse, WarehouseSession } from '../../warehouse/warehouse.js';
import { openStreamLoader } from './stream-loader.js';
import { dataOnly, loaderFixture, WAREHOUSES, type LoaderFixture } from './test-support/loader-fixtures.js';
import { silentLogger } from '../../core/logger.js';

const charge = (i: number, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: `ch_${i}`,
  amount: 100 + i,
  paid: i % 2 === 0,
  customer: { id: `cus_${i}`, metadata: { plan: 'pro' } },
  items: [{ sku: `a${i}`, qty: 1 }, { sku: `b${i}`, qty: 2 }],
  tags: ['x', 'y'],
  ...extra,
});

for (const { name, open } of WAREHOUSES) {
  describe(`stream loader on ${name}`, () => {
    let f: LoaderFixture;
    beforeEach(async () => {
      f = await loaderFixture(open);
    });
    afterEach(async () => {
      await f.cleanup();
    });

    it('infers types, flattens objects and makes child tables with linked ids', async () => {
      const loader = await f.open({ name: 'charges', primaryKey: ['id'] });
      expect(loader.initialState).toBeUndefined();
      const res = await loader.load({ kind: 'records', records: [charge(1), charge(2)], state: { cursor: 2 } });
      expect(res).toMatchObject({ rows: 2, childRows: 8, rejected: 0, deleted: 0 });
      const cols = await f.wh.getColumns({ schema: f.schema, name: 'charges' });
      const types = Object.fromEntries(cols!.map((c) => [c.name, f.wh.dialect.logicalTypeOf(c.type)]));
      expect(types).toMatchObject({
        id: 'text',
        amount: 'bigint',
        paid: 'boolean',
        customer__id: 'text',
        customer__metadata__plan: 'text',
        _basin_id: 'text',
        _basin_load_id: 'text',
        _basin_loaded_at: 'timestamptz',
      });
      const rows = await f.rows('charges', 'id');
      expect(dataOnly(rows)).toEqual([
        { id: 'ch_1', amount: 101, paid: false, customer__id: 'cus_1', customer__metadata__plan: 'pro' },
        { id: 'ch_2', amount: 102, paid: true, customer__id: 'cus_2', customer__metadata__plan: 'pro' },
      ]);
      const items = await f.rows('charges__items', '"_basin_root_id", "_basin_list_idx"');
      expect(items).toHaveLength(4);
      const root1 = rows[0]!['_basin_id'];
      expect(items.filter((r) => r['_basin_parent_id'] === root1).map((r) => [r['sku'], r['qty'], r['_basin_list_idx'], r['_basin_root_id']])).toEqual([
        ['a1', 1, 0, root1],
        ['b1', 2, 1, root1],
      ]);
      expect(dataOnly(await f.rows('charges__tags', 'value'))).toEqual([{ value: 'x' }, { value: 'x' }, { value: 'y' }, { value: 'y' }]);
      const summary = await loader.finish('succeeded');
      expect(summary).toMatchObject({ rows: 2, childRows: 8, batches: 1, status: 'succeeded' });
      const loads = await f.rows('_basin_loads');
      expect(loads).toEqual([expect.objectContaining({ stream: 'charges', status: 'succeeded', rows: 2, child_rows: 8, batches: 1 })]);
      const again = await f.open({ name: 'charges', primaryKey: ['id'] });
      expect(again.initialState).toEqual({ cursor: 2 });
    });

    it('evolves: new field, int -> string, object -> scalar, between batches and between runs, losing nothing', async () => {
      const l1 = await f.open({ name: 'ev' });
      await l1.load({ kind: 'records', records: [{ id: 1, amount: 5, meta: { a: 1 } }] });
      const r2 = await l1.load({ kind: 'records', records: [{ id: 2, amount: 'five', meta: 'flat', extra: true }] });
      expect(r2.addedColumns.sort()).toEqual(['ev.amount__v_text', 'ev.extra', 'ev.meta'].sort());
      await l1.load({ kind: 'records', records: [{ id: 3, amount: 2.5 }] });
      await l1.finish('succeeded');
      const l2 = await f.open({ name: 'ev' });
      await l2.load({ kind: 'records', records: [{ id: 4, amount: 'x4', meta: { a: 'text now' } }] });
      await l2.finish('succeeded');
      const rows = dataOnly(await f.rows('ev', 'id'));
      expect(rows).toEqual([
        { id: 1, amount: 5, meta__a: 1, amount__v_text: null, meta: null, extra: null, meta__a__v_text: null },
        { id: 2, amount: null, meta__a: null, amount__v_text: 'five', meta: 'flat', extra: true, meta__a__v_text: null },
        { id: 3, amount: 2.5, meta__a: null, amount__v_text: null, meta: null, extra: null, meta__a__v_text: null },
        { id: 4, amount: null, meta__a: null, amount__v_text: 'x4', meta: null, extra: null, meta__a__v_text: 'text now' },
      ]);
      const cols = await f.wh.getColumns({ schema: f.schema, name: 'ev' });
      expect(f.wh.dialect.logicalTypeOf(cols!.find((c) => c.name === 'amount')!.type)).toBe('double');
    });

    it('keeps objects deeper than maxNestingDepth as JSON and honours column hints', async () => {
      const l = await f.open({ name: 'deep', maxNestingDepth: 1, columns: { created: 'timestamptz' } });
      await l.load({ kind: 'records', records: [{ a: { b: { c: 1 } }, created: '2024-01-02T03:04:05Z' }] });
      const [row] = dataOnly(await f.rows('deep'));
      expect(row).toEqual({ a__b: { c: 1 }, created: new Date('2024-01-02T03:04:05Z') });
    });

    it('merges on the primary key: latest by cursor within a batch, child rows replaced', async () => {
      const l = await f.open({ name: 'm', primaryKey: ['id'], cursorField: 'updated', write: 'merge' });
      await l.load({ kind: 'records', records: [{ id: 1, v: 'a', updated: 1, items: [1, 2, 3] }, { id: 2, v: 'b', updated: 1, items: [9] }] });
      const r = await l.load({
        kind: 'records',
        records: [
          { id: 1, v: 'new', updated: 3, items: [7] },
          { id: 1, v: 'old', updated: 2, items: [8, 8] },
          { id: 3, v: 'c', updated: 1 },
          { v: 'no key' },
        ],
      });
      expect(r).toMatchObject({ rows: 2, childRows: 1, rejected: 1 });
      expect(dataOnly(await f.rows('m', 'id'))).toEqual([
        { id: 1, v: 'new', updated: 3 },
        { id: 2, v: 'b', updated: 1 },
        { id: 3, v: 'c', updated: 1 },
      ]);
      const items = await f.rows('m__items', 'value');
      expect(items.map((i) => i['value'])).toEqual([7, 9]);
      const rejects = await f.rows('_basin_rejects');
      expect(rejects).toEqual([expect.objectContaining({ stream: 'm', reason: 'missing primary key id', record: JSON.stringify({ v: 'no key' }) })]);
    });

    it('applies hard deletes to root and child rows', async () => {
      const l = await f.open({ name: 'hd', primaryKey: ['id'], write: 'merge' });
      await l.load({ kind: 'records', records: [charge(1), charge(2), charge(3)] });
      const r = await l.load({ kind: 'records', records: [], deletedKeys: [['ch_1'], ['ch_3'], ['ch_404']] });
      expect(r.deleted).toBe(2);
      expect((await f.rows('hd')).map((x) => x['id'])).toEqual(['ch_2']);
      expect(await f.count('hd__items')).toBe(2);
      expect(await f.count('hd__tags')).toBe(2);
      expect((await l.finish('succeeded')).deleted).toBe(2);
    });

    it('accounts for every line of a JSONL file with 1% malformed lines', async () => {
      const path = join(f.spoolDir, 'in.jsonl');
      const lines: string[] = [];
      for (let i = 0; i < 2000; i++) lines.push(i % 100 === 7 ? `{"id": ${i}, broken` : JSON.stringify({ id: i, n: { v: i } }));
      lines.push('', '[1,2]');
      writeFileSync(path, lines.join('\n') + '\n');
      const l = await f.open({ name: 'j', primaryKey: ['id'] });
      const r = await l.load({ kind: 'file', format: 'jsonl', path, state: { file: 'in.jsonl' } });
      expect(r.rows + r.rejected).toBe(2001);
      expect(r.rejected).toBe(21);
      expect(await f.count('j')).toBe(1980);
      expect(await f.count('_basin_rejects')).toBe(21);
      const [rej] = await f.rows('_basin_rejects');
      expect(String(rej!['reason'])).toMatch(/invalid JSON|not a JSON object/);
    });

    it('loads CSV files as text columns', async () => {
      const path = join(f.spoolDir, 'in.csv');
      writeFileSync(path, 'id,zip,name\n1,01234,"a, b"\n2,99999,c\n');
      const l = await f.open({ name: 'c' });
      expect((await l.load({ kind: 'file', format: 'csv', path })).rows).toBe(2);
      expect(dataOnly(await f.rows('c', 'id'))).toEqual([
        { id: '1', zip: '01234', name: 'a, b' },
        { id: '2', zip: '99999', name: 'c' },
      ]);
    });

    it('rejects contract violations (freeze, discard_row) and drops only offending values (discard_value)', async () => {
      const first = await f.open({ name: 'k', contract: 'freeze' });
      await first.load({ kind: 'records', records: [{ a: 1 }] });
      await first.finish('succeeded');
      const frozen = await f.open({ name: 'k', contract: 'freeze' });
      const r = await frozen.load({ kind: 'records', records: [{ a: 2 }, { a: 3, b: 'new' }, { a: 'text' }, { a: 4, list: [1] }] });
      expect(r).toMatchObject({ rows: 1, rejected: 3 });
      const dv = await f.open({ name: 'k', contract: 'discard_value' });
      const r2 = await dv.load({ kind: 'records', records: [{ a: 5, b: 'dropped' }] });
      expect(r2).toMatchObject({ rows: 1, rejected: 1 });
      expect(dataOnly(await f.rows('k', 'a'))).toEqual([{ a: 1 }, { a: 2 }, { a: 5 }]);
      const reasons = (await f.rows('_basin_rejects')).map((x) => String(x['reason']));
      expect(reasons.filter((x) => x.startsWith('contract freeze'))).toHaveLength(3);
      expect(reasons.some((x) => x.startsWith('contract discard_value: k: new column b'))).toBe(true);
    });

    it('replace loads into a new table and swaps it in on success only', async () => {
      const a = await f.open({ name: 'rp', write: 'replace' });
      await a.load({ kind: 'records', records: [charge(1)], state: { page: 1 } });
      await a.finish('succeeded');
      const b = await f.open({ name: 'rp', write: 'replace' });
      await b.load({ kind: 'records', records: [charge(2), charge(3)] });
      expect((await f.rows('rp')).map((x) => x['id'])).toEqual(['ch_1']);
      await b.finish('failed', 'source broke');
      expect((await f.rows('rp')).map((x) => x['id'])).toEqual(['ch_1']);
      expect(await f.count('rp__items')).toBe(2);
      const c = await f.open({ name: 'rp', write: 'replace' });
      await c.load({ kind: 'records', records: [{ id: 'only', other: 1 }] });
      await c.finish('succeeded');
      expect(dataOnly(await f.rows('rp'))).toEqual([{ id: 'only', other: 1 }]);
      const names = (await f.wh.listRelations(f.schema)).map((r) => r.name).sort();
      expect(names).toEqual(['_basin_loads', '_basin_rejects', '_basin_state', 'rp']);
      const loads = await f.rows('_basin_loads', 'started_at');
      expect(loads.map((l) => l['status'])).toEqual(['succeeded', 'failed', 'succeeded']);
      expect(loads[1]!['error']).toBe('source broke');
    });

    it('a full refresh swaps long (hashed) child table names back to the names an incremental load uses, also after a crash', async () => {
      const record = (id: number) => ({ id, protopayload_auditlog: { resource_location: { current_locations: [`r${id}`, 'eu'] } } });
      const inc = await f.open({ name: 'entries', primaryKey: ['id'], write: 'merge' });
      await inc.load({ kind: 'records', records: [record(1)], state: { c: 1 } });
      await inc.finish('succeeded');
      const before = (await f.wh.listRelations(f.schema)).map((r) => r.name).filter((n) => !n.startsWith('_basin')).sort();
      expect(before).toHaveLength(2);
      expect(before[1]!.length).toBeLessThanOrEqual(63);
      // A full refresh, killed after its first batch, then resumed and finished.
      const killed = await f.open({ name: 'entries', primaryKey: ['id'], write: 'merge' }, { fullRefresh: true });
      await killed.load({ kind: 'records', records: [record(2)], state: { c: 2 } });
      const resumed = await f.open({ name: 'entries', primaryKey: ['id'], write: 'merge' }, { fullRefresh: true });
      expect(resumed.initialState).toEqual({ c: 2 });
      await resumed.load({ kind: 'records', records: [record(3)], state: { c: 3 } });
      await resumed.finish('succeeded');
      const after = (await f.wh.listRelations(f.schema)).map((r) => r.name).sort();
      expect(after.filter((n) => !n.startsWith('_basin'))).toEqual(before);
      expect(after).toEqual(['_basin_loads', '_basin_rejects', '_basin_state', ...before].sort());
      expect((await f.rows('entries', 'id')).map((r) => r['id'])).toEqual([2, 3]);
      expect(dataOnly(await f.rows(before[1]!, 'value'))).toEqual([{ value: 'eu' }, { value: 'eu' }, { value: 'r2' }, { value: 'r3' }]);
      expect((await f.rows('_basin_state')).map((r) => r['stream'])).toEqual(['entries']);
    });

    it('commits nothing of a batch whose transaction fails between statements', async () => {
      const ok = await f.open({ name: 'at', primaryKey: ['id'] });
      await ok.load({ kind: 'records', records: [charge(1)], state: { cursor: 1 } });
      await ok.finish('succeeded');
      const failing = failingWarehouse(f.wh, /_basin_state/);
      const l = await openStreamLoader({
        warehouse: failing,
        schema: f.schema,
        stream: { name: 'at', primaryKey: ['id'], write: 'append' },
        loadId: 'boom',
        fullRefresh: false,
        spoolDir: f.spoolDir,
        logger: silentLogger,
      });
      await expect(l.load({ kind: 'records', records: [charge(2, { newcol: 1 })], state: { cursor: 2 } })).rejects.toThrow(/injected/);
      expect((await f.rows('at')).map((r) => r['id'])).toEqual(['ch_1']);
      expect(await f.count('at__items')).toBe(2);
      const cols = (await f.wh.getColumns({ schema: f.schema, name: 'at' }))!.map((c) => c.name);
      expect(cols).not.toContain('newcol');
      const rerun = await f.open({ name: 'at', primaryKey: ['id'] });
      expect(rerun.initialState).toEqual({ cursor: 1 });
      expect((await f.wh.listRelations(f.schema)).some((r) => r.name.startsWith('_basin_stg_'))).toBe(false);
      const loads = await f.rows('_basin_loads');
      expect(loads.find((x) => x['load_id'] === 'boom')).toMatchObject({ status: 'failed', rows: 0 });
      // The same loader goes on after the failure.
      const after = await l.load({ kind: 'records', records: [] });
      expect(after.rows).toBe(0);
    });
  });
}

/** A warehouse whose transactions fail on the first statement matching `pattern`. */
function failingWarehouse(wh: Warehouse, pattern: RegExp): Warehouse {
  const wrap = (session: WarehouseSession): WarehouseSession => ({
    dialect: session.dialect,
    query: (sql, params, options) => {
      if (pattern.test(sql)) return Promise.reject(new Error('injected failure'));
      return session.query(sql, params, options);
    },
    queryBatches: (sql, params, onBatch, options) => session.queryBatches(sql, params, onBatch, options),
    execute: (statements, options) => {
      const list = typeof statements === 'string' ? [statements] : statements;
      if (list.some((sql) => pattern.test(sql))) return Promise.reject(new Error('injected failure'));
      return session.execute(statements, options);
    },
  });
  return new Proxy(wh, {
    get(target, prop, receiver) {
      if (prop === 'transaction') {
        return <T>(fn: (s: WarehouseSession) => Promise<T>, options?: { signal?: AbortSignal }) => target.transaction((s) => fn(wrap(s)), options);
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
