import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../../core/logger.js';
import type { Row } from '../../../core/types.js';
import { createDuckDbWarehouse } from '../../../warehouse/duckdb/index.js';
import { createPostgresWarehouse } from '../../../warehouse/postgres/index.js';
import type { Warehouse } from '../../../warehouse/warehouse.js';
import type { StreamDefinition } from '../../source.js';
import { openStreamLoader } from '../stream-loader.js';
import type { StreamLoader } from '../loader-types.js';

/** The warehouses every loader test runs on. */
export const WAREHOUSES: Array<{ name: string; open: () => Promise<Warehouse> }> = [
  { name: 'duckdb', open: () => createDuckDbWarehouse({ path: ':memory:', threads: 2 }, { logger: silentLogger }) },
  {
    name: 'postgres',
    open: () => createPostgresWarehouse({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres', poolSize: 3 }, { logger: silentLogger }),
  },
];

/** A fresh schema on a warehouse, and helpers to load and read it. */
export interface LoaderFixture {
  wh: Warehouse;
  schema: string;
  spoolDir: string;
  open(stream: Partial<StreamDefinition> & { name: string }, options?: { fullRefresh?: boolean; loadId?: string }): Promise<StreamLoader>;
  rows(table: string, orderBy?: string): Promise<Row[]>;
  count(table: string): Promise<number>;
  cleanup(): Promise<void>;
}

let loadCounter = 0;

/** Opens `warehouse` with a new `basin_test_<random>` schema. */
export async function loaderFixture(open: () => Promise<Warehouse>): Promise<LoaderFixture> {
  const wh = await open();
  const schema = `basin_test_${randomBytes(4).toString('hex')}`;
  const spoolDir = mkdtempSync(join(tmpdir(), 'basin-loader-'));
  const d = wh.dialect;
  return {
    wh,
    schema,
    spoolDir,
    open: (stream, options = {}) =>
      openStreamLoader({
        warehouse: wh,
        schema,
        stream: { primaryKey: [], write: 'append', ...stream },
        loadId: options.loadId ?? `load_${++loadCounter}`,
        fullRefresh: options.fullRefresh ?? false,
        spoolDir,
        logger: silentLogger,
      }),
    rows: async (table, orderBy) => (await wh.query(`SELECT * FROM ${d.relation({ schema, name: table })}${orderBy ? ` ORDER BY ${orderBy}` : ''}`)).rows,
    count: async (table) => Number((await wh.query(`SELECT COUNT(*) AS n FROM ${d.relation({ schema, name: table })}`)).rows[0]?.['n']),
    cleanup: async () => {
      await wh.execute(d.dropSchema(schema));
      await wh.close();
      rmSync(spoolDir, { recursive: true, force: true });
    },
  };
}

/** Rows without the loader's columns, for comparisons. */
export function dataOnly(rows: Row[]): Row[] {
  return rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !k.startsWith('_basin_'))));
}
