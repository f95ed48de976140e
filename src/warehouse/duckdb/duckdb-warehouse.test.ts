import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../core/logger.js';
import { describeWarehouseContract } from '../warehouse.contract.js';
import { createDuckDbWarehouse } from './duckdb-warehouse.js';
import { DuckDbDialect } from './duckdb-dialect.js';

describeWarehouseContract('duckdb', async () => ({
  warehouse: await createDuckDbWarehouse({ path: ':memory:', threads: 2 }, { logger: silentLogger }),
  longRunningSql: 'SELECT COUNT(*) AS n FROM range(100000000000) AS t(i) WHERE i % 7 = 3',
}));

describe('DuckDB warehouse specifics', () => {
  const dir = mkdtempSync(join(tmpdir(), 'basin-duckdb-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports capabilities, with MERGE on DuckDB >= 1.4', async () => {
    const wh = await createDuckDbWarehouse({ path: ':memory:', poolSize: 3 }, { logger: silentLogger });
    expect(wh.capabilities).toEqual({
      merge: true,
      transactionalDdl: true,
      nestedTypes: true,
      createOrReplaceTable: true,
      createOrReplaceView: true,
      maxConcurrency: 3,
      schemas: true,
      readsLocalFiles: true,
    });
    expect(wh.description).toBe('duckdb::memory:');
    await wh.close();
  });

  it('persists to a file and opens it read-only', async () => {
    const path = join(dir, 'w.duckdb');
    const wh = await createDuckDbWarehouse({ path }, { logger: silentLogger });
    await wh.execute(['CREATE TABLE t AS SELECT 42 AS x']);
    await wh.close();
    const ro = await createDuckDbWarehouse({ path, readOnly: true }, { logger: silentLogger });
    expect((await ro.query('SELECT x FROM t')).rows).toEqual([{ x: 42 }]);
    await expect(ro.execute('CREATE TABLE u (a INTEGER)')).rejects.toMatchObject({ code: 'READ_ONLY' });
    expect(await ro.getRelation({ schema: 'main', name: 'T' })).toMatchObject({ database: 'w', name: 't', kind: 'table' });
    await ro.close();
  });

  it('fails to open an unusable path with WAREHOUSE_CONNECT', async () => {
    const err = await createDuckDbWarehouse({ path: join(dir, 'no', 'such', 'dir', 'x.duckdb') }, { logger: silentLogger }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'WAREHOUSE_CONNECT' });
    expect((err as Error).message).toContain('x.duckdb');
  });

  it('reports a file held by another process as WAREHOUSE_LOCKED naming its PID', async () => {
    const path = join(dir, 'held.duckdb');
    const holder = spawn(
      process.execPath,
      ['--input-type=module', '-e', `import { DuckDBInstance } from '@duckdb/node-api'; const i = await DuckDBInstance.create(${JSON.stringify(path)}); await (await i.connect()).run('SELECT 1'); console.log('ready'); setInterval(() => {}, 1000);`],
      { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await once(holder.stdout, 'data');
      const err = await createDuckDbWarehouse({ path }, { logger: silentLogger }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'WAREHOUSE_LOCKED' });
      expect((err as Error).message).toContain(`process ${holder.pid}`);
      expect((err as Error).message).toContain('held.duckdb');
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('refuses COPY TO, EXPORT, ATTACH and SET in read-only transactions (they write outside the database)', async () => {
    const wh = await createDuckDbWarehouse({ path: ':memory:' }, { logger: silentLogger });
    await wh.execute('CREATE TABLE t AS SELECT 1 AS x');
    for (const sql of [`COPY t TO '${join(dir, 'leak.csv')}'`, `EXPORT DATABASE '${join(dir, 'exp')}'`, `ATTACH ':memory:' AS other`, 'SET threads = 1', 'CHECKPOINT']) {
      const err = await wh.transaction((tx) => tx.execute(sql), { readOnly: true }).catch((e: unknown) => e);
      expect(err, sql).toMatchObject({ code: 'READ_ONLY' });
    }
    const rows = await wh.transaction(async (tx) => (await tx.query('DESCRIBE t')).rows.length + (await tx.query('FROM t')).rows.length, { readOnly: true });
    expect(rows).toBe(2);
    await expect(wh.transaction((tx) => tx.query('SELEC 1'), { readOnly: true })).rejects.toMatchObject({ code: 'WAREHOUSE' });
    await wh.close();
  });

  it('runs the UPDATE + INSERT merge fallback', async () => {
    const wh = await createDuckDbWarehouse({ path: ':memory:' }, { logger: silentLogger });
    const d = new DuckDbDialect({ merge: false });
    await wh.execute([
      'CREATE TABLE t (id INTEGER, v VARCHAR)',
      'CREATE TABLE s (id INTEGER, v VARCHAR)',
      "INSERT INTO t VALUES (1, 'a'), (2, 'b')",
      "INSERT INTO s VALUES (2, 'B'), (3, 'C')",
    ]);
    const spec = { target: { schema: 'main', name: 't' }, source: { schema: 'main', name: 's' }, uniqueKey: ['id'], columns: ['id', 'v'] };
    await wh.transaction((tx) => tx.execute(d.merge(spec)));
    expect((await wh.query('SELECT * FROM t ORDER BY id')).rows).toEqual([
      { id: 1, v: 'a' },
      { id: 2, v: 'B' },
      { id: 3, v: 'C' },
    ]);
    await wh.close();
  });

  it('returns infinite dates and timestamps as Postgres does', async () => {
    const wh = await createDuckDbWarehouse({ path: ':memory:' }, { logger: silentLogger });
    const r = await wh.query("SELECT CAST('infinity' AS TIMESTAMP) AS a, CAST('-infinity' AS TIMESTAMPTZ) AS b, CAST('infinity' AS DATE) AS c, CAST('-infinity' AS DATE) AS d");
    expect(r.rows[0]).toEqual({ a: Infinity, b: -Infinity, c: 'infinity', d: '-infinity' });
    await wh.close();
  });

  it('returns nested types as arrays and objects, and 128-bit integers', async () => {
    const wh = await createDuckDbWarehouse({ path: ':memory:' }, { logger: silentLogger });
    const r = await wh.query(
      "SELECT [1, 2] AS l, {'a': 1, 'b': 'x'} AS s, CAST(170141183460469231731687303715884105727 AS HUGEINT) AS h, CAST(5 AS HUGEINT) AS small, INTERVAL 1 DAY AS iv",
    );
    expect(r.rows[0]).toEqual({ l: [1, 2], s: { a: 1, b: 'x' }, h: 170141183460469231731687303715884105727n, small: 5, iv: '1 day' });
    expect(r.columns.map((c) => c.type)).toEqual(['INTEGER[]', 'STRUCT("a" INTEGER, "b" VARCHAR)', 'HUGEINT', 'HUGEINT', 'INTERVAL']);
    await wh.close();
  });
});
