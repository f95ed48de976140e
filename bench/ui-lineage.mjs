#!/usr/bin/env node
/**
 * Lineage page benchmark (uses bin/basin.js and dist/ui: run `npm run bundle`
 * and `node scripts/build-ui.mjs` first).
 *
 * Generates a project of N models (default 1,000) in L layers (default 10),
 * each model reading 1-3 models of earlier layers (layer 0 reads the dbt
 * sources of 4 `files` connections), a not_null test on every 4th model;
 * starts `basin serve` on it, waits until GET /api/lineage answers (the
 * server lays the whole graph out with ELK at startup) and prints how long
 * that took. Then, R times (default 3) in a fresh headless Chromium context:
 * navigation to /lineage → graph drawn, a node clickable and a zoom step
 * applied, in ms (timed in the page, and as the Playwright driver sees it);
 * the median frame time of a 30-step drag (pan).
 * Prints best and median.
 *
 * With --screenshots, the last run also saves test-artifacts/ui/lineage-1000-fit.png
 * (the whole graph) and lineage-1000-zoomed.png (zoomed in on its centre).
 *
 *   node bench/ui-lineage.mjs [--models 1000] [--layers 10] [--runs 3] [--screenshots]
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generate, launchChromium, machineLine, median, printedToken, root, startServe, tearDown } from './ui-bench-support.mjs';
const argv = process.argv.slice(2);
const arg = (name, def) => (argv.includes(`--${name}`) ? Number(argv[argv.indexOf(`--${name}`) + 1]) : def);
const models = arg('models', 1000);
const layers = arg('layers', 10);
const runs = arg('runs', 3);

/**
 * Runs in the page: when the Lineage page marks the graph drawn, checks that
 * a node is what the mouse would hit at its center, clicks "zoom in", waits
 * until the zoom is applied and the next frame painted, and records when
 * (ms since navigation start, the page's clock) in window.__interactive.
 */
const PROBE = `new PerformanceObserver((list) => {
  if (window.__interactive || list.getEntriesByName('basin:lineage-drawn').length === 0) return;
  // Each drawn mark starts an attempt; one whose graph was replaced meanwhile (detached) gives way to the next.
  const svg = document.querySelector('svg.ln-svg');
  const node = document.querySelector('.ln-node');
  const r = node.getBoundingClientRect();
  const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
  const clickable = hit !== null && hit.closest('[data-key]') === node;
  const before = svg.dataset.zoom;
  document.querySelector('[data-zoom-in]').click();
  const wait = () => requestAnimationFrame(() => {
    if (!svg.isConnected || window.__interactive) return;
    if (svg.dataset.zoom === before) return wait();
    requestAnimationFrame(() => { window.__interactive = { at: performance.now(), clickable }; });
  });
  wait();
}).observe({ entryTypes: ['mark'] });`;

const dir = mkdtempSync(path.join(tmpdir(), 'basin-lineage-bench-'));
let server;
let browser;
try {
  generate(dir, { models, layers, name: 'lineage_bench' });
  const started = performance.now();
  server = startServe(dir);
  const base = await server.url;
  const listening = performance.now() - started;
  const probe = await fetch(`${base}/api/health`);
  const needs = (await fetch(`${base}/api/lineage?focus=nothing`)).status === 401;
  let token;
  for (let i = 0; needs && !token && i < 50; i++) {
    token = printedToken(server.output());
    if (!token) await new Promise((r) => setTimeout(r, 100));
  }
  if (needs && !token) throw new Error(`the server wants a token and printed none this script recognises:\n${server.output()}`);
  const headers = token ? { authorization: `Bearer ${token}` } : {};
  const first = await (await fetch(`${base}/api/lineage`, { headers })).json();
  const ready = performance.now() - started;
  if (!probe.ok || !Array.isArray(first.nodes)) throw new Error(`unexpected answer: ${JSON.stringify(first).slice(0, 300)}`);
  const t0 = performance.now();
  const again = await fetch(`${base}/api/lineage`, { headers });
  const bytes = (await again.arrayBuffer()).byteLength;
  const cachedMs = performance.now() - t0;

  browser = await launchChromium();
  const interactive = [];
  const driver = [];
  const frames = [];
  const phases = [];
  for (let r = 0; r < runs; r++) {
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    if (token) await context.addInitScript(`localStorage.setItem('basin.token', ${JSON.stringify(token)})`);
    await context.addInitScript(PROBE);
    const page = await context.newPage();
    page.on('pageerror', (err) => process.stderr.write(`page error: ${err.message}\n`));
    const t = performance.now();
    await page.goto(`${base}/lineage`);
    const probe = await page.waitForFunction('window.__interactive', undefined, { timeout: 120_000 }).then((h) => h.jsonValue());
    driver.push(performance.now() - t);
    if (!probe.clickable) throw new Error('the first node was not under the mouse at its center');
    interactive.push(probe.at);
    // Where the time went, from the page's own clock (ms since navigation start).
    phases.push(
      await page.evaluate(`(() => {
        const nav = performance.getEntriesByType('navigation')[0];
        const api = performance.getEntriesByType('resource').find((e) => e.name.includes('/api/lineage'));
        const js = performance.getEntriesByType('resource').find((e) => e.name.endsWith('.js'));
        return { html: nav.responseEnd, script: js ? js.responseEnd : 0, domReady: nav.domContentLoadedEventEnd, apiStart: api ? api.startTime : 0, apiEnd: api ? api.responseEnd : 0, drawn: performance.getEntriesByName('basin:lineage-drawn')[0]?.startTime ?? 0, now: performance.now() };
      })()`),
    );
    // Pan: 30 drag steps, one per frame, timed in the page.
    const box = await page.locator('svg.ln-svg').boundingBox();
    await page.evaluate(`window.__frames = []; (function tick(last) { requestAnimationFrame((now) => { window.__frames.push(now - last); if (window.__frames.length < 60) tick(now); }); })(performance.now())`);
    await page.mouse.move(box.x + 40, box.y + 40);
    await page.mouse.down();
    for (let s = 1; s <= 30; s++) await page.mouse.move(box.x + 40 + s * 10, box.y + 40 + s * 6);
    await page.mouse.up();
    const ft = await page.evaluate('window.__frames');
    frames.push(median(ft.slice(1)));
    if (argv.includes('--screenshots') && r === runs - 1) {
      const shots = path.join(root, 'test-artifacts', 'ui');
      mkdirSync(shots, { recursive: true });
      await page.click('[data-zoom-fit]');
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(shots, 'lineage-1000-fit.png') });
      for (let z = 0; z < 12; z++) await page.click('[data-zoom-in]');
      await page.waitForSelector('svg.ln-svg:not(.ln-far) g.ln-node');
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(shots, 'lineage-1000-zoomed.png') });
    }
    await context.close();
  }
  const fmt = (x) => `${Math.round(x)} ms`;
  process.stdout.write(
    [
      `project: ${models} models in ${layers} layers, 4 connections, 12 sources, ${Math.ceil(models / 4)} tests (${first.keys.length} assets); graph drawn: ${first.nodes.length} nodes, ${first.edges.length} edges; ${Math.round(bytes / 1024)} KiB of JSON`,
      `serve: listening after ${fmt(listening)}; first /api/lineage answered after ${fmt(ready)} (ELK in the server's worker: ${first.layout_ms ? fmt(first.layout_ms) : 'done during startup'}); cached answer ${fmt(cachedMs)}`,
      `navigation → graph drawn, node clickable, zoom step applied (page clock): ${interactive.map(fmt).join(', ')}  (best ${fmt(Math.min(...interactive))}, median ${fmt(median(interactive))}; target ≤ 1500 ms)`,
      `the same seen by the Playwright driver (incl. its polling): ${driver.map(fmt).join(', ')}  (best ${fmt(Math.min(...driver))}, median ${fmt(median(driver))})`,
      `in the page (last run, ms from navigation start): ${Object.entries(phases.at(-1)).map(([k, v]) => `${k} ${Math.round(v)}`).join(', ')}`,
      `pan: median frame ${frames.map((f) => f.toFixed(1)).join(', ')} ms per run`,
      machineLine(),
      '',
    ].join('\n'),
  );
} finally {
  await tearDown({ browser, server, dir });
}
