import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basin, tempDir, uniqueSchema, writeFiles, queryRows } from '../support/cli-harness.js';
import { dropSchemas } from '../support/postgres.js';

const sourceSchema = uniqueSchema('basin_srcdb');
let client: pg.Client;

beforeAll(async () => {
  client = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' });
  await client.connect();
  await client.query(`create schema ${sourceSchema}`);
  await client.query(
    `create table ${sourceSchema}.orders (id bigint primary key, customer_id int, amount numeric(10,2), status text, meta jsonb, updated_at timestamptz not null)`,
  );
  await client.query(
    `insert into ${sourceSchema}.orders
     select i, i % 7, i * 1.5, case when i % 3 = 0 then 'paid' else 'open' end,
            jsonb_build_object('channel', case when i % 2 = 0 then 'web' else 'app' end, 'tags', jsonb_build_array('a', 'b')),
            timestamptz '2025-01-01 00:00:00+00' + (i / 10) * interval '1 minute'
     from generate_series(1, 2500) as i`,
  );
});
afterAll(async () => {
  await client.end();
  await dropSchemas(sourceSchema);
});


describe('basin ingest from Postgres into DuckDB', () => {
  it('reads in chunks, merges incrementally on the cursor (ties across chunks included) and flattens jsonb', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      await writeFiles(dir, {
        'basin.yml': 'name: dbing\nwarehouse:\n  type: duckdb\n  path: wh.duckdb\n',
        'sources/app.yml': [
          'type: postgres',
          'schema: app',
          'config:',
          '  host: 127.0.0.1',
          '  user: postgres',
          '  database: postgres',
          `  schema: ${sourceSchema}`,
          '  chunk_size: 333',
          'streams:',
          '  orders:',
          '    table: orders',
          '    cursor: updated_at',
          '',
        ].join('\n'),
      });
      const first = await basin(['ingest', '--project', dir, '--json']);
      expect(first.code, first.stdout + first.stderr).toBe(0);
      const summary = JSON.parse(first.stdout) as { streams: Array<{ summary: { rows: number; batches: number } }> };
      expect(summary.streams[0]?.summary.rows).toBe(2500);
      expect(summary.streams[0]?.summary.batches).toBeGreaterThan(5);
      expect(await queryRows(dir, "select count(*) as n, count(distinct id) as ids, sum(case when meta__channel = 'web' then 1 else 0 end) as web from app.orders")).toEqual([
        { n: 2500, ids: 2500, web: 1250 },
      ]);
      expect(await queryRows(dir, 'select count(*) as n from app.orders__meta__tags')).toEqual([{ n: 5000 }]);

      // Updates and inserts, some at the last cursor value already read.
      await client.query(`update ${sourceSchema}.orders set status = 'refunded', updated_at = updated_at + interval '1 day' where id in (5, 6)`);
      await client.query(
        `insert into ${sourceSchema}.orders select 2500 + i, 1, 1, 'open', '{}'::jsonb, (select max(updated_at) from ${sourceSchema}.orders where id <= 2500) from generate_series(1, 3) as i`,
      );
      const second = await basin(['ingest', 'app.orders', '--project', dir, '--json']);
      expect(second.code, second.stderr).toBe(0);
      expect(await queryRows(dir, 'select count(*) as n, count(distinct id) as ids from app.orders')).toEqual([{ n: 2503, ids: 2503 }]);
      expect(await queryRows(dir, "select id from app.orders where status = 'refunded' order by id")).toEqual([{ id: 5 }, { id: 6 }]);
    } finally {
      await cleanup();
    }
  });
});
