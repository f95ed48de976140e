#!/usr/bin/env node
/**
 * Catalog page benchmark (uses bin/basin.js and dist/ui: run `npm run bundle`
 * and `node scripts/build-ui.mjs` first).
 *
 * On the generated project of bench/ui-bench-support.mjs (default 1,000
 * models), built once with `basin pipeline` so the catalog has row counts,
 * columns and last runs, starts `basin serve`, waits for GET /api/catalog,
 * then R times (default 5) in a fresh headless Chromium context: navigation
 * to /catalog → the models table drawn and painted (timed in the page), and a search typed → the table narrowed to the
 * matching model (timed by the driver). Prints best and median.
 *
 *   node bench/ui-catalog.mjs [--models 1000] [--layers 10] [--runs 5]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generate, launchChromium, machineLine, median, root, serverToken, startServe, tearDown } from './ui-bench-support.mjs';

const argv = process.argv.slice(2);
const arg = (name, def) => (argv.includes(`--${name}`) ? Number(argv[argv.indexOf(`--${name}`) + 1]) : def);
const models = arg('models', 1000);
const layers = arg('layers', 10);
const runs = arg('runs', 5);

/**
 * In the page: when the models table has its rows (React attaches the
 * handlers at that commit), the next painted frame is the time recorded.
 */
const PROBE = `(() => {
  const check = () => {
    if (window.__interactive || window.__pending) return;
    if (!document.querySelector('[data-testid="asset-table"] tbody tr a')) return;
    window.__pending = true;
    requestAnimationFrame(() => requestAnimationFrame(() => { window.__interactive = performance.now(); }));
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
})();`;

const dir = mkdtempSync(path.join(tmpdir(), 'basin-catalog-bench-'));
let server;
let browser;
try {
  generate(dir, { models, layers, name: 'catalog_bench' });
  const built = spawnSync(process.execPath, [path.join(root, 'bin', 'basin.js'), 'pipeline', '--project', dir], { cwd: dir, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`basin pipeline failed:\n${built.stderr.slice(-2000)}`);
  const started = performance.now();
  server = startServe(dir);
  const base = await server.url;
  const token = await serverToken(base, server);
  const headers = token ? { authorization: `Bearer ${token}` } : {};
  const catalog = await (await fetch(`${base}/api/catalog`, { headers })).json();
  const ready = performance.now() - started;
  const t0 = performance.now();
  const bytes = (await (await fetch(`${base}/api/catalog`, { headers })).arrayBuffer()).byteLength;
  const cachedMs = performance.now() - t0;

  browser = await launchChromium();
  const interactive = [];
  const driver = [];
  const searches = [];
  for (let r = 0; r < runs; r++) {
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    if (token) await context.addInitScript(`localStorage.setItem('basin.token', ${JSON.stringify(token)})`);
    await context.addInitScript(PROBE);
    const page = await context.newPage();
    page.on('pageerror', (err) => process.stderr.write(`page error: ${err.message}\n`));
    const t = performance.now();
    await page.goto(`${base}/catalog`);
    interactive.push(await page.waitForFunction('window.__interactive', undefined, { timeout: 60_000 }).then((h) => h.jsonValue()));
    driver.push(performance.now() - t);
    // A search for one model narrows the table to it.
    const s = performance.now();
    await page.fill('input[type="search"]', 'm0777');
    await page.waitForFunction(`(() => { const rows = document.querySelectorAll('[data-testid="asset-table"] tbody tr'); return rows.length >= 1 && rows.length <= 3 && rows[0].textContent.includes('m0777'); })()`, undefined, { timeout: 30_000 });
    searches.push(performance.now() - s);
    await context.close();
  }
  const fmt = (x) => `${Math.round(x)} ms`;
  process.stdout.write(
    [
      `project: ${models} models in ${layers} layers, built (${catalog.assets?.length ?? '?'} catalog entries, ${catalog.connections?.length ?? '?'} connections); ${Math.round(bytes / 1024)} KiB of JSON`,
      `serve: first /api/catalog answered after ${fmt(ready)}; cached answer ${fmt(cachedMs)}`,
      `navigation → models table drawn and painted (page clock): ${interactive.map(fmt).join(', ')}  (best ${fmt(Math.min(...interactive))}, median ${fmt(median(interactive))}; target ≤ 1500 ms)`,
      `the same seen by the Playwright driver: ${driver.map(fmt).join(', ')}  (median ${fmt(median(driver))})`,
      `search typed → table narrowed to the model (driver): ${searches.map(fmt).join(', ')}  (median ${fmt(median(searches))})`,
      machineLine(),
      '',
    ].join('\n'),
  );
} finally {
  await tearDown({ browser, server, dir });
}
