#!/usr/bin/env node
/**
 * Activation diff benchmark (uses the built dist/: run `npm run build` first).
 *
 * A model of N rows (default 1,000,000; 8 payload columns: text, double,
 * integer, boolean, timestamp, JSON) in a DuckDB file, all of it delivered
 * once (the state is filled from a first plan in SQL: setup, not timed), then
 * the model rebuilt (CREATE OR REPLACE, as a transform does) with 1 % of its
 * rows changed. Timed:
 *   - the first diff (every row an add), for reference;
 *   - the diff with 1 % changed rows (target <= 3 s on a 2-core machine);
 *   - reading that plan in batches of 1,000;
 *   - recording 10,000 outcomes (1 % of them failures) into the state.
 *
 *   node bench/activation-diff.mjs [--rows 1000000] [--changed 0.01] [--results 10000] [--memory]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { computeDiff, readPlan, recordOutcomes } = await import(path.join(root, 'dist/activate/diff/index.js'));
const { createDuckDbWarehouse } = await import(path.join(root, 'dist/warehouse/duckdb/index.js'));
const { silentLogger } = await import(path.join(root, 'dist/core/logger.js'));

const argv = process.argv.slice(2);
const arg = (name, def) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : def;
};
const rows = arg('rows', 1_000_000);
const changedShare = arg('changed', 0.01);
const results = arg('results', 10_000);
const inMemory = argv.includes('--memory');

const dir = mkdtempSync(path.join(tmpdir(), 'basin-bench-activate-'));
const wh = await createDuckDbWarehouse({ path: inMemory ? ':memory:' : path.join(dir, 'bench.duckdb'), threads: 2 }, { logger: silentLogger });
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
/** The model as a transform builds it: `changedEvery` > 0 bumps mrr of every changedEvery-th row. */
const model = (changedEvery) => `CREATE OR REPLACE TABLE analytics.customer_health AS
  SELECT i AS customer_id,
         'user' || i || '@example.com' AS email,
         'Customer ' || i AS name,
         (['free', 'pro', 'team', 'enterprise'])[1 + i % 4] AS plan,
         round((i % 10000) * 1.37, 2) + ${changedEvery > 0 ? `CASE WHEN i % ${changedEvery} = 7 THEN 1 ELSE 0 END` : '0'} AS mrr,
         CAST(i % 500 AS INTEGER) AS seats,
         i % 3 = 0 AS churn_risk,
         TIMESTAMP '2026-01-01 00:00:00' + to_seconds(i) AS last_seen_at,
         CAST('{"score": ' || (i % 100) || ', "tags": ["a", "b"]}' AS JSON) AS traits
  FROM range(${rows}) AS t(i)`;
const time = async (fn) => {
  const started = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - started };
};

try {
  await wh.execute([
    'CREATE SCHEMA analytics',
    model(0),
  ]);
  const spec = {
    sync: 'customer_health_crm',
    source: { relation: { schema: 'analytics', name: 'customer_health' } },
    key: ['customer_id'],
    payload: [
      { column: 'email', field: 'email' },
      { column: 'name', field: 'name' },
      { column: 'plan', field: 'plan' },
      { column: 'mrr', field: 'mrr' },
      { column: 'seats', field: 'seats' },
      { column: 'churn_risk', field: 'churn_risk' },
      { column: 'last_seen_at', field: 'last_seen_at' },
      { column: 'traits', field: 'traits' },
    ],
    mode: 'mirror',
  };
  const opts = { logger: silentLogger };

  const first = await time(() => computeDiff(wh, spec, opts));
  console.log(`first diff, ${rows.toLocaleString('en')} rows, all adds: ${seconds(first.ms)} (${JSON.stringify(first.value.counts)})`);

  // Setup (not timed): everything in the first plan counts as delivered.
  await wh.execute(
    `INSERT INTO _basin_activate.customer_health_crm (key, delivered_hash, delivered_at, attempts, updated_at, run_id)
     SELECT _basin_key, _basin_hash, CURRENT_TIMESTAMP, 0, CURRENT_TIMESTAMP, 'setup' FROM _basin_activate.customer_health_crm__plan`,
  );
  const noop = await time(() => computeDiff(wh, spec, opts));
  console.log(`diff with nothing changed: ${seconds(noop.ms)} (${JSON.stringify(noop.value.counts)})`);

  const every = Math.round(1 / changedShare);
  await wh.execute(model(every)); // the model rebuilt with 1 % of its rows changed
  const changed = await time(() => computeDiff(wh, spec, opts));
  console.log(`diff with ${(changedShare * 100).toFixed(1)} % changed rows: ${seconds(changed.ms)} (${JSON.stringify(changed.value.counts)}) target <= 3 s`);
  console.log(`  steps (ms): ${JSON.stringify(changed.value.stepsMs)}`);

  const read = await time(async () => {
    const planRows = [];
    for await (const batch of readPlan(wh, spec, { batchSize: 1000 })) planRows.push(...batch.rows);
    return planRows;
  });
  console.log(`reading the plan (${read.value.length.toLocaleString('en')} rows, batches of 1,000): ${seconds(read.ms)}`);

  const outcomes = read.value.slice(0, results).map((r, i) => ({ key: r.key, op: r.op, hash: r.hash, ok: i % 100 !== 0, error: i % 100 === 0 ? 'HTTP 429' : undefined }));
  const recorded = await time(() => recordOutcomes(wh, spec.sync, outcomes, { runId: 'bench', logger: silentLogger }));
  console.log(`recording ${outcomes.length.toLocaleString('en')} outcomes: ${seconds(recorded.ms)} (${JSON.stringify(recorded.value)})`);

  const after = await time(() => computeDiff(wh, spec, opts));
  console.log(`diff after recording (failures come back): ${seconds(after.ms)} (${JSON.stringify(after.value.counts)})`);
  console.log(`node ${process.version}, ${inMemory ? 'in-memory' : 'file'} DuckDB, threads 2, ${new Date().toISOString()}`);
} finally {
  await wh.close();
  rmSync(dir, { recursive: true, force: true });
}
