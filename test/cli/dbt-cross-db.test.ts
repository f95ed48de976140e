import { describe, expect, it } from 'vitest';
import { basin, postgresWarehouseYaml, queryRows, tempDir, uniqueSchema, writeFiles } from '../support/cli-harness.js';

/** A package-style project calling dbt's cross-database macros and the helpers packages such as dbt_utils rely on. */
const files = (warehouse: string) => ({
  'basin.yml': `name: crossdb\n${warehouse}`,
  'seeds/items.csv': 'id,name,amount,kind\n1,a,10,x\n2,b,20,y\n3,c,30,x\n',
  'models/dates.sql': [
    'select',
    "  {{ dbt.datediff(\"cast('2024-01-31' as date)\", \"cast('2024-03-01' as date)\", 'day') }} as days,",
    "  {{ dbt.datediff(\"cast('2024-01-31' as date)\", \"cast('2024-03-01' as date)\", 'month') }} as months,",
    "  {{ dbt.datediff(\"cast('2023-12-31' as date)\", \"cast('2024-01-01' as date)\", 'year') }} as years,",
    "  {{ dbt.datediff(\"cast('2024-01-01 10:00:00' as timestamp)\", \"cast('2024-01-01 13:30:00' as timestamp)\", 'hour') }} as hours,",
    "  cast({{ dbt.dateadd('day', 3, \"cast('2024-02-27' as date)\") }} as date) as plus3,",
    "  {{ dbt.last_day(\"cast('2024-02-10' as date)\", 'month') }} as month_end,",
    "  cast({{ dbt.date_trunc('month', \"cast('2024-02-10' as date)\") }} as date) as month_start",
  ].join('\n'),
  'models/strings.sql': [
    'select',
    "  {{ dbt.hash(dbt.concat([\"'a'\", \"'-'\", \"'b'\"])) }} as h,",
    "  cast(1 as {{ dbt.type_string() }}) || 'x' as s,",
    "  {{ dbt.safe_cast(\"'12'\", dbt.type_int()) }} as n,",
    "  {{ dbt.split_part(\"'a,b,c'\", \"','\", 2) }} as part,",
    "  {{ dbt.string_literal(dbt.escape_single_quotes(\"it's\")) }} as quoted,",
    "  {{ dbt.position(\"'c'\", \"'abc'\") }} as pos,",
    "  {{ dbt.right(\"'abcdef'\", 2) }} as tail",
  ].join('\n'),
  'models/aggregates.sql': [
    "{#- Columns exist only when running (execute), as in dbt. -#}",
    "{%- set cols = adapter.get_columns_in_relation(ref('items')) if execute else [] -%}",
    "{%- set seen = {} -%}{%- do seen.update({ref('items'): cols | map(attribute='name') | list}) -%}",
    "{%- set by_name = {} -%}{%- for c in cols -%}{%- do by_name.update({c.name: c}) -%}{%- endfor -%}",
    'select',
    "  {{ dbt.listagg('name', \"','\", 'order by name') }} as names,",
    "  {{ dbt.bool_or('amount > 25') }} as any_big,",
    "  '{{ seen[ref(\"items\")] | join(\"|\") }}' as columns,",
    "  '{{ cols | length }}' as n_cols,",
    "  '{{ execute and by_name['name'].is_string() }}' as name_is_string,",
    "  '{{ execute and by_name['amount'].is_number() and not by_name['amount'].is_string() }}' as amount_is_number,",
    "  '{{ ref(\"items\") is mapping and ref(\"items\").get(\"metadata\", {}).get(\"type\", \"\").endswith(\"Relation\") }}' as relation_is_mapping,",
    "  '{{ load_relation(ref(\"items\")) is not none }}' as loaded",
    "from {{ ref('items') }}",
  ].join('\n'),
});

/** md5('a-b'), as Python's hashlib computes it. */
const MD5_A_DASH_B = '8ca2ed590cf2ea2404f2e67641bcdf50';

async function check(warehouse: string): Promise<void> {
  const { dir, cleanup } = await tempDir();
  try {
    await writeFiles(dir, files(warehouse));
    const built = await basin(['build', '--project', dir], dir);
    expect(built.code, built.stdout + built.stderr).toBe(0);
    const [dates] = await queryRows(dir, 'select * from dates');
    expect(dates).toMatchObject({ days: 30, months: 2, years: 1, hours: 3, plus3: '2024-03-01', month_end: '2024-02-29', month_start: '2024-02-01' });
    const [strings] = await queryRows(dir, 'select * from strings');
    expect(strings).toEqual({ h: MD5_A_DASH_B, s: '1x', n: 12, part: 'b', quoted: "it's", pos: 3, tail: 'ef' });
    const [agg] = await queryRows(dir, 'select * from aggregates');
    expect(agg).toEqual({
      names: 'a,b,c',
      any_big: true,
      columns: 'id|name|amount|kind',
      n_cols: '4',
      name_is_string: 'True',
      amount_is_number: 'True',
      relation_is_mapping: 'True',
      loaded: 'True',
    });
  } finally {
    await cleanup();
  }
}

describe("dbt's cross-database macros and package helpers", () => {
  it('run on DuckDB', () => check('warehouse: { type: duckdb, path: wh.duckdb }\n'), 60_000);
  it('run on Postgres', () => check(postgresWarehouseYaml(uniqueSchema('crossdb'))), 60_000);
});
