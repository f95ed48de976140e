import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { basin, tempDir, writeFiles, queryRows } from '../support/cli-harness.js';


describe("dbt's template context", () => {
  it('resolves refs, sources, vars, env vars, config, macros, dispatch, run_query, statements and hooks', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      await writeFiles(dir, {
        'basin.yml': "name: ctx\nwarehouse:\n  type: duckdb\n  path: wh.duckdb\nvars:\n  region: eu\n  limit_rows: 2\n",
        'dbt_project.yml': [
          'name: ctx',
          'config-version: 2',
          'on-run-start: ["create table if not exists main.audit (event varchar)"]',
          'on-run-end: ["insert into main.audit values (\'end\')"]',
          'models:',
          '  ctx:',
          '    marts:',
          '      +schema: marts',
          '      +tags: [finance]',
          '',
        ].join('\n'),
        'seeds/raw_people.csv': 'id,name,region\n1,Ada,eu\n2,Grace,us\n3,Linus,eu\n',
        'macros/helpers.sql': [
          '{% macro region_filter(col) -%}{{ col }} = {{ "\'" ~ var("region") ~ "\'" }}{%- endmacro %}',
          "{% macro pick_columns() -%}{{ return(['id', 'name']) }}{%- endmacro %}",
          '{% macro duckdb__greeting() -%}\'hello from duckdb\'{%- endmacro %}',
          "{% macro default__greeting() -%}'hello'{%- endmacro %}",
          "{% macro greeting() -%}{{ return(adapter.dispatch('greeting')()) }}{%- endmacro %}",
          '',
        ].join('\n'),
        'models/staging/people.sql': [
          "{{ config(materialized='table', tags=['pii']) }}",
          "select {{ pick_columns() | join(', ') }}, region, {{ greeting() }} as greeting,",
          "  '{{ config.get('materialized') }}' as materialized, '{{ this.name }}' as me,",
          "  '{{ env_var('BASIN_TEST_MISSING', 'fallback') }}' as env_value, '{{ target.name }}' as target_name",
          "from {{ ref('raw_people') }} where {{ region_filter('region') }}",
          '',
        ].join('\n'),
        'models/marts/people_count.sql': [
          "{% set result = run_query('select count(*) as n from ' ~ ref('people')) %}",
          "{% set n = result.columns[0].values()[0] if execute else 0 %}",
          "{% call statement('max_id', fetch_result=True) %}select max(id) as m from {{ ref('people') }}{% endcall %}",
          "{% set max_id = load_result('max_id')['data'][0][0] if execute else 0 %}",
          "select {{ n }} as people, {{ max_id }} as max_id, '{{ this.schema }}' as schema_name",
          '',
        ].join('\n'),
        'models/marts/two_arg_ref.sql': "{{ config(post_hook=\"insert into main.audit values ('post ' || '{{ this.name }}')\") }}\nselect * from {{ ref('ctx', 'people') }} limit {{ var('limit_rows') }}\n",
      });
      const run = await basin(['build', '--project', dir, '--json']);
      expect(run.code, run.stdout + run.stderr).toBe(0);
      expect(await queryRows(dir, 'select id, name, greeting, materialized, me, env_value, target_name from people order by id')).toEqual([
        { id: 1, name: 'Ada', greeting: 'hello from duckdb', materialized: 'table', me: 'people', env_value: 'fallback', target_name: 'dev' },
        { id: 3, name: 'Linus', greeting: 'hello from duckdb', materialized: 'table', me: 'people', env_value: 'fallback', target_name: 'dev' },
      ]);
      // +schema: marts goes through generate_schema_name: <target schema>_marts.
      expect(await queryRows(dir, 'select * from main_marts.people_count')).toEqual([{ people: 2, max_id: 3, schema_name: 'main_marts' }]);
      expect(await queryRows(dir, 'select count(*) as n from main_marts.two_arg_ref')).toEqual([{ n: 2 }]);
      expect(await queryRows(dir, 'select event from audit order by event')).toEqual([{ event: 'end' }, { event: 'post two_arg_ref' }]);
      const ls = await basin(['ls', '--project', dir, '-s', 'tag:finance', '--output', 'name']);
      expect(ls.stdout.trim().split('\n').sort()).toEqual(['people_count', 'two_arg_ref']);
      const compiled = await readFile(path.join(dir, 'target/compiled/ctx/models/marts/people_count.sql'), 'utf8');
      // Jinja2 keeps the newlines after the set/call tags, as dbt's output does.
      expect(compiled).toBe('\n\n\n\nselect 2 as people, 3 as max_id, \'main_marts\' as schema_name');
    } finally {
      await cleanup();
    }
  });

  it('a project macro overrides generate_schema_name, and ephemeral models inline as CTEs', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      await writeFiles(dir, {
        'basin.yml': 'name: gsn\n',
        'macros/generate_schema_name.sql':
          '{% macro generate_schema_name(custom_schema_name, node) -%}{{ custom_schema_name | trim if custom_schema_name else target.schema }}{%- endmacro %}\n',
        'models/base.sql': "{{ config(materialized='ephemeral') }}\nselect 1 as id",
        'models/mid.sql': "{{ config(materialized='ephemeral') }}\nselect id + 1 as id from {{ ref('base') }}",
        'models/final.sql': "{{ config(schema='reporting') }}\nwith x as (select * from {{ ref('mid') }}) select id from x",
      });
      const run = await basin(['run', '--project', dir]);
      expect(run.code, run.stderr).toBe(0);
      expect(await queryRows(dir, 'select id from reporting.final')).toEqual([{ id: 2 }]);
      const compiled = await readFile(path.join(dir, 'target/compiled/gsn/models/final.sql'), 'utf8');
      expect(compiled).toMatch(/^\nwith __dbt__cte__base as \(\nselect 1 as id\n\),\n__dbt__cte__mid as \(\nselect id \+ 1 as id from __dbt__cte__base\n\),\nx as/);
    } finally {
      await cleanup();
    }
  });

  it('var() without a value and without a default is a clear error', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      await writeFiles(dir, { 'basin.yml': 'name: v\n', 'models/m.sql': "select '{{ var(\"nope\") }}' as x" });
      const run = await basin(['run', '--project', dir]);
      expect(run.code).not.toBe(0);
      expect(run.stderr).toMatch(/models\/m\.sql.*Required var 'nope' not found/s);
      const ok = await basin(['run', '--project', dir, '--vars', '{nope: given}']);
      expect(ok.code, ok.stderr).toBe(0);
    } finally {
      await cleanup();
    }
  });
});
