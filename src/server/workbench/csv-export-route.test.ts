import { request } from 'node:http';
import { parse } from 'csv-parse/sync';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WarehouseError } from '../../core/errors.js';
import { silentLogger } from '../../core/logger.js';
import { createDuckDbWarehouse } from '../../warehouse/duckdb/duckdb-warehouse.js';
import { createPostgresWarehouse } from '../../warehouse/postgres/postgres-warehouse.js';
import type { Warehouse } from '../../warehouse/warehouse.js';
import { adHocQueryBatches } from './ad-hoc-query.js';
import { registerCsvExportRoute } from './csv-export-route.js';

const SECRET = 'hunter2-very-secret';

/** The route on `warehouse` with the server's default limits (read-only, no file access); `onBatch` sees each batch. */
async function served(warehouse: Warehouse, defaultSchema: string, onBatch: () => void = () => undefined): Promise<FastifyInstance> {
  const app = Fastify();
  registerCsvExportRoute(
    app,
    {
      queryBatches: (sql, write, { signal }) =>
        adHocQueryBatches(
          warehouse,
          sql,
          async (batch) => {
            onBatch();
            await write(batch);
          },
          { allowWrites: false, allowFileAccess: false, defaultSchema, signal },
        ),
      secrets: [SECRET],
    },
    silentLogger,
  );
  await app.ready();
  return app;
}

describe('POST /api/query/csv on DuckDB', () => {
  let warehouse: Warehouse;
  let app: FastifyInstance;
  let batches = 0;
  beforeAll(async () => {
    warehouse = await createDuckDbWarehouse({ path: ':memory:', threads: 1 }, { logger: silentLogger });
    await warehouse.execute(['create schema analytics', 'create table analytics.notes (id integer, note varchar)', "insert into analytics.notes values (1, 'plain')"]);
    app = await served(warehouse, 'analytics', () => batches++);
  });
  afterAll(async () => {
    await app?.close();
    await warehouse?.close();
  });

  const exportCsv = (body: unknown) => app.inject({ method: 'POST', url: '/api/query/csv', payload: body as Record<string, unknown> });

  it('streams every row of a large result, quoting commas, quotes and line breaks, NULL as an empty field', async () => {
    batches = 0;
    const sql = `SELECT range AS n,
      CASE WHEN range % 1000 = 0 THEN NULL ELSE 'a,b "q"' || chr(10) || 'line ' || range END AS "odd, name",
      range % 2 = 0 AS even
      FROM range(25000) ORDER BY range`;
    const res = await exportCsv({ sql });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="query.csv"');
    expect(res.body.startsWith('n,"odd, name",even\r\n0,,true\r\n1,"a,b ""q""\nline 1",false\r\n')).toBe(true);
    const records = parse(res.body) as string[][];
    expect(records.length).toBe(25_001);
    expect(records[0]).toEqual(['n', 'odd, name', 'even']);
    expect(records[12_346]).toEqual(['12345', 'a,b "q"\nline 12345', 'false']);
    expect(records[24_001]).toEqual(['24000', '', 'true']);
    expect(records.at(-1)).toEqual(['24999', 'a,b "q"\nline 24999', 'false']);
    // Handed over in many batches, not as one result.
    expect(batches).toBeGreaterThan(10);
  });

  it('resolves unqualified names in the project schema and writes at most limit rows', async () => {
    expect((await exportCsv({ sql: 'select * from notes' })).body).toBe('id,note\r\n1,plain\r\n');
    const limited = await exportCsv({ sql: 'select range from range(10000)', limit: 3 });
    expect(limited.body).toBe('range\r\n0\r\n1\r\n2\r\n');
  });

  it('answers the header alone for an empty result', async () => {
    const res = await exportCsv({ sql: 'select id, note from notes where false' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('id,note\r\n');
  });

  it('refuses a write statement with 403 READ_ONLY, changing nothing', async () => {
    for (const sql of ["insert into notes values (2, 'x')", 'create table analytics.more as select 1 as x', "copy notes to '/tmp/basin-csv-export.csv'"]) {
      const res = await exportCsv({ sql });
      expect(res.statusCode, sql).toBe(403);
      expect(res.json(), sql).toMatchObject({ code: 'READ_ONLY' });
    }
    expect((await warehouse.query('select count(*) as n from analytics.notes')).rows).toEqual([{ n: 1 }]);
    expect(await warehouse.getRelation({ schema: 'analytics', name: 'more' })).toBeUndefined();
  });

  it('refuses reading files with 403 EXTERNAL_ACCESS, naming the flag', async () => {
    const res = await exportCsv({ sql: "select * from read_csv('/etc/hostname')" });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'EXTERNAL_ACCESS' });
    expect(res.json().error).toContain('--allow-file-access');
  });

  it('answers a statement that fails before its first rows with a JSON 400, and a bad body naming the field', async () => {
    const failed = await exportCsv({ sql: 'select * from no_such_table' });
    expect(failed.statusCode).toBe(400);
    expect(failed.json()).toMatchObject({ code: 'WAREHOUSE' });
    const bad = await exportCsv({ sql: 'select 1', limit: 0 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatch(/^invalid request body: limit: /);
    expect((await exportCsv({})).json().error).toMatch(/^invalid request body: sql: /);
  });

  it('replaces the project secrets in fields and column names with ***', async () => {
    const res = await exportCsv({ sql: `select 'token=${SECRET}' as "${SECRET}", 2 as b` });
    expect(res.body).toBe('***,b\r\ntoken=***,2\r\n');
  });

});

describe('POST /api/query/csv when the client goes away', () => {
  it('stops reading rows and cancels the statement', async () => {
    const warehouse = await createDuckDbWarehouse({ path: ':memory:', threads: 1 }, { logger: silentLogger });
    let running: Promise<unknown> | undefined;
    const app = Fastify();
    registerCsvExportRoute(
      app,
      {
        queryBatches: (sql, onBatch, { signal }) => {
          const run = adHocQueryBatches(warehouse, sql, onBatch, { allowWrites: false, allowFileAccess: false, defaultSchema: 'main', signal });
          running = run;
          return run;
        },
        secrets: [],
      },
      silentLogger,
    );
    try {
      const url = await app.listen({ host: '127.0.0.1', port: 0 });
      // A client that reads the first rows, then hangs up.
      const body = JSON.stringify({ sql: "select range as n, repeat('x', 100) as pad from range(100000000)" });
      await new Promise<void>((resolve, reject) => {
        const req = request(`${url}/api/query/csv`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
          res.once('data', () => {
            req.destroy();
            resolve();
          });
        });
        req.once('error', (err) => (req.destroyed ? undefined : reject(err)));
        req.end(body);
      });
      // 100 M rows would take minutes: the export ends at once, rejected.
      await expect(running).rejects.toBeInstanceOf(Error);
      expect((await warehouse.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await app.close();
      await warehouse.close();
    }
  }, 20_000);
});

describe('POST /api/query/csv on Postgres', () => {
  const schema = `csv_${process.pid}`;
  let warehouse: Warehouse;
  let app: FastifyInstance;
  let batches = 0;
  beforeAll(async () => {
    warehouse = await createPostgresWarehouse({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test', poolSize: 2 }, { logger: silentLogger });
    await warehouse.execute([`create schema ${schema}`, `create table ${schema}.notes (id integer, note text)`]);
    app = await served(warehouse, schema, () => batches++);
  });
  afterAll(async () => {
    await warehouse?.execute(`drop schema if exists ${schema} cascade`);
    await app?.close();
    await warehouse?.close();
  });

  it('streams 25,000 rows from a cursor with quoting and NULLs, and refuses a write', async () => {
    const sql = `select g as n, case when g % 1000 = 0 then null else 'a,b "q"' || chr(10) || g end as note from generate_series(0, 24999) as g order by g`;
    const res = await app.inject({ method: 'POST', url: '/api/query/csv', payload: { sql } });
    expect(res.statusCode).toBe(200);
    const records = parse(res.body) as string[][];
    expect(records.length).toBe(25_001);
    expect(records.slice(0, 3)).toEqual([['n', 'note'], ['0', ''], ['1', 'a,b "q"\n1']]);
    expect(records.at(-1)).toEqual(['24999', 'a,b "q"\n24999']);
    expect(batches).toBeGreaterThanOrEqual(25);
    const write = await app.inject({ method: 'POST', url: '/api/query/csv', payload: { sql: "insert into notes values (1, 'x')" } });
    expect(write.statusCode).toBe(403);
    expect((await warehouse.query(`select count(*) as n from ${schema}.notes`)).rows).toEqual([{ n: 0 }]);
  });
});

describe('POST /api/query/csv when the statement fails after its first rows', () => {
  it('breaks the response off instead of ending a CSV that would look complete', async () => {
    const app = Fastify();
    registerCsvExportRoute(
      app,
      {
        queryBatches: async (sql, onBatch) => {
          await onBatch({ columns: [{ name: 'v', type: 'INTEGER' }], rows: [{ v: 1 }, { v: 2 }] });
          // Long enough for the status line and the first rows to go out.
          await new Promise((resolve) => setTimeout(resolve, 100));
          throw new WarehouseError('DuckDB: boom late', sql);
        },
        secrets: [],
      },
      silentLogger,
    );
    try {
      const url = await app.listen({ host: '127.0.0.1', port: 0 });
      const res = await fetch(`${url}/api/query/csv`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sql: 'select 1' }) });
      expect(res.status).toBe(200);
      // The chunked body never ends properly: the client sees a failed download.
      await expect(res.text()).rejects.toThrow();
    } finally {
      await app.close();
    }
  });
});
