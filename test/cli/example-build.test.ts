import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { basin, copyExample, postgresWarehouseYaml, uniqueSchema } from '../support/cli-harness.js';
import { dropSchemas } from '../support/postgres.js';

interface JsonRun {
  success: boolean;
  results: Array<{ unique_id: string; status: string; message: string; rows_affected: number | null }>;
}

const byId = (run: JsonRun, id: string) => run.results.find((r) => r.unique_id === id);

async function buildTwice(dir: string): Promise<[JsonRun, JsonRun]> {
  const first = await basin(['build', '--project', dir, '--json']);
  expect(first.stderr).not.toMatch(/Unexpected error/);
  expect(first.code, first.stdout + first.stderr).toBe(0);
  const second = await basin(['build', '--project', dir, '--json']);
  expect(second.code, second.stdout + second.stderr).toBe(0);
  return [JSON.parse(first.stdout) as JsonRun, JSON.parse(second.stdout) as JsonRun];
}

function expectExampleResults(first: JsonRun, second: JsonRun): void {
  for (const run of [first, second]) {
    expect(run.success).toBe(true);
    const statuses = new Set(run.results.map((r) => r.status));
    expect([...statuses].every((s) => ['success', 'pass', 'warn'].includes(s))).toBe(true);
  }
  expect(first.results.length).toBeGreaterThan(25);
  // Seeds, views, tables, the incremental model and the snapshot all ran.
  expect(byId(first, 'seed.saas.raw_events')?.rows_affected).toBe(1804);
  expect(byId(first, 'model.saas.fct_events')?.message).toMatch(/^SELECT \d+/);
  expect(byId(second, 'model.saas.fct_events')?.message).toBe('MERGE 0');
  expect(byId(first, 'snapshot.saas.subscriptions_snapshot')?.message).toBe('SELECT 39');
  expect(byId(second, 'snapshot.saas.subscriptions_snapshot')?.message).toBe('INSERT 0');
  // The warn-severity test on invoice statuses warns without failing the build.
  const warned = first.results.find((r) => r.unique_id.startsWith('test.saas.accepted_values_stg_invoices_status'));
  expect(warned?.status).toBe('warn');
}

describe('the example project builds twice', () => {
  it('on DuckDB, writing dbt artifacts', async () => {
    const { dir, cleanup } = await copyExample('saas');
    try {
      const [first, second] = await buildTwice(dir);
      expectExampleResults(first, second);
      const manifest = JSON.parse(await readFile(path.join(dir, 'target/manifest.json'), 'utf8'));
      expect(manifest.metadata.dbt_schema_version).toMatch(/manifest\/v12/);
      expect(manifest.nodes['model.saas.dim_customers'].depends_on.nodes).toContain('model.saas.stg_customers');
      const results = JSON.parse(await readFile(path.join(dir, 'target/run_results.json'), 'utf8'));
      expect(results.results.length).toBe(second.results.length);
      const compiled = await readFile(path.join(dir, 'target/compiled/saas/models/marts/dim_customers.sql'), 'utf8');
      expect(compiled).toContain('__dbt__cte__int_customer_activity as (');
      const q = await basin(['query', 'select plan, count(*) as n from dim_customers group by plan order by plan', '--project', dir, '--json']);
      expect(q.code).toBe(0);
      const rows = JSON.parse(q.stdout) as Array<{ plan: string; n: number }>;
      expect(rows.reduce((a, r) => a + r.n, 0)).toBe(60);
    } finally {
      await cleanup();
    }
  });

  const pgSchema = uniqueSchema('basin_example');
  afterAll(() => dropSchemas(pgSchema));
  it('on Postgres', async () => {
    const { dir, cleanup } = await copyExample('saas');
    try {
      const yml = await readFile(path.join(dir, 'basin.yml'), 'utf8');
      await writeFile(
        path.join(dir, 'basin.yml'),
        yml.replace(/warehouse:\n  type: duckdb\n  path: warehouse.duckdb\nschema: main\n/, postgresWarehouseYaml(pgSchema)),
      );
      const [first, second] = await buildTwice(dir);
      expectExampleResults(first, second);
      const q = await basin(['query', `select count(*) as n from pg_tables where schemaname = '${pgSchema}'`, '--project', dir, '--json']);
      expect(q.code, q.stderr).toBe(0);
      expect((JSON.parse(q.stdout) as Array<{ n: number }>)[0]?.n).toBeGreaterThanOrEqual(8);
    } finally {
      await cleanup();
    }
  });
});
