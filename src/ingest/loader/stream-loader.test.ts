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
  });
}
