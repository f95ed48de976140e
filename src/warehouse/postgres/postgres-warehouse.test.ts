import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../core/logger.js';
import { describeWarehouseContract } from '../warehouse.contract.js';
import { PostgresDialect } from './postgres-dialect.js';
import { createPostgresWarehouse, type PostgresWarehouseConfig } from './postgres-warehouse.js';

/** The development machine's Postgres (trust auth). */
const config: PostgresWarehouseConfig = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test', poolSize: 4 };

describeWarehouseContract('postgres', async () => ({
  warehouse: await createPostgresWarehouse(config, { logger: silentLogger }),
  longRunningSql: 'SELECT pg_sleep(30)',
}));

describe('Postgres warehouse specifics', () => {
  it('reports capabilities and a description without secrets', async () => {
    const wh = await createPostgresWarehouse({ ...config, password: 'hunter2-secret' }, { logger: silentLogger });
    expect(wh.capabilities).toEqual({
      merge: true,
      transactionalDdl: true,
      nestedTypes: false,
      createOrReplaceTable: false,
      createOrReplaceView: false,
      maxConcurrency: 4,
      schemas: true,
      readsLocalFiles: false,
    });
    expect(wh.description).toBe('postgres://postgres@127.0.0.1:5432/test');
    await wh.close();
  });

  it('fails to connect with WAREHOUSE_CONNECT naming host:port/db but not the password', async () => {
    const err = await createPostgresWarehouse({ ...config, port: 1, password: 'hunter2-secret', connectTimeoutMs: 2_000 }, { logger: silentLogger }).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: 'WAREHOUSE_CONNECT' });
    expect((err as Error).message).toContain('127.0.0.1:1/test');
    expect((err as Error).message).not.toContain('hunter2');

    const noDb = await createPostgresWarehouse({ ...config, database: 'basin_no_such_db', password: 'hunter2-secret' }, { logger: silentLogger }).catch(
      (e: unknown) => e,
    );
    expect(noDb).toMatchObject({ code: 'WAREHOUSE_CONNECT' });
    expect((noDb as Error).message).toContain('127.0.0.1:5432/basin_no_such_db');
    expect((noDb as Error).message).not.toContain('hunter2');
  });

  it('runs the UPDATE + INSERT merge fallback (pre-15 servers)', async () => {
    const wh = await createPostgresWarehouse(config, { logger: silentLogger });
    const schema = `basin_test_${Math.random().toString(36).slice(2, 10)}`;
    const d = new PostgresDialect({ merge: false });
    try {
      await wh.execute([
        d.createSchema(schema),
        `CREATE TABLE ${schema}.t (id INTEGER, v TEXT)`,
        `CREATE TABLE ${schema}.s (id INTEGER, v TEXT)`,
        `INSERT INTO ${schema}.t VALUES (1, 'a'), (2, 'b')`,
        `INSERT INTO ${schema}.s VALUES (2, 'B'), (3, 'C')`,
      ]);
      const spec = { target: { schema, name: 't' }, source: { schema, name: 's' }, uniqueKey: ['id'], columns: ['id', 'v'] };
      await wh.transaction((tx) => tx.execute(d.merge(spec)));
      expect((await wh.query(`SELECT * FROM ${schema}.t ORDER BY id`)).rows).toEqual([
        { id: 1, v: 'a' },
        { id: 2, v: 'B' },
        { id: 3, v: 'C' },
      ]);
    } finally {
      await wh.execute(d.dropSchema(schema));
      await wh.close();
    }
  });

  it('names result column types like introspection does, including modifiers and arrays', async () => {
    const wh = await createPostgresWarehouse(config, { logger: silentLogger });
    const r = await wh.query(
      "SELECT CAST(1.5 AS NUMERIC(10,2)) AS n, CAST('x' AS VARCHAR(20)) AS v, CAST(now() AS TIMESTAMP(3)) AS ts, ARRAY[1,2] AS a, ARRAY[CAST(9007199254740993 AS BIGINT)] AS b, CAST('1 day' AS INTERVAL) AS iv",
    );
    expect(r.columns.map((c) => c.type)).toEqual([
      'NUMERIC(10,2)',
      'CHARACTER VARYING(20)',
      'TIMESTAMP(3) WITHOUT TIME ZONE',
      'INTEGER[]',
      'BIGINT[]',
      'INTERVAL',
    ]);
    expect(r.rows[0]).toMatchObject({ n: 1.5, v: 'x', a: [1, 2], b: [9007199254740993n], iv: '1 day' });
    await wh.close();
  });
});
