import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_LEVELS, parseFocusQuery } from '../../ui/pages/lineage/focus-query.js';
import { launchChromium, openPage, screenshot } from './browser.js';
import { startUiServer, type UiServer } from './ui-server.js';

/** The asset keys drawn in the lineage graph, sorted. */
async function drawn(p: Page): Promise<string[]> {
  return (await p.locator('.ln-node').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-key') ?? ''))).sort();
}

const KEYS_DRAWN = `[...document.querySelectorAll('svg[data-ready] .ln-node')].map((g) => g.getAttribute('data-key'))`;

/** Waits until the graph shows exactly `keys`. */
async function waitForNodes(p: Page, keys: string[]): Promise<void> {
  await p.waitForFunction(`JSON.stringify(${KEYS_DRAWN}.sort()) === ${JSON.stringify(JSON.stringify([...keys].sort()))}`);
}

/** Waits until the graph shows at least `keys` (the shared UI test project may grow). */
async function waitForAll(p: Page, keys: string[]): Promise<void> {
  await p.waitForFunction(`${JSON.stringify(keys)}.every((k) => ${KEYS_DRAWN}.includes(k))`);
}

/** Assets of test/ui/ui-server.ts's project that the whole graph must show. */
const WHOLE = ['connection:billing', 'connection:shop', 'model:big_orders', 'model:order_totals', 'seed:countries', 'source:shop.orders'];

describe('the Lineage page in headless Chromium', () => {
  let server: UiServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startUiServer(), launchChromium()]);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('draws the whole graph left to right with tests folded, statuses, kinds; shows tests on demand', async () => {
    const p = await openPage(browser, { token: server.token, theme: 'light' });
    await p.goto(`${server.base}/lineage`);
    await waitForAll(p, WHOLE);
    const x = async (key: string) => Number((await p.locator(`.ln-node[data-key="${key}"]`).getAttribute('transform'))?.match(/translate\(([\d.]+)/)?.[1]);
    expect(await x('connection:shop')).toBeLessThan(await x('source:shop.orders'));
    expect(await x('source:shop.orders')).toBeLessThan(await x('model:order_totals'));
    const totals = p.locator('.ln-node[data-key="model:order_totals"]');
    expect(await totals.getAttribute('class')).toContain('ln-kind-model');
    expect(await totals.locator('.ln-sub').textContent()).toContain('2 tests');
    expect(await p.locator('.ln-node[data-key="source:shop.orders"]').getAttribute('class')).toContain('ln-status-succeeded');
    expect((await drawn(p)).some((k) => k.startsWith('test:'))).toBe(false);
    expect(await p.locator('.ln-edges path[data-from="source:shop.orders"]').count()).toBe(2);
    expect(await p.locator('.ln-legend').textContent()).toContain('connection');
    await screenshot(p, 'lineage-light');

    await p.getByLabel('Show tests').check();
    await p.waitForURL(/\/lineage\?tests=1$/);
    await p.waitForFunction(`document.querySelectorAll('svg[data-ready] .ln-node[data-key^="test:"]').length === 2`);
    expect(await drawn(p)).toEqual(expect.arrayContaining(WHOLE));
    await p.close();
  }, 40_000);

  it('focuses with a selector, changes the levels, focuses from a node; zooms; says when the focus is unknown', async () => {
    const p = await openPage(browser, { token: server.token, theme: 'dark' });
    await p.goto(`${server.base}/lineage`);
    await waitForAll(p, WHOLE);
    await p.getByLabel('Focus on an asset').fill('+big_orders');
    await p.keyboard.press('Enter');
    await p.waitForURL(/focus=model%3Abig_orders&up=99&down=0$/);
    await waitForNodes(p, ['connection:shop', 'source:shop.orders', 'model:big_orders']);
    expect(await p.locator('.ln-node[data-key="model:big_orders"]').getAttribute('class')).toContain('ln-focused');
    await p.selectOption('select[name="up"]', '1');
    await waitForNodes(p, ['source:shop.orders', 'model:big_orders']);
    await screenshot(p, 'lineage-focus-dark');

    // The target button of a node focuses on it, keeping the levels.
    await p.locator('.ln-node[data-key="source:shop.orders"] [data-action="focus"]').click();
    await p.waitForURL(/focus=source%3Ashop\.orders&up=1&down=0$/);
    await waitForNodes(p, ['connection:shop', 'source:shop.orders']);
    await p.selectOption('select[name="down"]', '2');
    await waitForNodes(p, ['connection:shop', 'source:shop.orders', 'model:big_orders', 'model:order_totals']);

    const zoom = async () => Number(await p.locator('svg.ln-svg').getAttribute('data-zoom'));
    const before = await zoom();
    await p.getByRole('button', { name: 'Zoom out' }).click();
    await p.waitForFunction(`Number(document.querySelector('svg.ln-svg').dataset.zoom) < ${before}`);
    // Zoomed out far enough, each node is one colored box and all edges one path.
    for (let i = 0; i < 5; i++) await p.getByRole('button', { name: 'Zoom out' }).click();
    await p.waitForFunction(`document.querySelectorAll('svg.ln-far rect.ln-node').length === 4`);
    expect(await p.locator('svg.ln-far .ln-edge-all').count()).toBe(1);
    expect(await p.locator('svg.ln-far text').count()).toBe(0);
    await p.getByRole('button', { name: 'Fit the graph' }).click();
    await p.waitForFunction(`document.querySelectorAll('svg:not(.ln-far) g.ln-node').length === 4`);
    // Drag pans: the group's translation moves by the drag.
    const transform = () => p.locator('svg.ln-svg > g').getAttribute('transform');
    const moved = await transform();
    const box = (await p.locator('svg.ln-svg').boundingBox())!;
    await p.mouse.move(box.x + 20, box.y + box.height - 20);
    await p.mouse.down();
    await p.mouse.move(box.x + 120, box.y + box.height - 60, { steps: 5 });
    await p.mouse.up();
    await p.waitForFunction(`document.querySelector('svg.ln-svg > g').getAttribute('transform') !== ${JSON.stringify(moved)}`);
    expect(p.url()).toContain('/lineage');

    await p.getByLabel('Focus on an asset').fill('no_such_asset_at_all');
    await p.keyboard.press('Enter');
    await p.getByText('No asset matches').waitFor();
    await p.goto(`${server.base}/lineage?focus=model:gone`);
    await p.getByRole('alert').getByText('no asset model:gone').waitFor();
    await p.close();
  }, 40_000);

  it('opens an asset page when a node is clicked', async () => {
    const p = await openPage(browser, { token: server.token });
    await p.goto(`${server.base}/lineage`);
    await waitForAll(p, WHOLE);
    await p.locator('.ln-node[data-key="model:order_totals"] .ln-name').click();
    await p.waitForURL(/\/catalog\/model%3Aorder_totals$/);
    await p.getByRole('heading', { name: /order_totals/ }).first().waitFor();
    await p.close();
  }, 30_000);
});

describe('the lineage search box', () => {
  const keys = ['connection:shop', 'source:shop.orders', 'seed:orders', 'model:orders', 'model:stg_2', 'test:not_null_orders_id'];
  it('reads names, keys and dbt-style levels', () => {
    expect(parseFocusQuery('orders', keys)).toEqual({ key: 'model:orders' });
    expect(parseFocusQuery('seed:orders', keys)).toEqual({ key: 'seed:orders' });
    expect(parseFocusQuery('stg_2', keys)).toEqual({ key: 'model:stg_2' });
    expect(parseFocusQuery('2+orders+1', keys)).toEqual({ key: 'model:orders', up: 2, down: 1 });
    expect(parseFocusQuery('+orders', keys)).toEqual({ key: 'model:orders', up: ALL_LEVELS, down: 0 });
    expect(parseFocusQuery('orders+', keys)).toEqual({ key: 'model:orders', up: 0, down: ALL_LEVELS });
    expect(parseFocusQuery('shop.ord', keys)).toEqual({ key: 'source:shop.orders' });
    expect(parseFocusQuery('nothing_like_it', keys)).toBeUndefined();
    expect(parseFocusQuery('  ', keys)).toBeUndefined();
  });
});
