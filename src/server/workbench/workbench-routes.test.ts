import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../core/logger.js';
import { createDuckDbWarehouse } from '../../warehouse/duckdb/duckdb-warehouse.js';
import { createPostgresWarehouse } from '../../warehouse/postgres/postgres-warehouse.js';
import type { Warehouse } from '../../warehouse/warehouse.js';
import type { SchemaJson, WarehouseSchemaJson } from './schema-json.js';
import { registerWorkbenchRoutes } from './workbench-routes.js';

const SETUP = [
  'create schema raw',
  'create schema analytics',
  'create table raw.orders (id integer, amount decimal(10, 2), placed_at timestamp, note varchar)',
  'create table raw._basin_loads (load_id varchar)',
  'create view analytics.big_orders as select id, amount from raw.orders where amount >= 10',
];

async function served(warehouse: Warehouse, defaultSchema: string): Promise<FastifyInstance> {
  const app = Fastify();
  registerWorkbenchRoutes(app, { warehouse, defaultSchema }, silentLogger);
  await app.ready();
  return app;
}

function schemaNamed(body: WarehouseSchemaJson, name: string): SchemaJson | undefined {
  return body.schemas.find((s) => s.name === name);
}

describe('GET /api/warehouse/schema on DuckDB', () => {
  let warehouse: Warehouse;
  let app: FastifyInstance;
  beforeAll(async () => {
    warehouse = await createDuckDbWarehouse({ path: ':memory:', threads: 1 }, { logger: silentLogger });
    for (const sql of SETUP) await warehouse.query(sql);
    app = await served(warehouse, 'analytics');
  });
  afterAll(async () => {
    await app?.close();
    await warehouse?.close();
  });

  it('lists schemas, tables and views with their kind, and columns in order with their types', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/warehouse/schema' });
    expect(res.statusCode).toBe(200);
    const body = res.json() as WarehouseSchemaJson;
    expect(body.warehouse).toBe('duckdb');
    expect(body.default_schema).toBe('analytics');
    expect(body.schemas.map((s) => s.name)).toEqual(['analytics', 'raw']);
    expect(schemaNamed(body, 'raw')!.relations).toEqual([
      {
        name: 'orders',
        kind: 'table',
        columns: [
          { name: 'id', type: 'INTEGER' },
          { name: 'amount', type: 'DECIMAL(10,2)' },
          { name: 'placed_at', type: 'TIMESTAMP' },
          { name: 'note', type: 'VARCHAR' },
        ],
      },
    ]);
    expect(schemaNamed(body, 'analytics')!.relations).toEqual([
      { name: 'big_orders', kind: 'view', columns: [{ name: 'id', type: 'INTEGER' }, { name: 'amount', type: 'DECIMAL(10,2)' }] },
    ]);
  });

  it('answers with the warehouse error when the warehouse is gone', async () => {
    const broken = await createDuckDbWarehouse({ path: ':memory:' }, { logger: silentLogger });
    await broken.close();
    const other = await served(broken, 'main');
    try {
      const res = await other.inject({ method: 'GET', url: '/api/warehouse/schema' });
      expect(res.statusCode).toBeGreaterThanOrEqual(500);
      expect((res.json() as { error: string }).error.length).toBeGreaterThan(0);
    } finally {
      await other.close();
    }
  });
});

describe('GET /api/warehouse/schema on Postgres', () => {
  const password = 'pg-secret-never-sent-9731';
  const prefix = `wb_${process.pid}_`;
  let warehouse: Warehouse;
  let app: FastifyInstance;
  beforeAll(async () => {
    warehouse = await createPostgresWarehouse({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test', password, poolSize: 2 }, { logger: silentLogger });
    for (const sql of SETUP) await warehouse.query(sql.replace(/\b(raw|analytics)\./g, `${prefix}$1.`).replace(/schema (raw|analytics)/, `schema ${prefix}$1`));
    app = await served(warehouse, `${prefix}analytics`);
  });
  afterAll(async () => {
    await warehouse?.query(`drop schema if exists ${prefix}raw cascade`);
    await warehouse?.query(`drop schema if exists ${prefix}analytics cascade`);
    await app?.close();
    await warehouse?.close();
  });

  it('lists the same relations with Postgres type names, and never the connection settings', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/warehouse/schema' });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain(password);
    const body = res.json() as WarehouseSchemaJson;
    expect(body.warehouse).toBe('postgres');
    expect(body.schemas.some((s) => s.name === 'pg_catalog' || s.name === 'information_schema')).toBe(false);
    expect(schemaNamed(body, `${prefix}raw`)!.relations).toEqual([
      {
        name: 'orders',
        kind: 'table',
        columns: [
          { name: 'id', type: 'integer' },
          { name: 'amount', type: 'numeric' },
          { name: 'placed_at', type: 'timestamp without time zone' },
          { name: 'note', type: 'character varying' },
        ],
      },
    ]);
    expect(schemaNamed(body, `${prefix}analytics`)!.relations.map((r) => [r.name, r.kind])).toEqual([['big_orders', 'view']]);
  });
});
