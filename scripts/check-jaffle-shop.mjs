#!/usr/bin/env node
/**
 * Compatibility check (not in CI, which cannot fetch): dbt-labs' jaffle_shop_duckdb,
 * cloned and built UNMODIFIED with Basin (`basin build`), must give dbt-duckdb's
 * results: 3 seeds, 5 models, 20 tests passing, 100 customers, 99 orders, total
 * customer lifetime value 1,672.
 *
 *   npm run build && node scripts/check-jaffle-shop.mjs [git URL or path]
 *   (default https://github.com/dbt-labs/jaffle_shop_duckdb)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = process.argv[2] ?? 'https://github.com/dbt-labs/jaffle_shop_duckdb';
const dir = mkdtempSync(path.join(tmpdir(), 'basin-jaffle-'));
const basin = (...args) => execFileSync(process.execPath, [path.join(root, 'bin', 'basin.js'), ...args, '--project', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
let failed = false;
const check = (what, actual, expected) => {
  const ok = JSON.stringify(actual) === JSON.stringify(expected);
  if (!ok) failed = true;
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${what}: ${JSON.stringify(actual)}${ok ? '' : ` (dbt-duckdb: ${JSON.stringify(expected)})`}`);
};
try {
  execFileSync('git', ['clone', '--quiet', '--depth', '1', source, dir], { stdio: 'inherit' });
  const build = JSON.parse(basin('build', '--json'));
  const by = (type, status) => build.results.filter((r) => r.unique_id.startsWith(`${type}.`) && (status === undefined || r.status === status)).length;
  check('seeds built', by('seed', 'success'), 3);
  check('models built', by('model', 'success'), 5);
  check('tests passed', by('test', 'pass'), 20);
  const [row] = JSON.parse(
    basin('query', 'select (select count(*) from customers) as customers, (select count(*) from orders) as orders, (select sum(customer_lifetime_value) from customers) as clv', '--json'),
  );
  check('customers', row.customers, 100);
  check('orders', row.orders, 99);
  check('total customer lifetime value', Number(row.clv), 1672);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(failed ? 'jaffle_shop_duckdb: DIFFERENT from dbt-duckdb' : 'jaffle_shop_duckdb: same results as dbt-duckdb');
process.exitCode = failed ? 1 : 0;
