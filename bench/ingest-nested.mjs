#!/usr/bin/env node
/**
 * Ingest benchmark (uses the built dist/: run `npm run build` first).
 *
 * 1 M nested Stripe-like records (~324 B: an object two levels deep, an array
 * of 1-2 items) in JSONL -> an on-disk DuckDB root table + child table,
 * (a) through Basin's loader (FileBatch), (b) by DuckDB itself flattening the
 * same file in SQL (read_json_auto + UNNEST), each in its own process, same
 * run. Prints times, the ratio and each process's peak RSS.
 *
 *   node bench/ingest-nested.mjs [--n 1000000] [--fast-path auto|off]
 *
 * `--fast-path off` makes the loader parse and flatten in JavaScript (the
 * path Postgres takes) instead of DuckDB SQL.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const argv = process.argv.slice(2);
const arg = (name, def) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : def;
};

async function generate(path, n) {
  const out = createWriteStream(path);
  const plans = ['free', 'pro', 'team', 'enterprise'];
  const regions = ['eu-west', 'us-east', 'ap-south'];
  let buf = '';
  for (let i = 0; i < n; i++) {
    const items = [{ id: `li_${i}_0`, price: 1000 + (i % 97) * 10, quantity: 1 + (i % 3) }];
    if (i % 2) items.push({ id: `li_${i}_1`, price: 250 + (i % 13), quantity: 1 });
    const r = {
      id: `ch_${String(i).padStart(10, '0')}`,
      amount: 1000 + (i % 5000),
      currency: 'usd',
      created: 1700000000 + i,
      paid: i % 10 !== 0,
      status: i % 10 ? 'succeeded' : 'failed',
      customer: { id: `cus_${String(i % 50000).padStart(8, '0')}`, email: `user${i % 50000}@example.io`, metadata: { plan: plans[i % 4], region: regions[i % 3] } },
      items,
      description: `Order ${i}`,
    };
    buf += JSON.stringify(r) + '\n';
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise((res) => out.once('drain', res));
      buf = '';
    }
  }
  await new Promise((res) => out.end(buf, res));
}

async function loaderRun(file, db) {
  const dist = new URL('../dist/', import.meta.url);
  const { createDuckDbWarehouse } = await import(new URL('warehouse/duckdb/index.js', dist));
  const { openStreamLoader } = await import(new URL('ingest/loader/index.js', dist));
  const { silentLogger } = await import(new URL('core/logger.js', dist));
  const wh = await createDuckDbWarehouse({ path: db }, { logger: silentLogger });
  const started = performance.now();
  const loader = await openStreamLoader({
    warehouse: wh,
    schema: 'stripe',
    stream: { name: 'charges', primaryKey: ['id'], write: 'append' },
    loadId: 'bench',
    fullRefresh: false,
    spoolDir: tmpdir(),
    logger: silentLogger,
    fastPath: arg('fast-path', 'auto'),
  });
  const r = await loader.load({ kind: 'file', format: 'jsonl', path: file, state: { file: 'done' } });
  await loader.finish('succeeded');
  await wh.execute('CHECKPOINT');
  const seconds = (performance.now() - started) / 1000;
  await wh.close();
  return { seconds, rows: r.rows, childRows: r.childRows };
}

async function duckdbRun(file, db) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const inst = await DuckDBInstance.create(db);
  const c = await inst.connect();
  const started = performance.now();
  const f = `'${file}'`;
  await c.run('CREATE SCHEMA stripe');
  await c.run(
    `CREATE TABLE stripe.charges AS SELECT id, amount, currency, created, paid, status, customer.id AS customer__id, customer.email AS customer__email, ` +
      `customer.metadata.plan AS customer__metadata__plan, customer.metadata.region AS customer__metadata__region, description FROM read_json_auto(${f})`,
  );
  await c.run(`CREATE TABLE stripe.charges__items AS SELECT id AS parent_id, UNNEST(items, recursive := true) FROM read_json_auto(${f})`);
  await c.run('CHECKPOINT');
  const seconds = (performance.now() - started) / 1000;
  const rows = Number((await c.runAndReadAll('SELECT count(*) FROM stripe.charges')).getRows()[0][0]);
  const childRows = Number((await c.runAndReadAll('SELECT count(*) FROM stripe.charges__items')).getRows()[0][0]);
  c.disconnectSync();
  inst.closeSync();
  return { seconds, rows, childRows };
}

const role = arg('role');
if (role) {
  const result = role === 'loader' ? await loaderRun(arg('file'), arg('db')) : await duckdbRun(arg('file'), arg('db'));
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ ...result, peakRssMb }) + '\n');
} else {
  const n = Number(arg('n', '1000000'));
  const dir = mkdtempSync(join(tmpdir(), 'basin-bench-ingest-'));
  try {
    const file = join(dir, 'charges.jsonl');
    await generate(file, n);
    const size = statSync(file).size;
    console.log(`${n} records, ${(size / n).toFixed(0)} B/record, ${(size / 1e6).toFixed(0)} MB`);
    const child = (r) => {
      const args = ['--role', r, '--file', file, '--db', join(dir, `${r}.duckdb`), '--fast-path', arg('fast-path', 'auto')];
      const res = spawnSync(process.execPath, [fileURLToPath(import.meta.url), ...args], { encoding: 'utf8' });
      if (res.status !== 0) throw new Error(`${r} failed: ${res.stderr}`);
      return JSON.parse(res.stdout.trim().split('\n').pop());
    };
    const sql = child('duckdb-sql');
    const loader = child('loader');
    const fmt = (x) => `${x.seconds.toFixed(2)} s, ${x.rows} rows + ${x.childRows} child rows, peak RSS ${x.peakRssMb.toFixed(0)} MB`;
    console.log(`DuckDB SQL flatten + UNNEST: ${fmt(sql)}`);
    console.log(`Basin loader (FileBatch):    ${fmt(loader)}`);
    console.log(`ratio loader / DuckDB: ${(loader.seconds / sql.seconds).toFixed(2)}x (target <= 1.3x); loader peak RSS ${loader.peakRssMb.toFixed(0)} MB (target <= 600 MB)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
