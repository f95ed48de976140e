#!/usr/bin/env node
/**
 * Dashboard page benchmark (uses bin/basin.js and dist/ui: run `npm run bundle`
 * and `node scripts/build-ui.mjs` first).
 *
 * Generates a project whose one model, `events`, is a table of N generated
 * rows (default 2,000,000: `select ... from range(N)` in DuckDB), and a
 * dashboard of six ECharts charts over it (line, bar, area by series,
 * scatter, funnel, cohort heat map) with a date range and a dropdown input.
 * `basin run` builds the table; `basin serve` serves it. In one headless
 * Chromium context, the page is opened once cold (empty query cache) and
 * R times warm (default 3): navigation → first chart drawn and → all six
 * charts drawn, in ms (the page's clock; and as the Playwright driver sees
 * it). Each chart's query is its own request, so charts appear as their
 * queries finish. Prints best and median of the warm runs, and where the
 * time went.
 *
 *   node bench/ui-dashboard.mjs [--rows 2000000] [--runs 3] [--screenshot]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchChromium, machineLine, median, root, serverToken, startServe, tearDown } from './ui-bench-support.mjs';
const argv = process.argv.slice(2);
const arg = (name, def) => (argv.includes(`--${name}`) ? Number(argv[argv.indexOf(`--${name}`) + 1]) : def);
const rows = arg('rows', 2_000_000);
const runs = arg('runs', 3);
const CHARTS = 6;
const f = '```';

function generate(dir) {
  const write = (file, text) => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  };
  write('basin.yml', 'name: dashboard_bench\nwarehouse:\n  type: duckdb\n  path: wh.duckdb\n');
  write(
    'models/events.sql',
    [
      "{{ config(materialized='table') }}",
      'select i as id,',
      "  date '2025-01-01' + cast(i % 365 as integer) as day,",
      "  (['free', 'starter', 'team', 'business', 'enterprise'])[1 + cast(i % 5 as integer)] as plan,",
      "  (['web', 'ads', 'partner', 'email'])[1 + cast((i // 7) % 4 as integer)] as channel,",
      "  (['visit', 'signup', 'activate', 'pay'])[1 + cast(least(3, (i * 2654435761) % 10 // 3) as integer)] as step,",
      '  ((i * 48271) % 100000) / 100.0 as amount,',
      "  date '2025-01-01' + cast(((i // 365) % 12) * 30 as integer) as cohort_month",
      `from range(${rows}) t(i)`,
      '',
    ].join('\n'),
  );
  const where = "where day between ${inputs.period.start} and ${inputs.period.end} and (${inputs.plan} is null or plan = ${inputs.plan})";
  const q = (name, sql) => `${f}sql ${name}\n${sql}\n${f}\n`;
  const c = (lines) => `${f}chart\n${lines.join('\n')}\n${f}\n`;
  write(
    'dashboards/usage.md',
    [
      '---',
      'title: Usage',
      'description: Six charts over a generated events table',
      'owner: bench',
      'tags: [bench]',
      '---',
      '',
      '# Usage',
      '',
      `${f}input\nname: period\ntype: date_range\ndefault: all\n${f}\n`,
      `${f}input\nname: plan\ntype: dropdown\noptions: [free, starter, team, business, enterprise]\nall: true\n${f}\n`,
      q('daily', `select day, count(*) as events, sum(amount) as amount from {{ ref('events') }} ${where} group by day order by day`),
      q('by_plan', `select plan, count(*) as events from {{ ref('events') }} where day between \${inputs.period.start} and \${inputs.period.end} group by plan order by plan`),
      q('by_channel', `select date_trunc('week', day) as week, channel, sum(amount) as amount from {{ ref('events') }} ${where} group by all order by week`),
      q('per_day', `select count(*) as events, avg(amount) as avg_amount from {{ ref('events') }} ${where} group by day`),
      q('funnel', `select step, count(*) as n from {{ ref('events') }} ${where} group by step order by n desc`),
      q('cohorts', `select strftime(cohort_month, '%Y-%m') as cohort, (month(day) - 1) as period, count(distinct id % 5000) as active from {{ ref('events') }} ${where} group by all order by cohort, period`),
      c(['type: line', 'data: daily', 'title: Events per day', 'x: day', 'y: [events]']),
      c(['type: bar', 'data: by_plan', 'title: Events by plan', 'x: plan', 'y: [events]', 'filters: plan']),
      c(['type: area', 'data: by_channel', 'title: Amount by channel', 'x: week', 'y: [amount]', 'series: channel']),
      c(['type: scatter', 'data: per_day', 'title: Events vs average amount', 'x: events', 'y: [avg_amount]']),
      c(['type: funnel', 'data: funnel', 'title: Funnel', 'x: step', 'y: [n]']),
      c(['type: cohort', 'data: cohorts', 'title: Cohorts', 'x: period', 'y: [active]', 'series: cohort']),
    ].join('\n'),
  );
}

/** In the page: ms since navigation start once all six charts are drawn (ECharts hosts marked data-rendered), else false. */
const DRAWN = `(() => document.querySelectorAll('.db-echart[data-rendered="true"]').length >= ${CHARTS} && !document.querySelector('.db-chart[aria-busy="true"]') ? performance.now() : false)()`;
/** In the page: ms since navigation start once a first chart is drawn, else false. */
const FIRST = `(() => document.querySelector('.db-echart[data-rendered="true"]') ? performance.now() : false)()`;

const dir = mkdtempSync(path.join(tmpdir(), 'basin-dashboard-bench-'));
let server;
let browser;
try {
  generate(dir);
  let t = performance.now();
  const built = spawnSync(process.execPath, [path.join(root, 'bin', 'basin.js'), 'run', '--project', dir], { cwd: dir, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`basin run failed:\n${built.stdout}\n${built.stderr}`);
  const buildMs = performance.now() - t;
  server = startServe(dir);
  const base = await server.url;
  const token = await serverToken(base, server);

  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
  if (token) await context.addInitScript(`localStorage.setItem('basin.token', ${JSON.stringify(token)})`);
  const open = async () => {
    const page = await context.newPage();
    page.on('pageerror', (e) => process.stderr.write(`page error: ${e.message}\n`));
    t = performance.now();
    await page.goto(`${base}/dashboards/usage`);
    const first = await page.waitForFunction(FIRST, undefined, { timeout: 120_000, polling: 'raf' }).then((h) => h.jsonValue());
    const at = await page.waitForFunction(DRAWN, undefined, { timeout: 120_000, polling: 'raf' }).then((h) => h.jsonValue());
    const driver = performance.now() - t;
    const errors = await page.locator('.db-chart-error').allTextContents();
    if (errors.length > 0) throw new Error(`a chart failed: ${errors.join('\n')}`);
    const phases = await page.evaluate(`(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const res = performance.getEntriesByType('resource');
      const runs = res.filter((e) => e.name.endsWith('/run'));
      const chunk = res.filter((e) => e.name.includes('/chunks/')).reduce((m, e) => Math.max(m, e.responseEnd), 0);
      return { html: nav.responseEnd, domReady: nav.domContentLoadedEventEnd, chunks: chunk, runRequests: runs.length,
        firstRunStart: runs.length ? Math.min(...runs.map((e) => e.startTime)) : 0, lastRunEnd: runs.length ? Math.max(...runs.map((e) => e.responseEnd)) : 0 };
    })()`);
    const cached = await page.locator('.db-timing').allTextContents();
    return { page, first, at, driver, phases, cached };
  };
  const cold = await open();
  await cold.page.close();
  const warm = [];
  for (let r = 0; r < runs; r++) {
    const w = await open();
    if (argv.includes('--screenshot') && r === runs - 1) {
      const shots = path.join(root, 'test-artifacts', 'ui');
      mkdirSync(shots, { recursive: true });
      await w.page.screenshot({ path: path.join(shots, 'dashboard-bench.png'), fullPage: true });
    }
    await w.page.close();
    warm.push(w);
  }
  const fmt = (x) => `${Math.round(x)} ms`;
  const ats = warm.map((w) => w.at);
  const firsts = warm.map((w) => w.first);
  const drivers = warm.map((w) => w.driver);
  const phase = (p) => Object.entries(p).map(([k, v]) => `${k} ${Math.round(v)}`).join(', ');
  process.stdout.write(
    [
      `project: events table of ${rows.toLocaleString('en-US')} generated rows (basin run: ${fmt(buildMs)}), dashboard of ${CHARTS} charts (line, bar, area, scatter, funnel, cohort)`,
      `cold (empty query cache): navigation → first chart drawn ${fmt(cold.first)}, → ${CHARTS} charts drawn ${fmt(cold.at)} (driver ${fmt(cold.driver)}); charts: ${cold.cached.join(', ')}`,
      `  in the page (ms from navigation start): ${phase(cold.phases)}`,
      `warm (cached queries, browser cache): all drawn ${ats.map(fmt).join(', ')}  (best ${fmt(Math.min(...ats))}, median ${fmt(median(ats))}; target ≤ 2000 ms)`,
      `  first chart drawn: ${firsts.map(fmt).join(', ')}  (median ${fmt(median(firsts))})`,
      `  as the Playwright driver sees it: ${drivers.map(fmt).join(', ')}  (best ${fmt(Math.min(...drivers))}, median ${fmt(median(drivers))})`,
      `  in the page, last warm run: ${phase(warm.at(-1).phases)}; charts: ${warm.at(-1).cached.join(', ')}`,
      machineLine(),
      '',
    ].join('\n'),
  );
} finally {
  await tearDown({ browser, server, dir });
}
