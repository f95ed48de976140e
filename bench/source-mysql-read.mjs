#!/usr/bin/env node
/**
 * Read speed of the mysql source alone (no loader): creates a MariaDB table
 * of N rows (default 1,000,000; the same 9 columns as
 * source-postgres-read.mjs, JSON for jsonb) and drains `read()`, full refresh
 * and incremental on `updated_at`, printing rows/s and peak RSS.
 *
 *   npm run build && node bench/source-mysql-read.mjs [--rows N] [--chunk N] [--keep]
 *
 * Connects to MYSQL_HOST/MYSQL_PORT/MYSQL_USER (default 127.0.0.1:3306, root),
 * database basin_bench_src (needs MariaDB's sequence engine for the data).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { mysqlSource } = await import(path.join(root, 'dist/ingest/sources/mysql/index.js'));
const { silentLogger } = await import(path.join(root, 'dist/core/logger.js'));

const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : dflt);
const rows = opt('--rows', 1_000_000);
const chunk = opt('--chunk', 20_000);
const conn = {
  host: process.env.MYSQL_HOST ?? '127.0.0.1',
  port: Number(process.env.MYSQL_PORT ?? 3306),
  user: process.env.MYSQL_USER ?? 'root',
};
const db = 'basin_bench_src';

const admin = await mysql.createConnection(conn);
await admin.query(`CREATE DATABASE IF NOT EXISTS ${db}`);
await admin.query(`USE ${db}`);
const have = await admin
  .query('SELECT count(*) AS n FROM charges')
  .then(([r]) => Number(r[0].n))
  .catch(() => -1);
if (have !== rows) {
  const t = performance.now();
  await admin.query('DROP TABLE IF EXISTS charges');
  await admin.query(`CREATE TABLE charges (id BIGINT PRIMARY KEY, customer_id INT, amount DECIMAL(12,2), status VARCHAR(10),
    description VARCHAR(40), created_at TIMESTAMP(6) NULL, updated_at DATETIME(6), livemode BOOLEAN, metadata JSON,
    KEY (updated_at, id))`);
  await admin.query(`INSERT INTO charges SELECT seq, seq % 1000, (seq % 100000) / 100, ELT(1 + seq % 3, 'paid', 'open', 'void'),
    CONCAT('charge number ', seq), TIMESTAMP('2024-01-01') + INTERVAL seq SECOND, TIMESTAMP('2024-01-01') + INTERVAL (seq DIV 10) SECOND,
    seq % 2 = 0, JSON_OBJECT('plan', CONCAT('p', seq % 7), 'seats', seq % 50) FROM seq_1_to_${rows}`);
  console.log(`created ${db}.charges with ${rows} rows in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

async function drain(label, streamSettings) {
  const source = mysqlSource.create(mysqlSource.configSchema.parse({ ...conn, database: db, chunk_size: chunk }), {
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

console.log(`mysql source read(), chunk_size ${chunk}, node ${process.version}`);
await drain('full refresh (no cursor)', { table: 'charges' });
await drain('incremental (cursor updated_at)', { table: 'charges', cursor: 'updated_at' });
if (!args.includes('--keep')) await admin.query(`DROP DATABASE ${db}`);
await admin.end();
