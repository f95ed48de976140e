#!/usr/bin/env node
/**
 * Read speed of the postgres source alone (no loader, no warehouse): creates a
 * table of N rows (default 1,000,000; 9 columns: bigint key, int, numeric,
 * two texts, two timestamptz, boolean, a small jsonb object) and drains
 * `read()` of its stream, full refresh (no cursor) and incremental (cursor
 * `updated_at`, ties on it), printing rows/s and peak RSS.
 *
 * With `--load`, also end to end into a DuckDB file through the loader (as
 * `basin ingest` runs it: openStreamLoader, one commit per chunk): the
 * record path (what every stream took before the CSV spool), the CSV spool +
 * DuckDB read_csv fast path, for the table without its jsonb column (a query
 * stream) and for the whole table (jsonb keeps it on the record path).
 * `--only-load` skips the read()-alone runs; `--checkpoint-threshold 1GB`
 * sets DuckDB's automatic checkpoint threshold (default 16MB).
 *
 *   npm run build && node bench/source-postgres-read.mjs [--rows N] [--chunk N] [--keep] [--load | --only-load] [--checkpoint-threshold SIZE]
 *
 * Connects to PGHOST/PGPORT/PGUSER/PGDATABASE (default 127.0.0.1:5432, postgres, test).
 * The table lives in schema basin_bench_src and is reused when it has N rows.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { postgresSource } = await import(path.join(root, 'dist/ingest/sources/postgres/index.js'));
const { silentLogger } = await import(path.join(root, 'dist/core/logger.js'));
const { openStreamLoader } = await import(path.join(root, 'dist/ingest/loader/index.js'));
const { createDuckDbWarehouse } = await import(path.join(root, 'dist/warehouse/duckdb/index.js'));

const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : dflt);
const rows = opt('--rows', 1_000_000);
const chunk = opt('--chunk', 20_000);
/** DuckDB's WAL size that triggers a checkpoint (default 16MB), e.g. `--checkpoint-threshold 1GB`. */
const checkpointThreshold = args.includes('--checkpoint-threshold') ? args[args.indexOf('--checkpoint-threshold') + 1] : undefined;
const conn = {
  host: process.env.PGHOST ?? '127.0.0.1',
  port: Number(process.env.PGPORT ?? 5432),
  user: process.env.PGUSER ?? 'postgres',
  database: process.env.PGDATABASE ?? 'test',
};
const schema = 'basin_bench_src';

const admin = new pg.Client(conn);
await admin.connect();
const have = await admin
  .query(`SELECT count(*)::int AS n FROM ${schema}.charges`)
  .then((r) => r.rows[0].n)
  .catch(() => -1);
if (have !== rows) {
  const t = performance.now();
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
  await admin.query(`CREATE TABLE ${schema}.charges AS SELECT
      g::bigint AS id, (g % 1000)::int AS customer_id, round((g % 100000) / 100.0, 2)::numeric(12,2) AS amount,
      (ARRAY['paid','open','void'])[1 + g % 3] AS status, 'charge number ' || g AS description,
      timestamptz '2024-01-01' + g * interval '1 second' AS created_at,
      timestamptz '2024-01-01' + (g / 10) * interval '1 second' AS updated_at,
      (g % 2 = 0) AS livemode, jsonb_build_object('plan', 'p' || (g % 7), 'seats', g % 50) AS metadata
    FROM generate_series(1, ${rows}) g`);
  await admin.query(`ALTER TABLE ${schema}.charges ADD PRIMARY KEY (id)`);
  await admin.query(`CREATE INDEX ON ${schema}.charges (updated_at, id)`);
  await admin.query(`ANALYZE ${schema}.charges`);
  console.log(`created ${schema}.charges with ${rows} rows in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

/** The bench connection's one stream, `charges`, with these settings. */
async function openStream(streamSettings) {
  const source = postgresSource.create(postgresSource.configSchema.parse({ ...conn, chunk_size: chunk }), {
    projectDir: root,
    connection: 'bench',
    streams: { charges: streamSettings },
    logger: silentLogger,
  });
  const [stream] = await source.streams(new AbortController().signal);
  return stream;
}

async function drain(label, streamSettings) {
  const stream = await openStream(streamSettings);
  let n = 0;
  let batches = 0;
  let peak = 0;
  const t = performance.now();
  for await (const batch of stream.read({ state: undefined, fullRefresh: false, signal: new AbortController().signal, logger: silentLogger })) {
    n += batch.records.length;
    batches++;
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  const s = (performance.now() - t) / 1000;
  console.log(
    `${label.padEnd(34)} ${String(n).padStart(9)} rows  ${String(batches).padStart(4)} batches  ${s.toFixed(2).padStart(6)} s  ` +
      `${Math.round(n / s).toLocaleString('en-US').padStart(9)} rows/s  peak RSS ${Math.round(peak / 2 ** 20)} MB`,
  );
}

/** Peak RSS sampled every 20 ms (DuckDB's memory is in this process too). */
function rssSampler() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  return () => {
    clearInterval(timer);
    return Math.max(peak, process.memoryUsage().rss);
  };
}

/** Reads the stream into a fresh DuckDB file through the loader; `spool` offers the source a spool folder (CSV fast path). */
async function load(label, streamSettings, spool) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'basin-bench-pg-'));
  const spoolDir = path.join(dir, 'spool');
  fs.mkdirSync(spoolDir);
  global.gc?.();
  const wh = await createDuckDbWarehouse({ path: path.join(dir, 'bench.duckdb') }, { logger: silentLogger });
  if (checkpointThreshold) await wh.execute(`SET GLOBAL checkpoint_threshold = '${checkpointThreshold}'`);
  const stream = await openStream(streamSettings);
  const stop = rssSampler();
  const t = performance.now();
  const loader = await openStreamLoader({
    warehouse: wh, schema: 'raw', stream: stream.definition, loadId: 'bench', fullRefresh: false, spoolDir, logger: silentLogger,
  });
  let batches = 0;
  let files = 0;
  const context = { state: loader.initialState, fullRefresh: false, signal: new AbortController().signal, logger: silentLogger };
  for await (const batch of stream.read({ ...context, spoolDir: spool ? spoolDir : undefined })) {
    await loader.load(batch);
    batches++;
    if (batch.kind === 'file') files++;
  }
  const summary = await loader.finish('succeeded');
  const s = (performance.now() - t) / 1000;
  const peak = stop();
  const { rows } = await wh.query('SELECT count(*) AS n FROM raw.charges');
  await wh.close();
  fs.rmSync(dir, { recursive: true, force: true });
  const n = summary.rows;
  console.log(
    `${label.padEnd(44)} ${String(n).padStart(9)} rows  ${String(batches).padStart(4)} batches (${files} CSV)  ${s.toFixed(2).padStart(6)} s  ` +
      `${Math.round(n / s).toLocaleString('en-US').padStart(9)} rows/s  peak RSS ${Math.round(peak / 2 ** 20)} MB  (table: ${rows[0].n} rows)`,
  );
}

if (!args.includes('--only-load')) {
  console.log(`postgres source read(), chunk_size ${chunk}, node ${process.version}`);
  await drain('full refresh (no cursor)', { table: `${schema}.charges` });
  await drain('incremental (cursor updated_at)', { table: `${schema}.charges`, cursor: 'updated_at' });
}
if (args.includes('--load') || args.includes('--only-load')) {
  const flat = `SELECT id, customer_id, amount, status, description, created_at, updated_at, livemode FROM ${schema}.charges`;
  console.log(`postgres -> DuckDB file through the loader, chunk_size ${chunk}, checkpoint_threshold ${checkpointThreshold ?? 'default'}`);
  await load('no jsonb, replace: CSV spool + read_csv', { query: flat, primary_key: 'id' }, true);
  await load('no jsonb, merge on updated_at: CSV spool', { query: flat, primary_key: 'id', cursor: 'updated_at' }, true);
  await load('no jsonb, replace: record path (before)', { query: flat, primary_key: 'id' }, false);
  await load('whole table (jsonb), replace: record path', { table: `${schema}.charges` }, true);
}
if (!args.includes('--keep')) await admin.query(`DROP SCHEMA ${schema} CASCADE`);
await admin.end();
