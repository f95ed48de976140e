import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage, screenshot } from './browser.js';
import { startUiServer, type UiServer } from './ui-server.js';

/** Waits until the catalog's asset table shows `n` rows. */
async function assetRows(p: Page, n: number): Promise<void> {
  await p.waitForFunction(`document.querySelectorAll('[data-testid="asset-table"] tbody tr').length === ${n}`);
}

describe('the web UI in headless Chromium', () => {
  let server: UiServer;
  let browser: Browser;
  const pages: Page[] = [];
  const page = async (theme: 'light' | 'dark' = 'light'): Promise<Page> => {
    const p = await openPage(browser, { token: server.token, theme });
    pages.push(p);
    return p;
  };
  beforeAll(async () => {
    [server, browser] = await Promise.all([startUiServer(), launchChromium()]);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('catalog: lists the source connection with its stream and the models; search and filters narrow it; theme is remembered', async () => {
    const p = await page('light');
    await p.goto(`${server.base}/`);
    await p.waitForURL(/\/catalog$/);
    const shop = p.locator('[data-connection="shop"]');
    await expect(shop.textContent()).resolves.toContain('Basin ingest of the shop exports');
    const card = (await shop.textContent()) ?? '';
    expect(card).toContain('refunds arrive a day late');
    expect(card).toContain('data-team');
    expect(card).toMatch(/orders\s*3/);
    await expect(p.locator('[data-connection="billing"]').textContent()).resolves.toContain('Stripe API');
    const rows = p.locator('[data-testid="asset-table"] tbody tr');
    const keys = async () => (await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-asset')))).sort();
    expect(await keys()).toEqual(['model:big_orders', 'model:broken_refunds', 'model:order_totals', 'model:slow_count', 'seed:countries', 'source:shop.orders']);
    expect(await p.locator('html').getAttribute('data-theme')).toBe('light');
    await screenshot(p, 'catalog-light');

    // Search reaches column descriptions; kind filters; nothing matching says so.
    await p.fill('input[type="search"]', 'euros');
    await assetRows(p, 2);
    expect(await keys()).toEqual(['model:big_orders', 'model:order_totals']);
    await p.fill('input[type="search"]', 'lifetime');
    await assetRows(p, 1);
    expect(await keys()).toEqual(['model:order_totals']);
    await p.fill('input[type="search"]', '');
    await p.selectOption('select[name="kind"]', 'seed');
    await assetRows(p, 1);
    expect(await keys()).toEqual(['seed:countries']);
    expect(p.url()).toContain('kind=seed');
    await p.fill('input[type="search"]', 'no-such-thing-anywhere');
    await p.getByText('Nothing matches').waitFor();
    await p.getByRole('button', { name: 'Clear' }).click();
    await assetRows(p, 6);

    // Dark theme, remembered across a reload.
    await p.click('[data-theme-toggle]');
    expect(await p.locator('html').getAttribute('data-theme')).toBe('dark');
    await p.reload();
    await p.locator('[data-connection="shop"]').waitFor();
    expect(await p.locator('html').getAttribute('data-theme')).toBe('dark');
    await screenshot(p, 'catalog-dark');
  }, 30_000);

  it('asset page: columns with types, descriptions and test results, upstream and downstream, compiled SQL, recent runs', async () => {
    const p = await page();
    await p.goto(`${server.base}/catalog`);
    await p.click('[data-asset="model:order_totals"] a');
    await p.waitForURL(/\/catalog\/model%3Aorder_totals$/);
    const columns = p.locator('[data-testid="columns"] tbody tr');
    await columns.first().waitFor();
    const text = await columns.allTextContents();
    expect(text[0]).toMatch(/^country_name\s*VARCHAR\s*The country name from the countries seed\.\s*not_null\s*unique$/);
    expect(text[1]).toMatch(/^revenue.*Sum of order amounts in euros\./);
    expect(await p.locator('[data-testid="columns"] [data-status="succeeded"]').count()).toBe(2);
    const sql = await p.locator('[data-testid="sql-compiled"]').textContent();
    expect(sql).toContain('from "shop"."orders" o join "main"."countries" c');
    const body = (await p.locator('main').textContent()) ?? '';
    expect(body).toContain('Upstream');
    expect(body).toContain('shop.orders');
    expect(body).toContain('load_shop');
    expect(body).toContain('main.order_totals');
    await screenshot(p, 'asset-model');
    await p.getByRole('tab', { name: 'Source' }).click();
    expect(await p.locator('[data-testid="sql-raw"]').textContent()).toContain("{{ ref('countries') }}");

    // A connection's page shows its streams.
    await p.goto(`${server.base}/catalog/${encodeURIComponent('connection:shop')}`);
    await p.getByRole('heading', { name: 'Streams' }).waitFor();
    expect(await p.locator('main').textContent()).toContain('shop.orders');
    await screenshot(p, 'asset-connection');
  }, 30_000);

  it('jobs: "Run now" starts a run that appears in Runs, whose page shows the timeline and the events', async () => {
    const p = await page();
    await p.goto(`${server.base}/jobs`);
    const nightly = p.locator('[data-job-row="nightly"]');
    expect(await nightly.textContent()).toMatch(/0 3 \* \* \*.*in \d+/);
    // The first load (made when the server started) is load_shop's last run.
    await p.locator('[data-job-row="load_shop"] [data-status="succeeded"]').waitFor();
    expect(await nightly.textContent()).toContain('never');
    await screenshot(p, 'jobs');
    await p.click('button[data-job="load_shop"]');
    const started = p.getByText(/Started run [0-9a-f]{8}/);
    await started.waitFor();
    const runId = /Started run ([0-9a-f]{8})/.exec((await started.textContent()) ?? '')?.[1];

    await p.click('nav >> text=Runs');
    await p.waitForURL(/\/runs$/);
    const row = p.locator(`[data-testid="runs"] tbody tr:has-text("${runId}")`);
    expect(await row.textContent()).toContain('load_shop');
    await row.locator('a').click();
    await p.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
    await p.locator('.page-header [data-status="succeeded"]').waitFor({ timeout: 20_000 });
    const bars = p.locator('[data-testid="gantt"] .gantt-bar');
    await p.waitForFunction(`document.querySelectorAll('[data-testid="gantt"] .gantt-bar.status-succeeded').length >= 5`);
    expect(await bars.count()).toBeGreaterThanOrEqual(5);
    const gantt = (await p.locator('[data-testid="gantt"]').textContent()) ?? '';
    for (const key of ['connection:shop', 'seed:countries', 'model:order_totals', 'test:unique_order_totals_country_name']) expect(gantt).toContain(key);
    await p.locator('[data-testid="events"]').waitFor();
    expect(await p.locator('[data-testid="events"]').textContent()).toContain('model:order_totals');
    expect(await p.getByRole('button', { name: 'Run again' }).isEnabled()).toBe(true);
    expect(await p.getByRole('button', { name: 'Rerun failed' }).count()).toBe(0);
    await screenshot(p, 'run');
    await p.click('nav >> text=Runs');
    await p.locator('[data-testid="runs"] tbody tr').nth(1).waitFor();
    await screenshot(p, 'runs');
  }, 30_000);

  it('a failed run shows its error; "Rerun failed" starts a rerun', async () => {
    const p = await page();
    await p.goto(`${server.base}/jobs`);
    await p.click('button[data-job="broken"]');
    await p.getByText(/Started run [0-9a-f]{8}/).click();
    await p.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
    const firstUrl = p.url();
    await p.locator('.page-header [data-status="failed"]').waitFor({ timeout: 20_000 });
    const errors = (await p.locator('main').textContent()) ?? '';
    expect(errors).toContain('Errors');
    expect(errors).toContain('refunds_that_do_not_exist');
    await p.locator('[data-testid="gantt"] .gantt-bar.status-failed').waitFor();
    await p.getByRole('tab', { name: 'Warnings and errors' }).click();
    expect(await p.locator('[data-testid="events"] .level-error').count()).toBeGreaterThan(0);
    await screenshot(p, 'run-failed');
    await p.getByRole('button', { name: 'Rerun failed' }).click();
    await p.waitForURL((url) => url.href !== firstUrl && /\/runs\/[0-9a-f-]{36}$/.test(url.pathname));
    await p.locator('.page-header [data-status="failed"]').waitFor({ timeout: 20_000 });
    expect(await p.locator('.page-header').textContent()).toContain('rerun');
  }, 30_000);

  it('"Cancel run" stops a run in progress', async () => {
    const p = await page();
    await p.goto(`${server.base}/jobs`);
    await p.click('button[data-job="slow"]');
    await p.getByText(/Started run [0-9a-f]{8}/).click();
    await p.locator('.page-header [data-status="running"]').waitFor({ timeout: 15_000 });
    await p.locator('[data-testid="gantt"] .gantt-bar.status-running').waitFor();
    await screenshot(p, 'run-running');
    await p.getByRole('button', { name: 'Cancel run' }).click();
    await p.locator('.page-header [data-status="canceled"]').waitFor({ timeout: 15_000 });
    expect(await p.getByRole('button', { name: 'Cancel run' }).count()).toBe(0);
  }, 30_000);

  it('asks for a token when the API answers 401, says when one is refused, then continues with a good one', async () => {
    const p = await openPage(browser, { theme: 'light' });
    pages.push(p);
    // Without auth on the server, a 401 is simulated for the first request; with it, the server's own 401s are used.
    const good = server.token ?? 'pasted-token-123';
    const seen: string[] = [];
    await p.route('**/api/jobs', async (route) => {
      const auth = route.request().headers()['authorization'] ?? '';
      seen.push(auth);
      if (!server.token && auth !== `Bearer ${good}`) {
        await route.fulfill({ status: 401, contentType: 'application/json', body: JSON.stringify({ error: 'a token is required', code: 'UNAUTHORIZED' }) });
      } else await route.continue();
    });
    await p.goto(`${server.base}/jobs`);
    const dialog = p.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('basin tokens create');
    await screenshot(p, 'token');
    await p.fill('input[name="token"]', 'basin_not_a_real_token_000000000000');
    await p.click('button[type="submit"]');
    await p.getByText('That token was refused').waitFor();
    await p.fill('input[name="token"]', good);
    await p.click('button[type="submit"]');
    await p.locator('[data-job-row="nightly"]').waitFor();
    expect(await dialog.count()).toBe(0);
    expect(seen.at(-1)).toBe(`Bearer ${good}`);
    expect(await p.evaluate(`localStorage.getItem('basin.token')`)).toBe(good);
  }, 30_000);

  it('shows a not-found page for unknown paths and an error state for unknown assets', async () => {
    const p = await page();
    await p.goto(`${server.base}/no/such/page`);
    await p.getByText('Page not found').waitFor();
    await p.goto(`${server.base}/catalog/${encodeURIComponent('model:nope')}`);
    await p.getByRole('alert').waitFor();
    expect(await p.getByRole('alert').textContent()).toContain('no asset model:nope');
  }, 30_000);
});
