import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { basin, postgresWarehouseYaml, queryRows, tempDir, uniqueSchema, writeFiles } from '../support/cli-harness.js';
import { dropSchemas } from '../support/postgres.js';

const pgPrefix = 'dbtfeat';
afterAll(() => dropSchemas(pgPrefix));

/** A project using docs blocks, persist_docs, contracts, versions, exposures, meta, grants and hooks. */
function projectFiles(warehouse: string, schemaExpr: string): Record<string, string> {
  return {
    'basin.yml': `name: feat\n${warehouse}`,
    'dbt_project.yml': [
      'name: feat',
      'config-version: 2',
      `on-run-start: ["create table if not exists ${schemaExpr}.audit (event varchar(40))", "insert into ${schemaExpr}.audit values ('start')"]`,
      `on-run-end: ["insert into ${schemaExpr}.audit values ('end')"]`,
      'models:',
      '  feat:',
      '    +persist_docs: {relation: true, columns: true}',
      '',
    ].join('\n'),
    'models/docs.md': '{% docs orders_doc %}\nOrders placed by customers.\n{% enddocs %}\n\n{% docs status_doc %}One of placed or shipped.{% enddocs %}\n',
    'models/orders.sql': [
      '{{ config(materialized="table",',
      `   pre_hook="insert into ${schemaExpr}.audit values ('pre orders')",`,
      `   post_hook="insert into ${schemaExpr}.audit values ('post orders')") }}`,
      "select cast(1 as bigint) as id, cast('placed' as varchar(20)) as status",
      '',
    ].join('\n'),
    'models/contracted.sql': "{{ config(materialized='table') }}\nselect cast(1 as bigint) as id, cast(2.5 as double precision) as amount\n",
    'models/dim_v1.sql': 'select 1 as id, 1 as generation\n',
    'models/dim_v2.sql': "select 1 as id, 2 as generation, 'new' as label\n",
    'models/uses_dim.sql': "select id, generation from {{ ref('dim') }} union all select id, generation from {{ ref('dim', v=1) }}\n",
    'models/schema.yml': [
      'version: 2',
      'models:',
      '  - name: orders',
      '    description: \'{{ doc("orders_doc") }}\'',
      '    meta: {owner: ada}',
      '    columns:',
      '      - name: id',
      '        description: The order id',
      '      - name: status',
      '        description: \'{{ doc("status_doc") }}\'',
      '  - name: contracted',
      '    config:',
      '      contract: {enforced: true}',
      '    columns:',
      '      - name: id',
      '        data_type: bigint',
      '      - name: amount',
      '        data_type: double precision',
      '  - name: dim',
      '    latest_version: 2',
      '    columns:',
      '      - name: id',
      '        tests: [not_null]',
      '    versions:',
      '      - v: 1',
      '      - v: 2',
      'exposures:',
      '  - name: weekly_report',
      '    type: dashboard',
      '    owner: {name: Ada, email: ada@example.com}',
      '    depends_on: ["ref(\'orders\')", "ref(\'dim\', v=1)"]',
      '',
    ].join('\n'),
  };
}

describe("dbt's project features", () => {
  it('on DuckDB: docs blocks, persist_docs, contracts, versions, exposures, meta and hook order', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      await writeFiles(dir, projectFiles('warehouse:\n  type: duckdb\n  path: wh.duckdb\n', 'main'));
      const run = await basin(['build', '--project', dir]);
      expect(run.code, run.stdout + run.stderr).toBe(0);

      // Hooks: on-run-start, the model's pre- and post-hooks, on-run-end, in that order.
      expect(await queryRows(dir, 'select event from main.audit')).toEqual([{ event: 'start' }, { event: 'pre orders' }, { event: 'post orders' }, { event: 'end' }]);

      // Docs blocks land in descriptions, and persist_docs writes them as comments.
      expect(await queryRows(dir, "select comment from duckdb_tables() where table_name = 'orders'")).toEqual([{ comment: 'Orders placed by customers.' }]);
      expect(await queryRows(dir, "select column_name, comment from duckdb_columns() where table_name = 'orders' order by column_index")).toEqual([
        { column_name: 'id', comment: 'The order id' },
        { column_name: 'status', comment: 'One of placed or shipped.' },
      ]);
      const manifest = JSON.parse(await readFile(path.join(dir, 'target/manifest.json'), 'utf8')) as {
        nodes: Record<string, { description: string; meta: Record<string, unknown>; version?: string | null; relation_name?: string }>;
        exposures: Record<string, { depends_on: { nodes: string[] } }>;
      };
      expect(manifest.nodes['model.feat.orders']?.description).toBe('Orders placed by customers.');
      expect(manifest.nodes['model.feat.orders']?.meta).toEqual({ owner: 'ada' });

      // An enforced contract builds the declared types.
      expect(await queryRows(dir, "select column_name, data_type from duckdb_columns() where table_name = 'contracted' order by column_index")).toEqual([
        { column_name: 'id', data_type: 'BIGINT' },
        { column_name: 'amount', data_type: 'DOUBLE' },
      ]);

      // Versions build dim_v1 and dim_v2; ref('dim') is the latest, ref('dim', v=1) the old one; tests run per version.
      expect(manifest.nodes['model.feat.dim.v2']?.version).toBe('2');
      expect(await queryRows(dir, 'select generation from uses_dim order by generation')).toEqual([{ generation: 1 }, { generation: 2 }]);
      expect(await queryRows(dir, 'select label from dim_v2')).toEqual([{ label: 'new' }]);
      expect(run.stdout + run.stderr).toContain('not_null_dim_v1_id');
      expect(run.stdout + run.stderr).toContain('not_null_dim_v2_id');

      // Exposures are graph nodes: in the manifest, and `+exposure:` selects what they depend on.
      expect(manifest.exposures['exposure.feat.weekly_report']?.depends_on.nodes).toEqual(['model.feat.dim.v1', 'model.feat.orders']);
      const ls = await basin(['ls', '--project', dir, '--select', '+exposure:weekly_report']);
      expect(ls.code, ls.stderr).toBe(0);
      // As in dbt, tests whose parents are all selected come along (eager indirect selection).
      expect(ls.stdout.trim().split('\n').sort()).toEqual(['exposure:weekly_report', 'feat.dim.v1', 'feat.not_null_dim_v1_id', 'feat.orders']);
      const pipeline = await basin(['pipeline', '+exposure:weekly_report', '--project', dir, '--json']);
      expect(pipeline.code, pipeline.stdout + pipeline.stderr).toBe(0);
      const ran = (JSON.parse(pipeline.stdout) as { assets: Array<{ key: string }> }).assets.map((a) => a.key).sort();
      // The exposure itself never runs; its upstream models (and their tests) do.
      expect(ran.filter((k) => !k.startsWith('test:'))).toEqual(['model:dim.v1', 'model:orders']);
    } finally {
      await cleanup();
    }
  }, 120_000);

  it('fails an enforced contract naming the model and the mismatched columns', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const files = projectFiles('warehouse:\n  type: duckdb\n  path: wh.duckdb\n', 'main');
      files['models/contracted.sql'] = "{{ config(materialized='table') }}\nselect 1 as id, 'x' as note\n";
      await writeFiles(dir, files);
      const run = await basin(['build', '--project', dir, '--select', 'contracted']);
      expect(run.code).not.toBe(0);
      const out = run.stdout + run.stderr;
      expect(out).toContain('model contracted has an enforced contract that failed');
      expect(out).toMatch(/\| id \| INTEGER \| BIGINT \| data type mismatch \|/);
      expect(out).toMatch(/\| amount \|\s+\| DOUBLE \| missing in definition \|/);
      expect(out).toMatch(/\| note \| VARCHAR \|\s+\| missing in contract \|/);
      expect(await queryRows(dir, "select count(*) as n from duckdb_tables() where table_name like 'contracted%'")).toEqual([{ n: 0 }]);
    } finally {
      await cleanup();
    }
  }, 60_000);

  it('on Postgres: comments from persist_docs, grants, contracts and versions', async () => {
    const schema = uniqueSchema(pgPrefix);
    const role = `${pgPrefix}_reader`;
    const client = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' });
    await client.connect();
    const { dir, cleanup } = await tempDir();
    try {
      await client.query(`do $$ begin if not exists (select from pg_roles where rolname = '${role}') then create role ${role}; end if; end $$`);
      const files = projectFiles(postgresWarehouseYaml(schema), '{{ target.schema }}');
      files['models/orders.sql'] = files['models/orders.sql']!.replace('materialized="table",', `materialized="table", grants={"select": ["${role}"]},`);
      await writeFiles(dir, files);
      const run = await basin(['build', '--project', dir]);
      expect(run.code, run.stdout + run.stderr).toBe(0);

      const comments = await client.query(
        `select obj_description(c.oid) as rel, col_description(c.oid, 1) as id, col_description(c.oid, 2) as status
         from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1 and c.relname = 'orders'`,
        [schema],
      );
      expect(comments.rows).toEqual([{ rel: 'Orders placed by customers.', id: 'The order id', status: 'One of placed or shipped.' }]);
      const grants = await client.query(
        "select grantee, privilege_type from information_schema.role_table_grants where table_schema = $1 and table_name = 'orders' and grantee <> current_user",
        [schema],
      );
      expect(grants.rows).toEqual([{ grantee: role, privilege_type: 'SELECT' }]);
      const types = await client.query(
        "select column_name, data_type from information_schema.columns where table_schema = $1 and table_name = 'contracted' order by ordinal_position",
        [schema],
      );
      expect(types.rows).toEqual([
        { column_name: 'id', data_type: 'bigint' },
        { column_name: 'amount', data_type: 'double precision' },
      ]);
      const versions = await client.query(`select generation from "${schema}".uses_dim order by generation`);
      expect(versions.rows).toEqual([{ generation: 1 }, { generation: 2 }]);

      // Dropping the role from the config revokes it on the next build.
      await writeFiles(dir, { 'models/orders.sql': files['models/orders.sql']!.replace(`"${role}"`, '') });
      const again = await basin(['build', '--project', dir, '--select', 'orders']);
      expect(again.code, again.stdout + again.stderr).toBe(0);
      const after = await client.query(
        "select grantee from information_schema.role_table_grants where table_schema = $1 and table_name = 'orders' and grantee <> current_user",
        [schema],
      );
      expect(after.rows).toEqual([]);
    } finally {
      await client.end();
      await cleanup();
    }
  }, 120_000);
});
