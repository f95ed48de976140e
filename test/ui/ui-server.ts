/**
 * A `basin serve` (in process) on a small project for the UI tests: a files
 * connection with catalog fields, a secret-holding connection that is never
 * ingested, a seed, two documented models with tests, and jobs; or any
 * project after `basin build` (startBuiltServer). Builds dist/ui first when it is missing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Writable } from 'node:stream';
import path from 'node:path';
import { runServe } from '../../src/cli/commands/serve.js';
import { silentLogger } from '../../src/core/logger.js';
import { basin, REPO_ROOT, tempDir, writeFiles } from '../support/cli-harness.js';
import { until } from '../support/serve-process.js';

/** The value of the connection secret that must never reach the API. */
export const SECRET = 'sk_test_ui_catalog_secret_4242';

const PROJECT: Record<string, string> = {
  'basin.yml': [
    'name: ui_shop',
    'warehouse:',
    '  type: duckdb',
    '  path: wh.duckdb',
    'jobs:',
    '  load_shop:',
    '    select: [countries, "source:shop+"]',
    '  broken:',
    '    select: [broken_refunds]',
    '  slow:',
    '    select: [slow_count]',
    '  nightly:',
    '    select: [order_totals]',
    '    schedule: "0 3 * * *"',
    '',
  ].join('\n'),
  'sources/shop.yml': [
    'type: files',
    'schema: shop',
    'pipeline: Basin ingest of the shop exports',
    'audience: finance',
    'owner: data-team',
    'notes: Exported nightly by the shop; refunds arrive a day late.',
    'streams:',
    '  orders:',
    '    path: data/orders.csv',
    '',
  ].join('\n'),
  'sources/billing.yml': ['type: stripe', 'schema: stripe', 'pipeline: Stripe API', 'audience: finance', 'owner: finance-ops', 'config:', '  api_key: ${env:UI_TEST_STRIPE_KEY}', ''].join('\n'),
  'data/orders.csv': 'id,country,amount\n1,FR,10\n2,DE,20\n3,FR,5\n',
  'seeds/countries.csv': 'code,name\nFR,France\nDE,Germany\n',
  'models/schema.yml': [
    'version: 2',
    'sources:',
    '  - name: shop',
    '    tables:',
    '      - name: orders',
    '        description: One row per order, as exported by the shop.',
    'models:',
    '  - name: order_totals',
    '    description: Revenue per country, the lifetime sum of order amounts.',
    '    columns:',
    '      - name: country_name',
    '        description: The country name from the countries seed.',
    '        tests: [not_null, unique]',
    '      - name: revenue',
    '        description: Sum of order amounts in euros.',
    '  - name: big_orders',
    '    description: Orders of 10 euros or more.',
    '',
  ].join('\n'),
  'models/order_totals.sql': [
    "{{ config(materialized='table') }}",
    'select c.name as country_name, sum(cast(o.amount as integer)) as revenue',
    "from {{ source('shop', 'orders') }} o join {{ ref('countries') }} c on c.code = o.country",
    'group by 1',
    '',
  ].join('\n'),
  'models/broken_refunds.sql': 'select * from refunds_that_do_not_exist\n',
  'models/slow_count.sql': "{{ config(materialized='table') }}\nselect count(*) as n from range(100000000000) a\n",
  'models/big_orders.sql': "select * from {{ source('shop', 'orders') }} where cast(amount as integer) >= 10\n",
};

/** A running UI test server. */
export interface UiServer {
  base: string;
  /** The API token when the server requires one, else undefined. */
  token: string | undefined;
  stop(): Promise<void>;
}

/** Builds dist/ui when it is missing (npm run build builds it too). */
export function ensureUiBuilt(): void {
  if (!existsSync(path.join(REPO_ROOT, 'dist', 'ui', 'index.html'))) execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build-ui.mjs')], { stdio: 'ignore' });
}

/**
 * The token the server printed on its first start, when it requires one:
 * the first `basin_...` word of its output; else the token it wrote for the
 * CLI in .basin/server.json.
 */
async function serverToken(output: string, dir: string): Promise<string | undefined> {
  const printed = /\b(basin_[A-Za-z0-9_-]{12,})\b/.exec(output)?.[1];
  if (printed) return printed;
  try {
    const file = JSON.parse(await readFile(path.join(dir, '.basin', 'server.json'), 'utf8')) as { token?: unknown };
    return typeof file.token === 'string' ? file.token : undefined;
  } catch {
    return undefined;
  }
}

/** CLI streams keeping both outputs (the first start prints the token on stdout, the URL on stderr). */
function capturingIo(cwd: string): { io: { cwd: string; stdout: Writable; stderr: Writable }; output: () => string } {
  let text = '';
  const sink = () =>
    new Writable({
      write(chunk: Buffer, _e, done) {
        text += chunk.toString();
        done();
      },
    });
  return { io: { cwd, stdout: sink(), stderr: sink() }, output: () => text };
}

/** `basin serve` in process on the project in `dir` (`cleanup` removes it once the server stopped), with the token it requires. */
async function serveProject(dir: string, cleanup: () => Promise<void>, env: NodeJS.ProcessEnv): Promise<UiServer> {
  const { io, output } = capturingIo(dir);
  const url = () => until('the server', async () => /on (http:\/\/127\.0\.0\.1:\d+)/.exec(output())?.[1], 30_000);
  const controller = new AbortController();
  const served = runServe({ project: dir, port: '0', env }, io, silentLogger, controller.signal);
  served.catch(() => undefined);
  const stop = async () => {
    controller.abort();
    await served.catch(() => undefined);
    await cleanup();
  };
  try {
    const base = await Promise.race([url(), served.then(() => Promise.reject(new Error(`basin serve stopped: ${output()}`)))]);
    const probe = await fetch(`${base}/api/jobs`);
    const token = probe.status === 401 ? await serverToken(output(), dir) : undefined;
    if (probe.status === 401 && !token) throw new Error(`the server requires a token and gave none that the test recognises:\n${output()}`);
    return { base, token, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Starts the server on a fresh copy of the project and loads the shop once (job load_shop). */
export async function startUiServer(): Promise<UiServer> {
  ensureUiBuilt();
  const { dir, cleanup } = await tempDir('basin-ui-');
  await writeFiles(dir, PROJECT);
  const server = await serveProject(dir, cleanup, { ...process.env, UI_TEST_STRIPE_KEY: SECRET });
  try {
    const { base, token } = server;
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    const started = await fetch(`${base}/api/jobs/load_shop/run`, { method: 'POST', headers });
    const { run_id: runId } = (await started.json()) as { run_id: string };
    await until('the first load', async () => {
      const run = (await (await fetch(`${base}/api/runs/${runId}`, { headers })).json()) as { status: string };
      if (run.status === 'failed') throw new Error(`the first load failed: ${JSON.stringify(run)}`);
      return run.status === 'succeeded' ? true : undefined;
    });
    return server;
  } catch (err) {
    await server.stop();
    throw err;
  }
}

/** `basin build` on a fresh folder holding `files`, then `basin serve` in process on it. */
export async function startBuiltServer(files: Record<string, string>, prefix: string): Promise<UiServer> {
  ensureUiBuilt();
  const { dir, cleanup } = await tempDir(prefix);
  await writeFiles(dir, files);
  const built = await basin(['build'], dir);
  if (built.code !== 0) {
    await cleanup();
    throw new Error(`basin build failed:\n${built.stdout}\n${built.stderr}`);
  }
  return serveProject(dir, cleanup, { ...process.env });
}

/** The hashed script file dist/ui/index.html loads. */
export function builtScript(): string {
  const html = readFileSync(path.join(REPO_ROOT, 'dist', 'ui', 'index.html'), 'utf8');
  const m = /src="(\/assets\/[^"]+\.js)"/.exec(html);
  if (!m?.[1]) throw new Error('dist/ui/index.html loads no script');
  return m[1];
}
