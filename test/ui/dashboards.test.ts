import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pages, sortTable, toggleSort } from '../../ui/pages/dashboards/table-model.js';
import { exportUrl, inputsFromQuery, withInput } from '../../ui/pages/dashboards/url-inputs.js';
import { launchChromium, openPage, screenshot } from './browser.js';
import { startBuiltServer, type UiServer } from './ui-server.js';

const fence = '```';
const PROJECT: Record<string, string> = {
  'basin.yml': 'name: ui_dashboards\nwarehouse:\n  type: duckdb\n  path: wh.duckdb\n',
  'seeds/customers.csv': ['name,plan,mrr,signed_up', 'Acme,team,300,2026-01-10', 'Birch,free,0,2026-02-01', 'Cobalt,enterprise,2000,2026-02-15', 'Dune,team,250,2026-03-01', 'Ember,free,0,2026-03-05', 'Fjord,team,400,2026-03-20', ''].join('\n'),
  'dashboards/plans.md': [
    '---',
    'title: Plans',
    'description: Customers and revenue by plan',
    'owner: growth',
    'tags: [sales, test]',
    '---',
    '',
    '# Plans',
    '',
    'Customers by **plan**; click a bar to filter the list.',
    '',
    `${fence}input`,
    'name: period',
    'type: date_range',
    'default: all',
    fence,
    '',
    `${fence}input`,
    'name: plan',
    'type: dropdown',
    'options: { query: plans, column: plan }',
    'all: true',
    fence,
    '',
    `${fence}input`,
    'name: q',
    'type: text',
    'label: Name contains',
    fence,
    '',
    `${fence}sql plans`,
    "select distinct plan from {{ ref('customers') }} order by plan",
    fence,
    '',
    `${fence}sql by_plan`,
    "select plan, count(*) as customers, sum(mrr) as mrr from {{ ref('customers') }}",
    'where signed_up between ${inputs.period.start} and ${inputs.period.end}',
    'group by plan order by plan',
    fence,
    '',
    `${fence}sql list`,
    "select name, plan, mrr from {{ ref('customers') }}",
    'where (${inputs.plan} is null or plan = ${inputs.plan}) and signed_up between ${inputs.period.start} and ${inputs.period.end}',
    "  and lower(name) like '%' || lower(coalesce(${inputs.q}, '')) || '%'",
    'order by name',
    fence,
    '',
    `${fence}sql total`,
    "select sum(mrr) as mrr, sum(mrr) filter (where signed_up < date '2026-03-01') as mrr_before_march from {{ ref('customers') }}",
    'where ${inputs.plan} is null or plan = ${inputs.plan}',
    fence,
    '',
    `${fence}sql broken`,
    "select no_such_column from {{ ref('customers') }}",
    fence,
    '',
    `${fence}chart`,
    'type: big_number',
    'data: total',
    'title: MRR',
    'value: mrr',
    'comparison: mrr_before_march',
    'format: currency',
    fence,
    '',
    `${fence}chart`,
    'type: bar',
    'data: by_plan',
    'title: Customers by plan',
    'x: plan',
    'y: [customers]',
    'filters: plan',
    fence,
    '',
    `${fence}chart`,
    'type: table',
    'data: list',
    'title: Customers',
    fence,
    '',
    `${fence}chart`,
    'type: line',
    'data: broken',
    'title: Broken on purpose',
    fence,
    '',
  ].join('\n'),
};

const chip = (p: Page) => p.locator('[data-filter-chip="plan"]');

async function waitForNames(p: Page, names: string[]): Promise<void> {
  await p.waitForFunction(
    `JSON.stringify([...document.querySelectorAll('.db-table tbody tr td:first-child')].map((td) => td.textContent)) === ${JSON.stringify(JSON.stringify(names))}`,
    undefined,
    { timeout: 10_000 },
  );
}

/** Clicks the `index`-th of `count` bars of the bar chart, just above the x axis (grid: 56 px left, 24 right, 40 bottom). */
async function clickBar(p: Page, index: number, count: number): Promise<void> {
  const box = await p.locator('.db-echart[data-chart-type="bar"]').boundingBox();
  if (!box) throw new Error('the bar chart has no box');
  const width = box.width - 56 - 24;
  await p.mouse.click(box.x + 56 + ((index + 0.5) * width) / count, box.y + box.height - 40 - 3);
}

describe('dashboard pure helpers', () => {
  it('keeps inputs in the URL and builds the export URL', () => {
    const q = new URLSearchParams('plan=team&other=1');
    expect(inputsFromQuery(q, ['plan', 'period'])).toEqual({ plan: 'team' });
    expect(withInput(q, 'plan', undefined)).toBe('?other=1');
    expect(withInput(new URLSearchParams(), 'period', 'last_7_days')).toBe('?period=last_7_days');
    expect(withInput(new URLSearchParams('plan=a'), 'plan', undefined)).toBe('');
    expect(exportUrl('revenue', 'pdf', { plan: 'a b' })).toBe('/api/dashboards/revenue/export?format=pdf&plan=a+b');
  });

  it('sorts tables (numbers as numbers, nulls last) and cycles the sort', () => {
    const rows = [{ n: '10' }, { n: null }, { n: '9' }];
    expect(sortTable(rows, { column: 'n', desc: false }).map((r) => r.n)).toEqual(['9', '10', null]);
    expect(sortTable(rows, { column: 'n', desc: true }).map((r) => r.n)).toEqual(['10', '9', null]);
    expect(toggleSort(undefined, 'n')).toEqual({ column: 'n', desc: false });
    expect(toggleSort({ column: 'n', desc: false }, 'n')).toEqual({ column: 'n', desc: true });
    expect(toggleSort({ column: 'n', desc: true }, 'n')).toBeUndefined();
    expect(pages(0)).toBe(1);
    expect(pages(26)).toBe(2);
  });
});

describe('dashboards in headless Chromium', () => {
  let server: UiServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startBuiltServer(PROJECT, 'basin-ui-dashboards-'), launchChromium()]);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lists the dashboards with owner, tags and what they read (linked to the assets)', async () => {
    const p = await openPage(browser, { token: server.token, theme: 'light' });
    await p.goto(`${server.base}/dashboards`);
    const row = p.locator('[data-dashboard-row="plans"]');
    await row.waitFor();
    const text = await row.textContent();
    expect(text).toContain('Plans');
    expect(text).toContain('Customers and revenue by plan');
    expect(text).toContain('growth');
    expect(text).toContain('sales');
    expect(await row.locator('a[href^="/catalog/"]').first().textContent()).toContain('customers');
    await row.getByRole('link', { name: 'Plans' }).click();
    await p.waitForURL(/\/dashboards\/plans$/);
    await p.close();
  }, 30_000);

  it('renders the page, filters by the dropdown and by a click on a bar, keeps inputs in the URL, exports HTML', async () => {
    const p = await openPage(browser, { token: server.token, theme: 'light' });
    await p.goto(`${server.base}/dashboards/plans`);
    await p.locator('.db-echart[data-chart-type="bar"][data-rendered="true"]').waitFor();
    expect(await p.locator('.db-echart[data-chart-type="bar"]').getAttribute('data-points')).toBe('3');
    expect(await p.locator('.db-echart[data-chart-type="bar"] canvas').count()).toBeGreaterThan(0);
    expect(await p.locator('.db-markdown strong').textContent()).toBe('plan');
    await waitForNames(p, ['Acme', 'Birch', 'Cobalt', 'Dune', 'Ember', 'Fjord']);
    // Each chart's query arrives on its own: the big number may be drawn after the table.
    await expect.poll(() => p.locator('.db-big-value').textContent()).toBe('$2,950');
    await expect.poll(() => p.locator('.db-big-compare').textContent()).toContain('$2,300');

    // The broken query shows its error on its own chart only.
    const errors = p.locator('.db-chart-error');
    await expect.poll(() => errors.count()).toBe(1);
    expect(await p.locator('[data-query="broken"] .db-chart-error').textContent()).toMatch(/no_such_column/);
    expect(await p.locator('[data-query="broken"] .db-echart').count()).toBe(0);
    await screenshot(p, 'dashboard-light');

    // The dropdown: options from its query, "All" first; the choice goes to the URL and filters the table.
    expect(await p.locator('select[name="plan"] option').allTextContents()).toEqual(['All', 'enterprise', 'free', 'team']);
    await p.selectOption('select[name="plan"]', 'team');
    await waitForNames(p, ['Acme', 'Dune', 'Fjord']);
    expect(new URL(p.url()).searchParams.get('plan')).toBe('team');
    await expect.poll(() => p.locator('.db-big-value').textContent()).toBe('$950');
    await p.selectOption('select[name="plan"]', '__all__');
    await waitForNames(p, ['Acme', 'Birch', 'Cobalt', 'Dune', 'Ember', 'Fjord']);
    expect(await chip(p).count()).toBe(0);

    // Cross-filtering: a click on the first bar (enterprise) sets plan; the chip clears it.
    await clickBar(p, 0, 3);
    await waitForNames(p, ['Cobalt']);
    expect(new URL(p.url()).searchParams.get('plan')).toBe('enterprise');
    expect(await chip(p).textContent()).toContain('filtered by plan = enterprise');
    expect(await p.locator('select[name="plan"]').inputValue()).toBe('enterprise');
    await chip(p).click();
    await waitForNames(p, ['Acme', 'Birch', 'Cobalt', 'Dune', 'Ember', 'Fjord']);
    expect(await chip(p).count()).toBe(0);

    // The back button returns to the filtered page; a shared link opens it filtered.
    await p.goBack();
    await waitForNames(p, ['Cobalt']);
    expect(await chip(p).count()).toBe(1);
    const shared = await openPage(browser, { token: server.token, theme: 'dark' });
    await shared.goto(`${server.base}/dashboards/plans?plan=free&period=2026-02-01..2026-02-28`);
    await waitForNames(shared, ['Birch']);
    expect(await shared.locator('input[name="period-start"]').inputValue()).toBe('2026-02-01');
    await shared.locator('.db-echart[data-chart-type="bar"][data-rendered="true"]').waitFor();
    expect(await shared.locator('.db-echart[data-chart-type="bar"]').getAttribute('data-points')).toBe('2');
    await screenshot(shared, 'dashboard-dark');
    await shared.getByRole('button', { name: '90 days' }).click();
    await shared.waitForURL(/period=last_90_days/);
    await shared.close();

    // Export: the static page with the current inputs, as a download.
    const [file] = await Promise.all([p.waitForEvent('download', { timeout: 15_000 }), p.locator('[data-export="html"]').click()]);
    expect(file.suggestedFilename()).toBe('plans.html');
    const saved = await file.path();
    const html = await readFile(saved, 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('Cobalt');
    expect(html).not.toContain('Acme');

    // Sorting the table by a click on a header (numbers as numbers), and the debounced text input.
    await p.goto(`${server.base}/dashboards/plans`);
    await p.locator('.db-table th button', { hasText: 'mrr' }).click();
    await p.locator('.db-table th button', { hasText: 'mrr' }).click();
    await waitForNames(p, ['Cobalt', 'Fjord', 'Acme', 'Dune', 'Birch', 'Ember']);
    await p.locator('input[name="q"]').fill('d');
    await p.waitForURL(/[?&]q=d/);
    await waitForNames(p, ['Fjord', 'Dune']);
    await p.locator('input[name="q"]').fill('');
    await waitForNames(p, ['Cobalt', 'Fjord', 'Acme', 'Dune', 'Birch', 'Ember']);
    await p.close();
  }, 60_000);
});
