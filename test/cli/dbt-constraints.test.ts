import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { basin, postgresWarehouseYaml, queryRows, tempDir, uniqueSchema, writeFiles } from '../support/cli-harness.js';
import { dropSchemas } from '../support/postgres.js';

const pgPrefix = 'dbtcons';
afterAll(() => dropSchemas(pgPrefix));

const DUCKDB = 'warehouse:\n  type: duckdb\n  path: wh.duckdb\n';

/**
 * Models with enforced contracts and constraints: column-level not_null,
 * unique, primary key, check and foreign key (to: ref), model-level primary
 * key and named check, a custom constraint (warned about), a view with a
 * constraint (warned about) and constraints without a contract (warned about).
 */
function projectFiles(warehouse: string): Record<string, string> {
  return {
    'basin.yml': `name: cons\n${warehouse}`,
    'dbt_project.yml': 'name: cons\nconfig-version: 2\n',
    'models/customers.sql': "{{ config(materialized='table') }}\nselect 1 as id, 'ada' as name union all select 2, 'grace'\n",
    'models/orders.sql': [
      "{{ config(materialized='incremental', unique_key='order_id') }}",
      "select 10 as order_id, 1 as customer_id, 5 as amount union all select 11, 2, 7",
      '',
    ].join('\n'),
    'models/customer_names.sql': "{{ config(materialized='view') }}\nselect name from {{ ref('customers') }}\n",
    'models/loose.sql': "{{ config(materialized='table') }}\nselect 1 as id\n",
    'models/schema.yml': [
      'version: 2',
      'models:',
      '  - name: customers',
      '    config:',
      '      contract: {enforced: true}',
      '    constraints:',
      '      - type: check',
      '        name: positive_id',
      '        expression: "id > 0"',
      '    columns:',
      '      - name: id',
      '        data_type: integer',
      '        constraints: [{type: not_null}, {type: primary_key}]',
      '      - name: name',
      '        data_type: text',
      '        constraints: [{type: not_null}, {type: unique}]',
      '  - name: orders',
      '    config:',
      '      contract: {enforced: true}',
      '    constraints:',
      '      - type: primary_key',
      '        columns: [order_id]',
      '      - type: custom',
      '        expression: "some vendor clause"',
      '    columns:',
      '      - name: order_id',
      '        data_type: integer',
      '      - name: customer_id',
      '        data_type: integer',
      '        constraints:',
      '          - type: not_null',
      '          - type: foreign_key',
      "            to: ref('customers')",
      '            to_columns: [id]',
      '      - name: amount',
      '        data_type: integer',
      '        constraints: [{type: check, expression: "amount >= 0"}]',
      '  - name: customer_names',
      '    config:',
      '      contract: {enforced: true}',
      '    columns:',
      '      - name: name',
      '        data_type: text',
      '        constraints: [{type: not_null}]',
      '  - name: loose',
      '    columns:',
      '      - name: id',
      '        constraints: [{type: not_null}]',
      '',
    ].join('\n'),
  };
}

function expectWarnings(out: string): void {
  expect(out).not.toContain('not created by Basin yet');
  expect(out).toContain('custom constraints are not created by Basin and are ignored');
  expect(out).toContain('model customer_names: constraints are not supported on views');
  expect(out).toContain('model loose: constraints are created only when the contract is enforced');
  expect(out).not.toMatch(/The constraint type (not_null|unique|primary_key|check|foreign_key) is not/);
}

describe('dbt model constraints', () => {
  it('on DuckDB: creates the constraints, keeps them on incremental runs, fails a violating build', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const files = projectFiles(DUCKDB);
      await writeFiles(dir, files);
      const run = await basin(['build', '--project', dir]);
      expect(run.code, run.stdout + run.stderr).toBe(0);
      expectWarnings(run.stdout + run.stderr);

      const constraints = await queryRows(
        dir,
        "select table_name, constraint_type, array_to_string(constraint_column_names, ',') as cols from duckdb_constraints() where table_name in ('customers', 'orders', 'loose', 'customer_names') order by all",
      );
      expect(constraints).toEqual([
        { table_name: 'customers', constraint_type: 'CHECK', cols: 'id' },
        { table_name: 'customers', constraint_type: 'NOT NULL', cols: 'id' },
        { table_name: 'customers', constraint_type: 'NOT NULL', cols: 'name' },
        { table_name: 'customers', constraint_type: 'PRIMARY KEY', cols: 'id' },
        { table_name: 'customers', constraint_type: 'UNIQUE', cols: 'name' },
        { table_name: 'orders', constraint_type: 'CHECK', cols: 'amount' },
        { table_name: 'orders', constraint_type: 'FOREIGN KEY', cols: 'customer_id' },
        { table_name: 'orders', constraint_type: 'NOT NULL', cols: 'customer_id' },
        // DuckDB adds the primary key's NOT NULL.
        { table_name: 'orders', constraint_type: 'NOT NULL', cols: 'order_id' },
        { table_name: 'orders', constraint_type: 'PRIMARY KEY', cols: 'order_id' },
      ]);
      expect(await queryRows(dir, 'select count(*) as n from orders')).toEqual([{ n: 2 }]);

      // manifest.json carries them as dbt writes them (`to` resolved to the relation).
      const manifest = JSON.parse(await readFile(path.join(dir, 'target', 'manifest.json'), 'utf8')) as {
        nodes: Record<string, { constraints: unknown[]; columns: Record<string, { constraints: Array<Record<string, unknown>> }> }>;
      };
      const orders = manifest.nodes['model.cons.orders']!;
      expect(orders.constraints).toEqual([
        { type: 'primary_key', name: null, expression: null, warn_unenforced: true, warn_unsupported: true, to: null, to_columns: [], columns: ['order_id'] },
        { type: 'custom', name: null, expression: 'some vendor clause', warn_unenforced: true, warn_unsupported: true, to: null, to_columns: [], columns: [] },
      ]);
      expect(orders.columns['customer_id']!.constraints[1]).toMatchObject({ type: 'foreign_key', to_columns: ['id'] });
      expect(orders.columns['customer_id']!.constraints[1]!['to']).toMatch(/"customers"$/);

      // An incremental run merges into the constrained table (same keys updated, a new one added).
      await writeFiles(dir, { 'models/orders.sql': files['models/orders.sql']!.replace('select 11, 2, 7', 'select 11, 2, 8 union all select 12, 1, 3') });
      const merged = await basin(['build', '--project', dir, '--select', 'orders']);
      expect(merged.code, merged.stdout + merged.stderr).toBe(0);
      expect(await queryRows(dir, 'select order_id, amount from orders order by 1')).toEqual([
        { order_id: 10, amount: 5 },
        { order_id: 11, amount: 8 },
        { order_id: 12, amount: 3 },
      ]);
      expect(await queryRows(dir, "select count(*) as n from duckdb_constraints() where table_name = 'orders' and constraint_type = 'FOREIGN KEY'")).toEqual([{ n: 1 }]);

      // DuckDB cannot drop a table another table's foreign key references (as with dbt-duckdb).
      const parent = await basin(['build', '--project', dir, '--select', 'customers']);
      expect(parent.code).not.toBe(0);
      expect(parent.stdout + parent.stderr).toMatch(/model customers .*main key table of the table "orders"/);

      // A row breaking the check fails the incremental run; the table keeps its rows.
      await writeFiles(dir, { 'models/orders.sql': files['models/orders.sql']!.replace('select 11, 2, 7', 'select 13, 2, -1') });
      const bad = await basin(['build', '--project', dir, '--select', 'orders']);
      expect(bad.code).not.toBe(0);
      const badOut = bad.stdout + bad.stderr;
      expect(badOut).toMatch(/model orders \(models\/orders\.sql[^)]*\): .*CHECK constraint failed/);
      expect(await queryRows(dir, 'select order_id from orders order by 1')).toEqual([{ order_id: 10 }, { order_id: 11 }, { order_id: 12 }]);
    } finally {
      await cleanup();
    }
  }, 120_000);

  it('on DuckDB: a NULL in a not_null column fails the build naming the model', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const files = projectFiles(DUCKDB);
      files['models/customers.sql'] = "{{ config(materialized='table') }}\nselect 1 as id, cast(null as text) as name\n";
      await writeFiles(dir, files);
      const run = await basin(['build', '--project', dir, '--select', 'customers']);
      expect(run.code).not.toBe(0);
      expect(run.stdout + run.stderr).toMatch(/model customers \(models\/customers\.sql[^)]*\): .*NOT NULL constraint failed/);
      expect(await queryRows(dir, "select count(*) as n from duckdb_tables() where table_name = 'customers'")).toEqual([{ n: 0 }]);
    } finally {
      await cleanup();
    }
  }, 60_000);

  it('rejects a foreign key without to_columns, naming the field', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const files = projectFiles(DUCKDB);
      files['models/schema.yml'] = files['models/schema.yml']!.replace("            to_columns: [id]\n", '');
      await writeFiles(dir, files);
      const run = await basin(['build', '--project', dir]);
      expect(run.code).not.toBe(0);
      expect(run.stdout + run.stderr).toContain('a foreign key with `to` needs `to_columns`');
      expect(run.stdout + run.stderr).toContain('constraints[1].to_columns');
    } finally {
      await cleanup();
    }
  }, 60_000);

  it('on Postgres: creates the constraints in CREATE TABLE and fails a violating row', async () => {
    const schema = uniqueSchema(pgPrefix);
    const client = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' });
    await client.connect();
    const { dir, cleanup } = await tempDir();
    try {
      const files = projectFiles(postgresWarehouseYaml(schema));
      await writeFiles(dir, files);
      const run = await basin(['build', '--project', dir]);
      expect(run.code, run.stdout + run.stderr).toBe(0);
      expectWarnings(run.stdout + run.stderr);

      const keys = await client.query(
        `select tc.table_name, tc.constraint_type, string_agg(k.column_name, ',' order by k.ordinal_position) as cols
         from information_schema.table_constraints tc
         left join information_schema.key_column_usage k on k.constraint_schema = tc.constraint_schema and k.constraint_name = tc.constraint_name
         where tc.table_schema = $1 and tc.constraint_type <> 'CHECK'
         group by 1, 2 order by 1, 2`,
        [schema],
      );
      expect(keys.rows).toEqual([
        { table_name: 'customers', constraint_type: 'PRIMARY KEY', cols: 'id' },
        { table_name: 'customers', constraint_type: 'UNIQUE', cols: 'name' },
        { table_name: 'orders', constraint_type: 'FOREIGN KEY', cols: 'customer_id' },
        { table_name: 'orders', constraint_type: 'PRIMARY KEY', cols: 'order_id' },
      ]);
      const checks = await client.query(
        `select c.relname as table_name, k.conname, pg_get_constraintdef(k.oid) as def from pg_constraint k
         join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = $1 and k.contype = 'c' order by 1, 2`,
        [schema],
      );
      expect(checks.rows.map((r: { table_name: string; conname: string; def: string }) => [r.table_name, r.conname, r.def])).toEqual([
        ['customers', 'positive_id', 'CHECK ((id > 0))'],
        ['orders', 'orders_amount_check', 'CHECK ((amount >= 0))'],
      ]);
      const notNull = await client.query(
        "select table_name, column_name from information_schema.columns where table_schema = $1 and is_nullable = 'NO' order by 1, 2",
        [schema],
      );
      expect(notNull.rows).toEqual([
        { table_name: 'customers', column_name: 'id' },
        { table_name: 'customers', column_name: 'name' },
        { table_name: 'orders', column_name: 'customer_id' },
        { table_name: 'orders', column_name: 'order_id' },
      ]);

      // A customer id with no customer breaks the foreign key: the incremental run fails, the table keeps its rows.
      await writeFiles(dir, { 'models/orders.sql': files['models/orders.sql']!.replace('select 11, 2, 7', 'select 12, 99, 7') });
      const bad = await basin(['build', '--project', dir, '--select', 'orders']);
      expect(bad.code).not.toBe(0);
      expect(bad.stdout + bad.stderr).toMatch(/model orders \(models\/orders\.sql[^)]*\): .*foreign key constraint/);
      const rows = await client.query(`select order_id from "${schema}".orders order by 1`);
      expect(rows.rows).toEqual([{ order_id: 10 }, { order_id: 11 }]);

      // A NULL name fails the rebuild of customers; the previous table stays.
      await writeFiles(dir, { 'models/customers.sql': "{{ config(materialized='table') }}\nselect 1 as id, cast(null as text) as name\n" });
      const nulls = await basin(['build', '--project', dir, '--select', 'customers']);
      expect(nulls.code).not.toBe(0);
      expect(nulls.stdout + nulls.stderr).toMatch(/model customers \(models\/customers\.sql[^)]*\): .*null value in column "name"/);
      const kept = await client.query(`select count(*)::int as n from "${schema}".customers`);
      expect(kept.rows).toEqual([{ n: 2 }]);
    } finally {
      await client.end();
      await cleanup();
    }
  }, 120_000);
});
