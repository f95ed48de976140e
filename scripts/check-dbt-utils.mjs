#!/usr/bin/env node
/**
 * Compatibility check (not in CI, which cannot fetch): a project that installs
 * dbt-labs' dbt_utils as a git package (`basin deps`) and uses its common macros
 * (generate_surrogate_key, star, union_relations, date_spine, pivot,
 * get_column_values, accepted_range, expression_is_true) builds on DuckDB and
 * on Postgres (127.0.0.1:5432, user postgres) with the expected results.
 *
 *   npm run build && node scripts/check-dbt-utils.mjs [git URL or path of dbt-utils] [revision]
 *   (default https://github.com/dbt-labs/dbt-utils at 1.3.0)
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = process.argv[2] ?? 'https://github.com/dbt-labs/dbt-utils';
const revision = process.argv[3] ?? '1.3.0';
let failed = false;
const check = (what, actual, expected) => {
  const ok = JSON.stringify(actual) === JSON.stringify(expected);
  if (!ok) failed = true;
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${what}: ${JSON.stringify(actual)}${ok ? '' : ` (expected ${JSON.stringify(expected)})`}`);
};
const md5 = (s) => createHash('md5').update(s).digest('hex');

for (const warehouse of ['duckdb', 'postgres']) {
  const dir = mkdtempSync(path.join(tmpdir(), `basin-dbt-utils-${warehouse}-`));
  const write = (file, text) => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  };
  const schema = `utils_check_${Date.now().toString(36)}`;
  write('basin.yml', `name: utils_check\n${warehouse === 'duckdb' ? 'warehouse: { type: duckdb, path: wh.duckdb }' : `warehouse: { type: postgres, host: 127.0.0.1, port: 5432, user: postgres, database: postgres }\nschema: ${schema}`}\n`);
  write('packages.yml', `packages:\n  - git: ${JSON.stringify(source)}\n    revision: ${JSON.stringify(revision)}\n`);
  write('seeds/items.csv', 'id,name,amount,kind\n1,a,10,x\n2,b,20,y\n3,c,30,x\n');
  write('models/surrogate.sql', "select {{ dbt_utils.generate_surrogate_key(['id', 'name']) }} as sk, {{ dbt_utils.star(ref('items'), except=['kind']) }} from {{ ref('items') }}\n");
  write('models/unioned.sql', "{{ dbt_utils.union_relations(relations=[ref('items'), ref('surrogate')]) }}\n");
  write('models/spine.sql', "{{ dbt_utils.date_spine(datepart=\"day\", start_date=\"cast('2024-01-01' as date)\", end_date=\"cast('2024-01-11' as date)\") }}\n");
  write('models/pivoted.sql', "select {{ dbt_utils.pivot('kind', dbt_utils.get_column_values(ref('items'), 'kind', order_by='kind'), agg='sum', then_value='amount') }} from {{ ref('items') }}\n");
  write('models/schema.yml', [
    'version: 2',
    'models:',
    '  - name: surrogate',
    '    columns:',
    '      - name: amount',
    '        tests:',
    '          - dbt_utils.accepted_range: { min_value: 0, max_value: 100 }',
    '    tests:',
    "      - dbt_utils.expression_is_true: { expression: 'amount > 0' }",
    '',
  ].join('\n'));
  const basin = (...args) => execFileSync(process.execPath, [path.join(root, 'bin', 'basin.js'), ...args, '--project', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const rows = (sql) => JSON.parse(basin('query', sql, '--json'));
  try {
    basin('deps');
    const build = JSON.parse(basin('build', '--json'));
    check(`${warehouse}: every node succeeded`, build.results.filter((r) => !['success', 'pass'].includes(r.status)).map((r) => r.unique_id), []);
    check(`${warehouse}: generate_surrogate_key`, rows('select sk from surrogate order by id').map((r) => r.sk), ['1-a', '2-b', '3-c'].map(md5));
    check(`${warehouse}: star (except kind)`, Object.keys(rows('select * from surrogate limit 1')[0]), ['sk', 'id', 'name', 'amount']);
    check(`${warehouse}: union_relations`, rows('select count(*) as n, count(kind) as kinds, count(sk) as keys from unioned').map((r) => [Number(r.n), Number(r.kinds), Number(r.keys)]), [[6, 3, 3]]);
    check(`${warehouse}: date_spine`, rows('select count(*) as n from spine').map((r) => Number(r.n)), [10]);
    check(`${warehouse}: pivot + get_column_values`, rows('select * from pivoted').map((r) => [Number(r.x), Number(r.y)]), [[40, 20]]);
  } catch (err) {
    failed = true;
    console.log(`FAIL  ${warehouse}: ${(err.stderr || err.message || String(err)).toString().split('\n').slice(-4).join(' ')}`);
  } finally {
    if (warehouse === 'postgres') {
      try {
        basin('query', `drop schema if exists ${schema} cascade`);
      } catch {}
    }
    rmSync(dir, { recursive: true, force: true });
  }
}
console.log(failed ? 'dbt_utils: some checks FAILED' : 'dbt_utils: every check passed on DuckDB and Postgres');
process.exitCode = failed ? 1 : 0;
