#!/usr/bin/env node
/**
 * Read speed of the postgres source alone (no loader, no warehouse): creates a
 * table of N rows (default 1,000,000; 9 columns: bigint key, int, numeric,
 * two texts, two timestamptz, boolean, a small jsonb object) and drains
 * `read()` of its stream, full refresh (no cursor) and incremental (cursor
 * `updated_at`, ties on it), printing rows/s and peak RSS.
 *
 *   npm run build && node bench/source-postgres-read.mjs [--rows N] [--chunk N] [--keep]
 *
 * Connects to PGHOST/PGPORT/PGUSER/PGDATABASE (default 127.0.0.1:5432, postgres, test).
 * The table lives in schema basin_bench_src and is reused when it has N rows.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { postgresSource } = await import(path.join(root, 'dist/ingest/sources/postgres/index.js'));
const { silentLogger } = await import(path.join(root, 'dist/core/logger.js'));

const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : dflt);
const rows = opt('--rows', 1_000_000);
const chunk = opt('--chunk', 20_000);
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

async function drain(label, streamSettings) {
  const source = postgresSource.create(postgresSource.configSchema.parse({ ...conn, chunk_size: chunk }), {
    projectDir: root,
    connection: 'bench',
    streams: { charges: streamSettings },
    logger: silentLogger,
  });
  const [stream] = await source.streams(new AbortController().signal);
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

console.log(`postgres source read(), chunk_size ${chunk}, node ${process.version}`);
await drain('full refresh (no cursor)', { table: `${schema}.charges` });
await drain('incremental (cursor updated_at)', { table: `${schema}.charges`, cursor: 'updated_at' });
if (!args.includes('--keep')) await admin.query(`DROP SCHEMA ${schema} CASCADE`);
await admin.end();
