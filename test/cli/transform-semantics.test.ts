import { afterAll, describe, expect, it } from 'vitest';
import { basin, postgresWarehouseYaml, tempDir, uniqueSchema, writeFiles, queryRows } from '../support/cli-harness.js';
import { dropSchemas } from '../support/postgres.js';

const pgPrefix = uniqueSchema('basin_sem');
afterAll(() => dropSchemas(pgPrefix));

const warehouses: Array<[string, (n: number) => string]> = [
  ['duckdb', () => 'warehouse:\n  type: duckdb\n  path: warehouse.duckdb\n'],
  ['postgres', (n) => postgresWarehouseYaml(`${pgPrefix}_${n}`)],
];

let counter = 0;
async function project(warehouse: (n: number) => string, files: Record<string, string>) {
  const t = await tempDir();
  await writeFiles(t.dir, { 'basin.yml': `name: sem\n${warehouse(++counter)}threads: 2\n`, ...files });
  return t;
}


describe.each(warehouses)('transform semantics on %s', (_name, warehouse) => {
  it('incremental merge updates changed rows, inserts new ones and evolves the schema', async () => {
    const { dir, cleanup } = await project(warehouse, {
      'seeds/src.csv': 'id,amount\n1,10\n2,20\n',
      'models/inc.sql':
        "{{ config(materialized='incremental', unique_key='id', incremental_strategy='merge', on_schema_change='append_new_columns') }}\nselect * from {{ ref('src') }}",
    });
    try {
      expect((await basin(['build', '--project', dir])).code).toBe(0);
      await writeFiles(dir, { 'seeds/src.csv': 'id,amount,note\n2,25,changed\n3,30,new\n' });
      const second = await basin(['build', '--project', dir, '--json']);
      expect(second.code, second.stderr).toBe(0);
      const inc = await queryRows(dir, 'select id, amount, note from inc order by id');
      expect(inc).toEqual([
        { id: 1, amount: 10, note: null },
        { id: 2, amount: 25, note: 'changed' },
        { id: 3, amount: 30, note: 'new' },
      ]);
      // --full-refresh rebuilds from the current rows only.
      expect((await basin(['run', '--project', dir, '--full-refresh'])).code).toBe(0);
      expect(await queryRows(dir, 'select id from inc order by id')).toEqual([{ id: 2 }, { id: 3 }]);
    } finally {
      await cleanup();
    }
  });

  it('a NULL unique key fails the model instead of duplicating rows', async () => {
    const { dir, cleanup } = await project(warehouse, {
      'seeds/src.csv': 'id,amount\n1,10\n',
      'models/inc.sql': "{{ config(materialized='incremental', unique_key='id') }}\nselect * from {{ ref('src') }}",
    });
    try {
      expect((await basin(['build', '--project', dir])).code).toBe(0);
      await writeFiles(dir, { 'seeds/src.csv': 'id,amount\n,10\n2,20\n' });
      const run = await basin(['build', '--project', dir, '--json']);
      expect(run.code).toBe(1);
      const result = (JSON.parse(run.stdout) as { results: Array<{ unique_id: string; status: string; message: string }> }).results.find(
        (r) => r.unique_id === 'model.sem.inc',
      );
      expect(result?.status).toBe('error');
      expect(result?.message).toMatch(/1 new row\(s\) have a NULL unique_key \(id\)/);
      expect(await queryRows(dir, 'select count(*) as n from inc')).toEqual([{ n: 1 }]);
    } finally {
      await cleanup();
    }
  });

  it('snapshots close changed rows and add new versions', async () => {
    const { dir, cleanup } = await project(warehouse, {
      'seeds/subs.csv': 'id,status,updated_at\n1,active,2025-01-01 00:00:00\n2,active,2025-01-01 00:00:00\n',
      'snapshots/snap.sql':
        "{% snapshot subs_snap %}\n{{ config(unique_key='id', strategy='timestamp', updated_at='updated_at') }}\nselect * from {{ ref('subs') }}\n{% endsnapshot %}\n",
    });
    try {
      expect((await basin(['build', '--project', dir])).code).toBe(0);
      await writeFiles(dir, { 'seeds/subs.csv': 'id,status,updated_at\n1,canceled,2025-02-01 00:00:00\n2,active,2025-01-01 00:00:00\n' });
      expect((await basin(['build', '--project', dir])).code).toBe(0);
      const snap = await queryRows(dir, 'select id, status, dbt_valid_to is null as current from subs_snap order by id, dbt_valid_from');
      expect(snap).toEqual([
        { id: 1, status: 'active', current: false },
        { id: 1, status: 'canceled', current: true },
        { id: 2, status: 'active', current: true },
      ]);
    } finally {
      await cleanup();
    }
  });

  it('a SQL error names the model file and the line of the compiled SQL', async () => {
    const { dir, cleanup } = await project(warehouse, {
      'models/bad.sql': "{{ config(materialized='table') }}\nselect\n  1 as a,\n  nosuchcol + 1 as b\nfrom (select 1 as z) as t\n",
    });
    try {
      const run = await basin(['run', '--project', dir, '--json']);
      expect(run.code).toBe(1);
      const result = (JSON.parse(run.stdout) as { results: Array<{ message: string }> }).results[0];
      expect(result?.message).toMatch(/^model bad \(models\/bad\.sql, compiled SQL target\/compiled\/sem\/models\/bad\.sql:4\): .*nosuchcol/s);
    } finally {
      await cleanup();
    }
  });

  it('a failing test exits 1 and skips what is built on the tested model', async () => {
    const { dir, cleanup } = await project(warehouse, {
      'seeds/src.csv': 'id\n1\n1\n',
      'models/a.sql': "select * from {{ ref('src') }}",
      'models/b.sql': "select * from {{ ref('a') }}",
      'models/schema.yml': 'version: 2\nmodels:\n  - name: a\n    columns:\n      - name: id\n        tests: [unique]\n',
    });
    try {
      const run = await basin(['build', '--project', dir, '--json']);
      expect(run.code).toBe(1);
      const results = (JSON.parse(run.stdout) as { results: Array<{ unique_id: string; status: string; message: string }> }).results;
      expect(results.find((r) => r.unique_id.startsWith('test.sem.unique_a_id'))?.status).toBe('fail');
      expect(results.find((r) => r.unique_id === 'model.sem.b')?.status).toBe('skipped');
    } finally {
      await cleanup();
    }
  });
});

describe('dbt projects without basin.yml', () => {
  it('builds with the warehouse from profiles.yml', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      await writeFiles(dir, {
        'dbt_project.yml': "name: 'shop'\nversion: '1.0'\nconfig-version: 2\nprofile: 'shop'\nmodels:\n  shop:\n    materialized: table\n    staging:\n      materialized: view\n",
        'profiles.yml': "shop:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: 'shop.duckdb'\n      threads: 2\n",
        'seeds/raw_orders.csv': 'id,amount\n1,10\n2,20\n',
        'models/staging/stg_orders.sql': "select id as order_id, amount from {{ ref('raw_orders') }}",
        'models/orders.sql': "select sum(amount) as total from {{ ref('stg_orders') }}",
        'models/schema.yml': 'version: 2\nmodels:\n  - name: stg_orders\n    columns:\n      - name: order_id\n        tests: [unique, not_null]\n',
      });
      const run = await basin(['build', '--project', dir, '--json']);
      expect(run.code, run.stderr).toBe(0);
      const results = (JSON.parse(run.stdout) as { results: Array<{ unique_id: string; message: string }> }).results;
      expect(results.map((r) => r.unique_id).sort()).toEqual([
        'model.shop.orders',
        'model.shop.stg_orders',
        'seed.shop.raw_orders',
        expect.stringMatching(/^test\.shop\.not_null_stg_orders_order_id\./),
        expect.stringMatching(/^test\.shop\.unique_stg_orders_order_id\./),
      ]);
      expect(results.find((r) => r.unique_id === 'model.shop.stg_orders')?.message).toBe('CREATE VIEW');
      expect(await queryRows(dir, 'select total from orders')).toEqual([{ total: 30 }]);
      const { access } = await import('node:fs/promises');
      await expect(access(`${dir}/shop.duckdb`)).resolves.toBeUndefined();
    } finally {
      await cleanup();
    }
  });
});

describe('usage and configuration errors exit 2 and say where', () => {
  it('an invalid basin.yml names the file, line and key', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      await writeFiles(dir, { 'basin.yml': 'name: x\nwarehouse:\n  type: oracle\n' });
      const run = await basin(['run', '--project', dir]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/basin\.yml:3.*warehouse\.type/);
    } finally {
      await cleanup();
    }
  });

  it('a ref cycle is named', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      await writeFiles(dir, {
        'basin.yml': 'name: cyc\n',
        'models/a.sql': "select * from {{ ref('b') }}",
        'models/b.sql': "select * from {{ ref('a') }}",
      });
      const run = await basin(['ls', '--project', dir]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/model\.cyc\.a -> model\.cyc\.b -> model\.cyc\.a|model\.cyc\.b -> model\.cyc\.a -> model\.cyc\.b/);
    } finally {
      await cleanup();
    }
  });

  it('a template error names the file and line', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      await writeFiles(dir, { 'basin.yml': 'name: tpl\n', 'models/bad.sql': "select 1\n{% if %}\n" });
      const run = await basin(['ls', '--project', dir]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/models\/bad\.sql:2/);
    } finally {
      await cleanup();
    }
  });

  it('a ref to a missing model names the file and the model', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      await writeFiles(dir, { 'basin.yml': 'name: miss\n', 'models/a.sql': "select * from {{ ref('nope') }}" });
      const run = await basin(['ls', '--project', dir]);
      expect(run.code).not.toBe(0);
      expect(run.stderr).toMatch(/models\/a\.sql.*'nope' which was not found/);
    } finally {
      await cleanup();
    }
  });

  it('an unknown option or selector method is a usage error', async () => {
    expect((await basin(['run', '--no-such-flag'])).code).toBe(2);
    const { dir, cleanup } = await tempDir();
    try {
      await writeFiles(dir, { 'basin.yml': 'name: sel\n', 'models/a.sql': 'select 1 as x' });
      const run = await basin(['ls', '--project', dir, '-s', 'bogus:thing']);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/bogus/);
    } finally {
      await cleanup();
    }
  });
});
