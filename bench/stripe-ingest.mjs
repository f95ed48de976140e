#!/usr/bin/env node
/**
 * End-to-end speed of the Stripe connector: a sandbox at `--scale` (default
 * 20), `basin ingest` of stripe.customers, stripe.invoices (+ lines) and
 * stripe.charges into DuckDB, records/s (root records; child rows counted
 * apart). Also drains the same listings with plain fetch (no connector, no
 * loader) and drains the connector's read() without the loader, to show
 * which part is the bottleneck.
 *
 *   npm run build && node bench/stripe-ingest.mjs [--scale 20] [--rate 1000] [--page 100] [--in-process]
 *
 * The sandbox runs in its own Node process (`--in-process`: in this one,
 * where it competes with the connector and the loader for the event loop).
 *
 * `--rate` is the connector's rate_limit (requests/s). The sandbox has no
 * limit of its own; real Stripe allows 100 read requests/s in live mode (25 in
 * test mode), i.e. at most ~10,000 records/s per connection at 100 per page.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sandboxModule = path.join(root, 'dist/sandbox/index.js');
const { startSandbox, STRIPE_SANDBOX_KEY } = await import(sandboxModule);
const { main } = await import(path.join(root, 'dist/cli/main.js'));
const { stripeSource } = await import(path.join(root, 'dist/ingest/sources/stripe/index.js'));
const { silentLogger } = await import(path.join(root, 'dist/core/logger.js'));

const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : dflt);
const scale = opt('--scale', 20);
const rate = opt('--rate', 1000);
const page = opt('--page', 100);
const streams = ['customers', 'invoices', 'charges'];

class Capture extends Writable {
  text = '';
  _write(chunk, _enc, done) {
    this.text += chunk.toString();
    done();
  }
}

/** A sandbox in a child process (or in this one); resolves its Stripe base URL and a close(). */
async function sandboxProcess() {
  if (args.includes('--in-process')) {
    const sandbox = await startSandbox({ seed: 1, scale });
    return { base: sandbox.baseUrl('stripe'), close: () => sandbox.close() };
  }
  const code = `const { startSandbox } = await import(${JSON.stringify(sandboxModule)});
    const s = await startSandbox({ seed: 1, scale: ${scale} });
    process.stdout.write(s.baseUrl('stripe') + '\\n');
    process.stdin.resume(); process.stdin.on('end', () => s.close().then(() => process.exit(0)));`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['pipe', 'pipe', 'inherit'] });
  const [line] = await once(child.stdout, 'data');
  return { base: String(line).trim(), close: async () => { child.stdin.end(); await once(child, 'exit'); } };
}

const sandbox = await sandboxProcess();
const base = sandbox.base;
const dir = await mkdtemp(path.join(tmpdir(), 'basin-bench-stripe-'));
try {
  // The sandbox alone: the same listings, sequential pages, plain fetch.
  let raw = 0;
  const t0 = performance.now();
  for (const s of streams) {
    let after = '';
    for (;;) {
      const res = await fetch(`${base}/v1/${s}?limit=${page}${after ? `&starting_after=${after}` : ''}`, { headers: { authorization: `Bearer ${STRIPE_SANDBOX_KEY}` } });
      const body = await res.json();
      raw += body.data.length;
      if (!body.has_more) break;
      after = body.data.at(-1).id;
    }
  }
  const rawSeconds = (performance.now() - t0) / 1000;

  // The connector alone: read() drained, no loader.
  const source = stripeSource.create(
    stripeSource.configSchema.parse({ api_key: STRIPE_SANDBOX_KEY, base_url: base, start_date: '2022-06-01', rate_limit: rate, page_size: page }),
    { projectDir: dir, connection: 'stripe', streams: {}, logger: silentLogger },
  );
  let read = 0;
  const t2 = performance.now();
  for (const stream of await source.streams(new AbortController().signal)) {
    if (!streams.includes(stream.definition.name)) continue;
    for await (const batch of stream.read({ state: undefined, fullRefresh: false, signal: new AbortController().signal, logger: silentLogger })) read += batch.records.length;
  }
  const readSeconds = (performance.now() - t2) / 1000;

  await mkdir(path.join(dir, 'sources'));
  await writeFile(path.join(dir, 'basin.yml'), 'name: bench\nwarehouse:\n  type: duckdb\n  path: wh.duckdb\n');
  await writeFile(
    path.join(dir, 'sources/stripe.yml'),
    ['type: stripe', 'schema: stripe', 'config:', `  api_key: ${STRIPE_SANDBOX_KEY}`, `  base_url: ${base}`, '  start_date: 2022-06-01', `  rate_limit: ${rate}`, `  page_size: ${page}`, ''].join('\n'),
  );
  const stdout = new Capture();
  const stderr = new Capture();
  const t1 = performance.now();
  const code = await main([...(args.includes('--debug') ? ['--log-level', 'debug'] : []), 'ingest', ...streams.map((s) => `stripe.${s}`), '--project', dir, '--json'], { stdout, stderr, cwd: dir });
  const seconds = (performance.now() - t1) / 1000;
  if (code !== 0) throw new Error(`basin ingest failed (${code}): ${stderr.text}`);
  if (args.includes('--debug')) console.log(stderr.text.split('\n').filter((l) => /JavaScript|committed/.test(l)).slice(0, 6).join('\n'));
  const result = JSON.parse(stdout.text);
  let records = 0;
  let childRows = 0;
  for (const r of result.streams) {
    records += r.summary.rows;
    childRows += r.summary.childRows;
    console.log(`  ${r.stream.padEnd(10)} ${String(r.summary.rows).padStart(8)} records  ${String(r.summary.childRows).padStart(8)} child rows  ${r.seconds.toFixed(2)} s`);
  }
  const fmt = (n) => Math.round(n).toLocaleString('en-US');
  console.log(`stripe sandbox scale ${scale} (${args.includes('--in-process') ? 'in process' : 'own process'}), page ${page}, rate_limit ${rate}/s, node ${process.version}`);
  console.log(`sandbox alone (fetch, no connector): ${fmt(raw)} records in ${rawSeconds.toFixed(2)} s = ${fmt(raw / rawSeconds)} records/s`);
  console.log(`connector read() alone (no loader): ${fmt(read)} records in ${readSeconds.toFixed(2)} s = ${fmt(read / readSeconds)} records/s`);
  console.log(`basin ingest end to end into DuckDB: ${fmt(records)} records (+${fmt(childRows)} child rows) in ${seconds.toFixed(2)} s = ${fmt(records / seconds)} records/s`);
} finally {
  await sandbox.close();
  await rm(dir, { recursive: true, force: true });
}
