import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../core/logger.js';
import type { Warehouse } from '../warehouse.js';
import { checkDuckDbExternalAccess } from './duckdb-external-access.js';
import { createDuckDbWarehouse } from './duckdb-warehouse.js';

const dir = mkdtempSync(join(tmpdir(), 'basin-duckdb-access-'));
const secret = join(dir, 'secret.csv');
const parquet = join(dir, 'secret.parquet');
let wh: Warehouse;

beforeAll(async () => {
  writeFileSync(secret, 'api_key,owner\nsk_live_do_not_leak,ops\n');
  wh = await createDuckDbWarehouse({ path: ':memory:', threads: 1 }, { logger: silentLogger });
  await wh.execute([
    'CREATE SCHEMA raw',
    'CREATE SCHEMA data',
    'CREATE TABLE raw.orders (id INTEGER, amount INTEGER)',
    'INSERT INTO raw.orders VALUES (1, 10), (2, 20)',
    'CREATE VIEW raw.big_orders AS SELECT * FROM raw.orders WHERE amount > 15',
    `COPY (SELECT 1 AS x) TO '${parquet}' (FORMAT parquet)`,
  ]);
});
afterAll(async () => {
  await wh?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** DuckDB's own parse of `sql`, walked by the pure check. */
async function check(sql: string): Promise<ReturnType<typeof checkDuckDbExternalAccess>> {
  const { rows } = await wh.query<{ parsed: unknown }>('SELECT json_serialize_sql(CAST($1 AS VARCHAR)) AS parsed', [sql]);
  return checkDuckDbExternalAccess(rows[0]!.parsed);
}

function untrusted(sql: string): Promise<unknown> {
  return wh.transaction((tx) => tx.query(sql), { readOnly: true, denyExternalAccess: true, defaultSchema: 'raw' });
}

describe('checkDuckDbExternalAccess (on DuckDB parse trees)', () => {
  const refused: Array<[string, string]> = [
    [`SELECT * FROM read_csv('${secret}')`, 'table function read_csv()'],
    [`SELECT * FROM READ_CSV_AUTO('${secret}')`, 'table function read_csv_auto()'],
    [`SELECT * FROM "Read_Csv"('${secret}')`, 'table function read_csv()'],
    [`FROM system.main.read_csv('${secret}')`, 'table function system.main.read_csv()'],
    [`SELECT * FROM read_text('/etc/passwd')`, 'table function read_text()'],
    [`SELECT * FROM read_blob('/etc/passwd')`, 'table function read_blob()'],
    [`SELECT * FROM read_json_auto('/x.json')`, 'table function read_json_auto()'],
    [`SELECT * FROM read_ndjson('/x.json')`, 'table function read_ndjson()'],
    [`SELECT * FROM read_parquet('${parquet}')`, 'table function read_parquet()'],
    [`SELECT * FROM parquet_scan('${parquet}')`, 'table function parquet_scan()'],
    [`SELECT * FROM parquet_metadata('${parquet}')`, 'table function parquet_metadata()'],
    [`SELECT * FROM parquet_schema('${parquet}')`, 'table function parquet_schema()'],
    [`SELECT * FROM sniff_csv('${secret}')`, 'table function sniff_csv()'],
    [`SELECT * FROM glob('/etc/*')`, 'table function glob()'],
    [`SELECT * FROM query_table('${secret}')`, 'table function query_table()'],
    [`SELECT * FROM query('SELECT 1')`, 'table function query()'],
    [`SELECT * FROM read_duckdb('/x.duckdb')`, 'table function read_duckdb()'],
    [`SELECT * FROM iceberg_scan('s3://b/t')`, 'table function iceberg_scan()'],
    [`SELECT * FROM delta_scan('s3://b/t')`, 'table function delta_scan()'],
    [`SELECT * FROM duckdb_settings()`, 'table function duckdb_settings()'],
    [`SELECT * FROM duckdb_secrets()`, 'table function duckdb_secrets()'],
    [`SELECT * FROM histogram(raw.orders, amount)`, 'table function histogram()'],
    [`SELECT * FROM main.evil.range(3)`, 'table function main.evil.range()'],
    [`SELECT * FROM '${secret}'`, `table name '${secret}'`],
    [`FROM '${secret}'`, `table name '${secret}'`],
    [`SELECT * FROM "secret.csv"`, "table name 'secret.csv'"],
    [`SELECT * FROM 'x.parquet'`, "table name 'x.parquet'"],
    [`SELECT * FROM 'https://example.com/x.csv'`, "table name 'https://example.com/x.csv'"],
    [`SELECT * FROM 's3://bucket/x.parquet'`, "table name 's3://bucket/x.parquet'"],
    [`SELECT * FROM '/tmp/*'`, "table name '/tmp/*'"],
    [`SELECT * FROM "${dir}"."secret.csv"`, `table name '${dir}.secret.csv'`],
    [`SELECT * FROM 'x.xlsx'`, "table name 'x.xlsx'"],
    [`WITH a AS (FROM read_csv('${secret}')) SELECT * FROM a`, 'table function read_csv()'],
    [`WITH a AS (SELECT 1), b AS (SELECT * FROM 'x.csv') SELECT * FROM a, b`, "table name 'x.csv'"],
    [`WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r, read_text('/etc/passwd') WHERE n < 2) SELECT * FROM r`, 'table function read_text()'],
    [`SELECT * FROM (SELECT * FROM (SELECT * FROM read_csv('${secret}')))`, 'table function read_csv()'],
    [`SELECT (SELECT api_key FROM read_csv('${secret}')) AS k`, 'table function read_csv()'],
    [`SELECT 1 WHERE EXISTS (FROM glob('/etc/*'))`, 'table function glob()'],
    [`SELECT 1 WHERE 'x' IN (SELECT content FROM read_text('/etc/passwd'))`, 'table function read_text()'],
    [`SELECT id FROM raw.orders UNION ALL SELECT 1 FROM read_csv('${secret}')`, 'table function read_csv()'],
    [`SELECT id FROM raw.orders EXCEPT FROM 'x.csv'`, "table name 'x.csv'"],
    [`SELECT * FROM raw.orders o, LATERAL (SELECT * FROM read_csv('${secret}')) s`, 'table function read_csv()'],
    [`SELECT * FROM raw.orders o JOIN read_csv('${secret}') s ON true`, 'table function read_csv()'],
    [`SELECT * FROM raw.orders ASOF JOIN 'x.parquet' USING (id)`, "table name 'x.parquet'"],
    [`SELECT [x FOR x IN (SELECT content FROM read_text('/etc/passwd'))]`, 'table function read_text()'],
    [`SELECT sum(amount) FILTER (WHERE id IN (SELECT 1 FROM glob('*'))) FROM raw.orders`, 'table function glob()'],
    [`DESCRIBE '${secret}'`, `table name '${secret}'`],
    [`DESCRIBE SELECT * FROM read_csv('${secret}')`, 'table function read_csv()'],
    [`SUMMARIZE '${secret}'`, `table name '${secret}'`],
    [`SHOW '${secret}'`, `table name '${secret}'`],
    [`SELECT 1; SELECT * FROM read_csv('${secret}')`, 'table function read_csv()'],
    ["SELECT current_setting('s3_secret_access_key')", 'may hold a credential'],
    ["SELECT CURRENT_SETTING('azure_storage_connection_string') IS NULL", 'may hold a credential'],
    ["SELECT current_setting('s3_' || 'secret_access_key')", 'string constant'],
    ["SELECT x.current_setting() FROM (SELECT 'TimeZone' AS x)", 'string constant'],
  ];
  it.each(refused)('refuses %s', async (sql, named) => {
    const result = await check(sql);
    expect(result.refused).toContain(named);
  });

  const allowed = [
    'SELECT 1',
    'SELECT * FROM orders',
    'SELECT * FROM raw.orders WHERE amount > 5 ORDER BY id',
    'FROM raw.orders SELECT id',
    'SELECT * FROM range(3)',
    'SELECT * FROM generate_series(1, 3) AS t(i)',
    'SELECT unnest([1, 2])',
    'SELECT * FROM unnest([1, 2])',
    "SELECT * FROM json_each('{\"a\": 1}')",
    'SELECT * FROM duckdb_tables()',
    "SELECT * FROM pragma_table_info('raw.orders')",
    'WITH a AS (SELECT 1 AS x) SELECT * FROM a',
    'SHOW TABLES',
    'SHOW ALL TABLES',
    'SHOW DATABASES',
    'DESCRIBE orders',
    'SUMMARIZE orders',
    "SELECT 'x.csv' AS name, read_text_is_not_a_scalar FROM (SELECT 1 AS read_text_is_not_a_scalar)",
    'SELECT * FROM "my table-1"',
  ];
  it.each(allowed)('lets %s through', async (sql) => {
    expect((await check(sql)).refused).toBeUndefined();
  });

  it('lists qualified names for a catalog check (a qualified name can be read as a file)', async () => {
    expect((await check('SELECT * FROM data.csv, orders, memory.raw.orders')).qualifiedTables).toEqual(
      expect.arrayContaining([
        { catalog: '', schema: 'data', name: 'csv' },
        { catalog: 'memory', schema: 'raw', name: 'orders' },
      ]),
    );
  });

  it('lists the settings current_setting reads, for a check that DuckDB has them', async () => {
    expect(await check("SELECT current_setting('TimeZone') AS tz")).toEqual({ qualifiedTables: [], settings: ['TimeZone'] });
  });

  it('refuses a tree that is not a parse result', () => {
    expect(checkDuckDbExternalAccess({ error: true }).refused).toMatch(/could not be parsed/);
    expect(checkDuckDbExternalAccess(null).refused).toMatch(/could not be parsed/);
  });
});

describe('a read-only DuckDB transaction with denyExternalAccess', () => {
  it('refuses a file read with EXTERNAL_ACCESS before it runs', async () => {
    // The same statement reads the file when external access is allowed: the refusal is what keeps it out.
    const open = await wh.transaction((tx) => tx.query(`SELECT api_key FROM read_csv('${secret}')`), { readOnly: true });
    expect(open.rows).toEqual([{ api_key: 'sk_live_do_not_leak' }]);
    for (const sql of [`SELECT api_key FROM read_csv('${secret}')`, `SELECT * FROM '${secret}'`, `DESCRIBE '${secret}'`]) {
      const err = await untrusted(sql).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'EXTERNAL_ACCESS' });
      expect(String((err as Error).message)).not.toContain('sk_live');
    }
  });

  it('refuses a qualified name that is not a relation (DuckDB would read data.csv as a file)', async () => {
    await expect(untrusted('SELECT * FROM data.csv')).rejects.toMatchObject({ code: 'EXTERNAL_ACCESS', message: expect.stringContaining('data.csv is not a table or view') });
    await expect(untrusted('SELECT * FROM memory.data.csv')).rejects.toMatchObject({ code: 'EXTERNAL_ACCESS' });
  });

  it('runs ordinary queries: tables, views, qualified names, catalog views, allowed table functions', async () => {
    const rows = async (sql: string) => ((await untrusted(sql)) as { rows: unknown[] }).rows;
    expect(await rows('SELECT sum(amount) AS s FROM orders')).toEqual([{ s: 30 }]);
    expect(await rows('SELECT id FROM raw.big_orders')).toEqual([{ id: 2 }]);
    expect(await rows('SELECT count(*) AS n FROM memory.raw.orders')).toEqual([{ n: 2 }]);
    expect(await rows('SELECT count(*) AS n FROM RAW.Orders')).toEqual([{ n: 2 }]);
    expect(await rows("SELECT table_name FROM information_schema.tables WHERE table_name = 'orders'")).toEqual([{ table_name: 'orders' }]);
    expect(await rows("SELECT count(*) > 0 AS ok FROM pg_catalog.pg_class")).toEqual([{ ok: true }]);
    expect(await rows('SELECT count(*) AS n FROM range(5)')).toEqual([{ n: 5 }]);
    expect((await rows('SHOW TABLES')).length).toBeGreaterThan(0);
    expect((await rows('DESCRIBE raw.orders')).length).toBe(2);
  });

  it("reads a setting DuckDB has, and refuses one it would download an extension for", async () => {
    expect(((await untrusted("SELECT current_setting('TimeZone') AS tz")) as { rows: unknown[] }).rows).toEqual([{ tz: 'UTC' }]);
    await expect(untrusted("SELECT current_setting('pg_debug_show_queries')")).rejects.toMatchObject({ code: 'EXTERNAL_ACCESS', message: expect.stringContaining('names no loaded setting') });
  });

  it('still refuses writes with READ_ONLY, and reports syntax errors without running the text', async () => {
    await expect(untrusted(`COPY raw.orders TO '${join(dir, 'out.csv')}'`)).rejects.toMatchObject({ code: 'READ_ONLY' });
    await expect(untrusted(`ATTACH '${join(dir, 'other.duckdb')}'`)).rejects.toMatchObject({ code: 'READ_ONLY' });
    await expect(untrusted('INSTALL httpfs')).rejects.toMatchObject({ code: 'READ_ONLY' });
    await expect(untrusted('LOAD httpfs')).rejects.toMatchObject({ code: 'READ_ONLY' });
    await expect(untrusted(`CALL read_csv('${secret}')`)).rejects.toMatchObject({ code: 'READ_ONLY' });
    await expect(untrusted(`PIVOT '${secret}' ON owner`)).rejects.toMatchObject({ code: 'READ_ONLY' });
    await expect(untrusted("SET file_search_path = '/'")).rejects.toMatchObject({ code: 'READ_ONLY' });
    await expect(untrusted('SELEC 1')).rejects.toMatchObject({ code: 'WAREHOUSE', message: expect.stringContaining('syntax error at or near "SELEC"') });
  });

  it('is refused without readOnly (a write cannot be checked)', async () => {
    await expect(wh.transaction((tx) => tx.query('SELECT 1'), { denyExternalAccess: true })).rejects.toMatchObject({ code: 'USAGE' });
  });
});
