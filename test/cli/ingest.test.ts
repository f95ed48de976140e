import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { mkdir, writeFile } from 'node:fs/promises';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { basin, postgresWarehouseYaml, tempDir, uniqueSchema, writeFiles, queryRows } from '../support/cli-harness.js';
import { dropSchemas } from '../support/postgres.js';

const pgPrefix = uniqueSchema('basin_ing');
afterAll(() => dropSchemas(pgPrefix));

function charges(from: number, to: number, amountFactor = 100): string {
  const lines: string[] = [];
  for (let i = from; i <= to; i++) {
    lines.push(
      JSON.stringify({
        id: `ch_${i}`,
        amount: i * amountFactor,
        customer: { id: `cus_${i % 5}`, metadata: { plan: i % 2 ? 'pro' : 'free' } },
        items: i % 2 ? [{ sku: 'a', qty: 1 }, { sku: 'b', qty: 2 }] : [{ sku: 'a', qty: 3 }],
      }),
    );
  }
  return `${lines.join('\n')}\n`;
}


const warehouses: Array<[string, string]> = [
  ['duckdb', 'warehouse:\n  type: duckdb\n  path: wh.duckdb\n'],
  ['postgres', postgresWarehouseYaml(`${pgPrefix}_main`)],
];

describe.each(warehouses)('basin ingest with a files connection on %s', (_name, warehouseYaml) => {
  it('loads JSONL with nested objects and arrays, merges on the key, keeps rejects and loads only changed files', async () => {
    const { dir, cleanup } = await tempDir();
    const schema = `${pgPrefix}_landing_${_name}`;
    try {
      await writeFiles(dir, {
        'basin.yml': `name: ing\n${warehouseYaml}`,
        'sources/landing.yml': `type: files\nschema: ${schema}\naudience: finance\nstreams:\n  charges:\n    path: data/charges.jsonl\n    format: jsonl\n    primary_key: [id]\n    write: merge\n`,
        'data/charges.jsonl': `${charges(1, 20)}{"id": "broken"\n`,
      });
      const first = await basin(['ingest', '--project', dir, '--json']);
      expect(first.code, first.stderr).toBe(0);
      const summary = JSON.parse(first.stdout) as { streams: Array<{ status: string; summary: { rows: number; childRows: number; rejected: number } }> };
      expect(summary.streams[0]?.status).toBe('succeeded');
      expect(summary.streams[0]?.summary).toMatchObject({ rows: 20, childRows: 30, rejected: 1 });
      expect(await queryRows(dir, `select count(*) as n, sum(amount) as s from ${schema}.charges`)).toEqual([{ n: 20, s: 21000 }]);
      expect(await queryRows(dir, `select count(*) as n from ${schema}.charges where customer__metadata__plan = 'pro'`)).toEqual([{ n: 10 }]);
      expect(await queryRows(dir, `select count(*) as n from ${schema}.charges__items`)).toEqual([{ n: 30 }]);
      expect(await queryRows(dir, `select count(*) as n from ${schema}._basin_rejects`)).toEqual([{ n: 1 }]);

      // Unchanged file: nothing to load.
      const again = await basin(['ingest', '--project', dir, '--json']);
      expect((JSON.parse(again.stdout) as { streams: Array<{ summary: { rows: number } }> }).streams[0]?.summary.rows).toBe(0);

      // Changed file: new and updated charges merge on the key; children of merged parents are replaced.
      await writeFiles(dir, { 'data/charges.jsonl': charges(11, 30, 1000) });
      const third = await basin(['ingest', 'landing', '--project', dir]);
      expect(third.code, third.stderr).toBe(0);
      expect(await queryRows(dir, `select count(*) as n from ${schema}.charges`)).toEqual([{ n: 30 }]);
      expect(await queryRows(dir, `select amount from ${schema}.charges where id = 'ch_11'`)).toEqual([{ amount: 11000 }]);
      expect(await queryRows(dir, `select count(*) as n from ${schema}.charges__items`)).toEqual([{ n: 45 }]);
    } finally {
      await cleanup();
    }
  });
});

describe('basin ingest of Parquet and compressed files', () => {
  it('loads a Parquet file (structs flattened, lists as child tables, typed) and a gzipped CSV', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      await writeFiles(dir, {
        'basin.yml': 'name: pq\nwarehouse:\n  type: duckdb\n  path: wh.duckdb\n',
        'sources/landing.yml':
          'type: files\nschema: landing\nstreams:\n  charges:\n    path: data/charges.parquet\n    primary_key: [id]\n    write: merge\n  targets:\n    path: data/targets.csv.gz\n',
      });
      await mkdir(join(dir, 'data'));
      const db = await DuckDBInstance.create(':memory:');
      const conn = await db.connect();
      await conn.run(
        `COPY (SELECT i AS id, i * 1.5 AS amount, TIMESTAMPTZ '2024-01-01 00:00:00+00' + to_days(i::INT) AS created,
                {'id': 'cus_' || (i % 3), 'metadata': {'plan': CASE WHEN i % 2 = 0 THEN 'pro' ELSE 'free' END}} AS customer,
                [{'sku': 'a', 'qty': i}, {'sku': 'b', 'qty': 1}] AS items
              FROM range(1, 2001) t(i)) TO '${join(dir, 'data/charges.parquet')}' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 500)`,
      );
      conn.closeSync();
      db.closeSync();
      await writeFile(join(dir, 'data/targets.csv.gz'), gzipSync('month,target\n2024-01,1000\n2024-02,1200\n'));
      const run = await basin(['ingest', '--project', dir, '--json']);
      expect(run.code, run.stderr).toBe(0);
      expect(await queryRows(dir, 'select count(*) as n, sum(amount) as s, max(created) as m, any_value(typeof(created)) as t from landing.charges')).toEqual([
        { n: 2000, s: 3001500, m: '2029-06-23T00:00:00.000Z', t: 'TIMESTAMP WITH TIME ZONE' },
      ]);
      expect(await queryRows(dir, "select count(*) as n from landing.charges where customer__metadata__plan = 'pro'")).toEqual([{ n: 1000 }]);
      expect(await queryRows(dir, 'select count(*) as n, sum(qty) as q from landing.charges__items')).toEqual([{ n: 4000, q: 2003000 }]);
      expect(await queryRows(dir, 'select month, target from landing.targets order by month')).toEqual([
        { month: '2024-01', target: '1000' },
        { month: '2024-02', target: '1200' },
      ]);
    } finally {
      await cleanup();
    }
  });
});

describe('basin sources', () => {
  it('checks connections and lists them with secrets redacted', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      await writeFiles(dir, {
        'basin.yml': 'name: src\n',
        'sources/landing.yml': 'type: files\nstreams:\n  a:\n    path: data/a.csv\n',
        'sources/missing.yml': 'type: files\nstreams:\n  b:\n    path: data/nothing-*.csv\n',
        'sources/db.yml': 'type: postgres\nconfig:\n  host: 127.0.0.1\n  port: 5432\n  user: postgres\n  password: ${env:BASIN_TEST_SECRET_PW:-hunter2-secret}\n  database: postgres\n',
        'data/a.csv': 'id,name\n1,x\n',
      });
      const check = await basin(['sources', 'check', '--project', dir, '--json']);
      const results = JSON.parse(check.stdout) as Array<{ connection: string; ok: boolean; message: string }>;
      expect(results.find((r) => r.connection === 'landing')?.ok).toBe(true);
      expect(results.find((r) => r.connection === 'missing')?.ok).toBe(false);
      expect(results.find((r) => r.connection === 'db')?.ok).toBe(true);
      expect(check.code).toBe(1);
      const ls = await basin(['sources', 'ls', '--project', dir, '--json']);
      expect(ls.stdout).not.toContain('hunter2-secret');
      expect(check.stdout + check.stderr).not.toContain('hunter2-secret');
    } finally {
      await cleanup();
    }
  });

  it('basin ls lists connections as assets upstream of the dbt sources they fill', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      await writeFiles(dir, {
        'basin.yml': 'name: lsproj\n',
        'sources/landing.yml': 'type: files\nschema: landing\naudience: finance\nowner: ana\nschedule: "0 * * * *"\nconfig:\n  token: ${env:NOT_SET_ANYWHERE}\nstreams:\n  a:\n    path: data/a.csv\n',
        'sources/other.yml': 'type: files\nstreams:\n  b:\n    path: data/b.csv\n',
        'models/sources.yml': 'version: 2\nsources:\n  - name: landing\n    tables:\n      - name: a\n',
        'models/stg_a.sql': "select * from {{ source('landing', 'a') }}\n",
        'models/other.sql': 'select 1 as x\n',
      });
      const down = await basin(['ls', '--project', dir, '-s', 'source:landing+'], dir);
      expect(down.code, down.stderr).toBe(0);
      expect(down.stdout.trim().split('\n')).toEqual(['connection:landing', 'source:lsproj.landing.a', 'lsproj.stg_a']);
      const json = await basin(['ls', '--project', dir, '--resource-type', 'connection', '--output', 'json'], dir);
      expect(JSON.parse(json.stdout)).toEqual([
        expect.objectContaining({ unique_id: 'connection.landing', schema: 'landing', audience: 'finance', owner: 'ana', schedule: '0 * * * *' }),
        expect.objectContaining({ unique_id: 'connection.other', schema: 'other' }),
      ]);
    } finally {
      await cleanup();
    }
  });

  it('an unknown source type is a configuration error naming the file', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      await writeFiles(dir, { 'basin.yml': 'name: src\n', 'sources/x.yml': 'type: nosuch\n' });
      const run = await basin(['ingest', '--project', dir]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/sources\/x\.yml.*unknown source type 'nosuch'/);
    } finally {
      await cleanup();
    }
  });
});
