import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WarehouseSchemaJson } from '../../src/server/workbench/schema-json.js';
import { defaultAxes, quickChartOption } from '../../ui/pages/workbench/chart-model.js';
import { nextSort, pageCount, pageRows, sortRows } from '../../ui/pages/workbench/grid-model.js';
import { runServe } from '../../src/cli/commands/serve.js';
import { silentLogger } from '../../src/core/logger.js';
import { tempDir, writeFiles } from '../support/cli-harness.js';
import { until } from '../support/serve-process.js';
import { launchChromium, openPage, screenshot } from './browser.js';
import { ensureUiBuilt, SECRET, startUiServer, type UiServer } from './ui-server.js';

/** Replaces the editor's text with `sql` (typed key by key when `typed`, so completion opens). */
async function setSql(p: Page, sql: string, options: { typed?: boolean } = {}): Promise<void> {
  // Focus (not click): an open completion list may cover the text.
  await p.locator('.cm-content').focus();
  await p.keyboard.press('Escape');
  await p.keyboard.press('Control+A');
  await p.keyboard.press('Delete');
  if (options.typed) await p.keyboard.type(sql, { delay: 15 });
  else {
    await p.keyboard.insertText(sql);
    await p.keyboard.press('Escape');
  }
}

/** Runs the editor's query with Ctrl+Enter and waits for a result or an error. */
async function run(p: Page): Promise<void> {
  const before = await p.locator('[data-testid="result-stats"], .wb-error').count();
  await p.locator('.cm-content').press('Control+Enter');
  if (before === 0) await p.locator('[data-testid="result-stats"], .wb-error').first().waitFor();
  await p.waitForFunction(`!document.querySelector('.wb-run-bar .btn.primary').disabled`);
}

/** The grid's cells, row by row (without the row numbers). */
async function grid(p: Page): Promise<string[][]> {
  return p.locator('.wb-grid tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(1).map((td) => td.textContent ?? '')));
}

async function waitForGrid(p: Page, firstCell: string): Promise<void> {
  await p.waitForFunction(`document.querySelector('.wb-grid tbody tr td:nth-child(2)')?.textContent === ${JSON.stringify(firstCell)}`);
}

describe('the SQL workbench in headless Chromium', () => {
  let server: UiServer;
  let browser: Browser;
  const headers = (): Record<string, string> => (server.token ? { authorization: `Bearer ${server.token}` } : {});
  beforeAll(async () => {
    [server, browser] = await Promise.all([startUiServer(), launchChromium()]);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('GET /api/warehouse/schema lists the project tables with their columns and types, and no secret', async () => {
    const res = await fetch(`${server.base}/api/warehouse/schema`, { headers: headers() });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain(SECRET);
    const body = JSON.parse(text) as WarehouseSchemaJson;
    expect(body.warehouse).toBe('duckdb');
    const relation = (schema: string, name: string) => body.schemas.find((s) => s.name === schema)?.relations.find((r) => r.name === name);
    const totals = relation(body.default_schema, 'order_totals');
    expect(totals?.kind).toBe('table');
    expect(totals?.columns.map((c) => c.name)).toEqual(['country_name', 'revenue']);
    expect(totals?.columns[1]?.type).toMatch(/INT/);
    expect(relation(body.default_schema, 'big_orders')?.kind).toBe('view');
    expect(relation('shop', 'orders')?.columns.map((c) => c.name)).toEqual(expect.arrayContaining(['id', 'country', 'amount']));
    expect(body.schemas.flatMap((s) => s.relations).some((r) => r.name.startsWith('_basin'))).toBe(false);
    if (server.token) expect((await fetch(`${server.base}/api/warehouse/schema`)).status).toBe(401);
  });

  it('runs a query with Ctrl+Enter, sorts the grid, charts it, downloads CSV, keeps the history', async () => {
    const p = await openPage(browser, { token: server.token, theme: 'light' });
    await p.goto(`${server.base}/sql`);
    await p.locator('.cm-content').waitFor();
    await p.locator('[data-relation$=".order_totals"]').waitFor();
    await setSql(p, 'select country_name, revenue from order_totals order by country_name');
    await run(p);
    await waitForGrid(p, 'France');
    expect(await grid(p)).toEqual([
      ['France', '15'],
      ['Germany', '20'],
    ]);
    expect(await p.getByTestId('result-stats').textContent()).toMatch(/^2 rows · \d+ ms$/);
    expect(await p.locator('.wb-grid th').allTextContents()).toEqual(['', expect.stringMatching(/^country_name/), expect.stringMatching(/^revenue/)]);

    // Headers sort: ascending, descending, back to the query's order.
    await p.locator('th button[title="Sort by revenue"]').click();
    expect(await grid(p)).toEqual([
      ['France', '15'],
      ['Germany', '20'],
    ]);
    expect(await p.locator('th[aria-sort="ascending"]').textContent()).toContain('revenue');
    await p.locator('th button[title="Sort by revenue"]').click();
    await waitForGrid(p, 'Germany');
    expect(await grid(p)).toEqual([
      ['Germany', '20'],
      ['France', '15'],
    ]);
    await screenshot(p, 'workbench-grid-light');

    // CSV: the whole result in the query's order.
    const [download] = await Promise.all([p.waitForEvent('download'), p.getByRole('button', { name: /^Download CSV/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^query-\d{4}-\d{2}-\d{2}-\d{4}\.csv$/);
    expect(await readFile((await download.path())!, 'utf8')).toBe('country_name,revenue\r\nFrance,15\r\nGermany,20\r\n');

    // Chart: bar of revenue by country by default; line on demand; drawn by ECharts as SVG.
    await p.getByRole('tab', { name: 'Chart' }).click();
    const canvas = p.locator('.wb-chart-canvas');
    await p.waitForFunction(`document.querySelector('.wb-chart-canvas')?.dataset.chart === 'bar:country_name:revenue'`);
    await p.waitForFunction(`document.querySelectorAll('.wb-chart-canvas svg path').length >= 2`);
    expect(await canvas.locator('svg').textContent()).toContain('Germany');
    expect(await p.locator('select[name="chart-x"]').inputValue()).toBe('country_name');
    expect(await p.locator('select[name="chart-y"]').inputValue()).toBe('revenue');
    await p.getByRole('tab', { name: 'line' }).click();
    await p.waitForFunction(`document.querySelector('.wb-chart-canvas')?.dataset.chart === 'line:country_name:revenue'`);
    await screenshot(p, 'workbench-chart-light');

    // The history survives a reload; clicking an entry puts it back in the editor.
    await p.reload();
    await p.locator('.wb-history-item').first().waitFor();
    expect(await p.locator('.wb-history-item code').first().textContent()).toBe('select country_name, revenue from order_totals order by country_name');
    await setSql(p, 'select 1');
    await p.locator('.wb-history-item').first().click();
    expect(await p.locator('.cm-content').textContent()).toContain('from order_totals');
    await p.close();
  }, 30_000);

  it('completes table names (bare and schema-qualified) and columns', async () => {
    const p = await openPage(browser, { token: server.token, theme: 'dark' });
    await p.goto(`${server.base}/sql`);
    await p.locator('[data-relation$=".order_totals"]').waitFor();
    // The list settles after the last key: wait for the option, then check it is the schema's (with its kind).
    const option = (label: string) => p.locator('.cm-tooltip-autocomplete li', { has: p.locator('.cm-completionLabel', { hasText: new RegExp(`^${label}$`) }) });
    await setSql(p, 'select * from order_t', { typed: true });
    expect(await option('order_totals').textContent()).toBe('order_totalstable');
    await p.keyboard.press('Escape');
    await setSql(p, 'select * from shop.', { typed: true });
    expect(await option('orders').textContent()).toBe('orderstable');
    await p.keyboard.press('Escape');
    await setSql(p, 'select order_totals.rev', { typed: true });
    expect(await option('revenue').textContent()).toMatch(/^revenueHUGEINT$/);
    await screenshot(p, 'workbench-completion-dark');
    // Enter accepts the highlighted option (CodeMirror ignores it for 75 ms after the list opens, against accidental picks).
    await p.waitForTimeout(150);
    await p.keyboard.press('Enter');
    await p.waitForFunction(`document.querySelector('.cm-content').textContent === 'select order_totals.revenue'`);
    await p.close();
  }, 30_000);

  it('refuses a write on a read-only server, shows SQL errors with the warehouse message, pages large results', async () => {
    const p = await openPage(browser, { token: server.token, theme: 'dark' });
    await p.goto(`${server.base}/sql`);
    await p.locator('.cm-content').waitFor();
    await setSql(p, 'create table scratch as select 1 as x');
    await run(p);
    const readOnly = p.locator('.wb-error.wb-read-only');
    await readOnly.waitFor();
    expect(await readOnly.textContent()).toContain('This server is read-only; start it with --allow-writes');
    const check = await fetch(`${server.base}/api/query`, { method: 'POST', headers: { ...headers(), 'content-type': 'application/json' }, body: JSON.stringify({ sql: 'select count(*) as n from information_schema.tables where table_name = \'scratch\'' }) });
    expect(((await check.json()) as { rows: Array<{ n: number }> }).rows[0]?.n).toBe(0);
    await screenshot(p, 'workbench-read-only-dark');

    await setSql(p, 'select * from no_such_table_anywhere');
    await run(p);
    await p.waitForFunction(`document.querySelector('.wb-error')?.textContent.includes('no_such_table_anywhere')`);
    expect(await p.locator('.wb-error').getAttribute('class')).not.toContain('wb-read-only');
    expect(await p.locator('.wb-error strong').textContent()).toBe('The query failed');

    await setSql(p, 'select range as n, range % 7 as bucket from range(250)');
    await run(p);
    await waitForGrid(p, '0');
    expect(await p.locator('.wb-grid tbody tr').count()).toBe(100);
    expect(await p.locator('.wb-page-info').textContent()).toBe('Rows 1–100 of 250 · page 1 of 3');
    await p.getByRole('button', { name: 'Next' }).click();
    await waitForGrid(p, '100');
    await p.getByRole('button', { name: 'Last' }).click();
    await waitForGrid(p, '200');
    expect(await p.locator('.wb-grid tbody tr').count()).toBe(50);
    // Sorting works across pages: descending puts 249 first.
    await p.locator('th button[title="Sort by n"]').click();
    await p.locator('th button[title="Sort by n"]').click();
    await waitForGrid(p, '249');
    await p.getByRole('tab', { name: 'Chart' }).click();
    await p.getByRole('tab', { name: 'scatter' }).click();
    await p.waitForFunction(`document.querySelector('.wb-chart-canvas')?.dataset.chart === 'scatter:n:bucket'`);
    await p.waitForFunction(`document.querySelectorAll('.wb-chart-canvas svg path').length >= 50`);
    await screenshot(p, 'workbench-scatter-dark');

    // Past the row limit: the first 10,000 rows, and a notice saying how many there were.
    await setSql(p, 'select range as n from range(10005)');
    await run(p);
    await p.getByTestId('truncated').waitFor();
    expect(await p.getByTestId('truncated').textContent()).toBe('Showing the first 10,000 of 10,005 rows');
    expect(await p.getByTestId('result-stats').textContent()).toMatch(/^10,005 rows · /);
    // The CSV has every row: the server runs the query again and streams it (POST /api/query/csv).
    const csvButton = p.getByRole('button', { name: /^Download CSV/ });
    expect(await csvButton.textContent()).toBe('Download CSV (all 10,005 rows)');
    const [csv] = await Promise.all([p.waitForEvent('download'), csvButton.click()]);
    const lines = (await readFile((await csv.path())!, 'utf8')).split('\r\n');
    expect(lines.length).toBe(10_007);
    expect([lines[0], lines[1], lines[10_005], lines[10_006]]).toEqual(['n', '0', '10004', '']);
    await p.close();
  }, 30_000);
});

/** `basin serve --allow-writes` (in process) on an empty DuckDB project; the token from its output or .basin/server.json. */
async function startWritableServer(): Promise<UiServer> {
  ensureUiBuilt();
  const { dir, cleanup } = await tempDir('basin-ui-writes-');
  await writeFiles(dir, { 'basin.yml': 'name: ui_writes\nwarehouse:\n  type: duckdb\n  path: wh.duckdb\n' });
  let output = '';
  const sink = () => new Writable({ write: (chunk: Buffer, _e, done) => ((output += chunk.toString()), done()) });
  const controller = new AbortController();
  const served = runServe({ project: dir, port: '0', allowWrites: true, env: { ...process.env } }, { cwd: dir, stdout: sink(), stderr: sink() }, silentLogger, controller.signal);
  served.catch(() => undefined);
  const stop = async () => {
    controller.abort();
    await served.catch(() => undefined);
    await cleanup();
  };
  const base = await until('the server', async () => /on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1], 30_000);
  if ((await fetch(`${base}/api/warehouse/schema`)).status !== 401) return { base, token: undefined, stop };
  const printed = /\b(basin_[A-Za-z0-9_-]{12,})\b/.exec(output)?.[1];
  const stored = async () => (JSON.parse(await readFile(path.join(dir, '.basin', 'server.json'), 'utf8')) as { token?: string }).token;
  return { base, token: printed ?? (await stored()), stop };
}

describe('the SQL workbench on a server started with --allow-writes', () => {
  let server: UiServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startWritableServer(), launchChromium()]);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('runs a statement that writes; the new table appears in the tables panel and can be queried', async () => {
    const p = await openPage(browser, { token: server.token, theme: 'light' });
    await p.goto(`${server.base}/sql`);
    await p.locator('.cm-content').waitFor();
    await setSql(p, 'create table main.scratch as select 1 as answer');
    await run(p);
    await p.getByTestId('result-stats').waitFor();
    expect(await p.locator('.wb-error').count()).toBe(0);
    // The tables panel (and completion) reload after DDL.
    await p.locator('[data-relation="main.scratch"]').waitFor();
    await setSql(p, 'select answer from scratch');
    await run(p);
    await waitForGrid(p, '1');
    await p.close();
  }, 30_000);
});

describe('the workbench\'s pure parts', () => {
  it('sorts numbers as numbers and text naturally, NULLs last both ways; cycles asc, desc, off; pages', () => {
    const rows = [{ v: '10' }, { v: null }, { v: 9 }, { v: '2' }];
    expect(sortRows(rows, { column: 'v', direction: 'asc' }).map((r) => r['v'])).toEqual(['2', 9, '10', null]);
    expect(sortRows(rows, { column: 'v', direction: 'desc' }).map((r) => r['v'])).toEqual(['10', 9, '2', null]);
    expect(sortRows([{ s: 'b10' }, { s: 'b9' }, { s: 'a' }], { column: 's', direction: 'asc' }).map((r) => r['s'])).toEqual(['a', 'b9', 'b10']);
    expect(sortRows(rows, undefined)).toBe(rows);
    expect(nextSort(undefined, 'v')).toEqual({ column: 'v', direction: 'asc' });
    expect(nextSort({ column: 'v', direction: 'asc' }, 'v')).toEqual({ column: 'v', direction: 'desc' });
    expect(nextSort({ column: 'v', direction: 'desc' }, 'v')).toBeUndefined();
    expect(nextSort({ column: 'v', direction: 'desc' }, 'w')).toEqual({ column: 'w', direction: 'asc' });
    const many = Array.from({ length: 250 }, (_, i) => i);
    expect(pageCount(250)).toBe(3);
    expect(pageCount(0)).toBe(1);
    expect(pageRows(many, 2)).toEqual(many.slice(200));
  });

  it('picks chart axes: a text x and a numeric y; two numbers for scatter; nothing without numbers', () => {
    const columns = [
      { name: 'day', type: 'DATE' },
      { name: 'orders', type: 'BIGINT' },
      { name: 'revenue', type: 'numeric' },
    ];
    const rows = [{ day: '2026-01-01', orders: 3, revenue: '10.5' }];
    expect(defaultAxes('bar', columns, rows)).toEqual({ x: 'day', y: 'orders' });
    expect(defaultAxes('scatter', columns, rows)).toEqual({ x: 'orders', y: 'revenue' });
    expect(defaultAxes('line', [{ name: 'name', type: 'VARCHAR' }], [{ name: 'x' }])).toBeUndefined();
    const option = quickChartOption('area', { x: 'day', y: 'revenue' }, rows, true, { text: '#eee', muted: '#999', border: '#333' });
    expect(option['series']).toEqual([expect.objectContaining({ type: 'line', name: 'revenue', areaStyle: expect.any(Object), data: [10.5] })]);
    expect(option['xAxis']).toEqual(expect.objectContaining({ type: 'category', data: ['2026-01-01'], axisLabel: { color: '#999' } }));
  });
});
