/**
 * Dashboards load per query: the run API answers a subset of the page's
 * queries (`queries: [...]`, unknown names refused), and in headless
 * Chromium a fast chart is drawn while a slow query (a DuckDB cross join
 * over generated ranges) is still running; an input change re-requests only
 * the queries that read it, and an answer for an earlier input state never
 * replaces a newer one.
 */
import type { Browser, Request, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequestQueue } from '../../ui/pages/dashboards/request-queue.js';
import { INPUTS_REQUEST, queryRequests } from '../../ui/pages/dashboards/query-requests.js';
import { parseDashboard } from '../../src/dashboards/parse-dashboard.js';
import { launchChromium, openPage, screenshot } from './browser.js';
import { startBuiltServer, type UiServer } from './ui-server.js';

const fence = '```';
/** The slow query's side for size=large: about 2 s of DuckDB work on this kind of machine (N² pairs). */
const LARGE = 14_000;
const SMALL = 2_000;
const PAGE = [
  '# Streaming',
  '',
  `${fence}input\nname: label\ntype: text\ndefault: a\n${fence}`,
  `${fence}input\nname: size\ntype: dropdown\noptions: [small, large]\ndefault: large\n${fence}`,
  `${fence}input\nname: seed\ntype: text\ndefault: '0'\n${fence}`,
  `${fence}sql fast\nselect x as k, x + 1 as v from range(3) t(x)\n${fence}`,
  `${fence}sql labels\nselect ${'${inputs.label}'} || '-' || x as name from range(2) t(x) order by name\n${fence}`,
  `${fence}sql slow`,
  `select count(*) as n from range(case when ${'${inputs.size}'} = 'large' then ${LARGE} else ${SMALL} end) a(x),`,
  `  range(case when ${'${inputs.size}'} = 'large' then ${LARGE} else ${SMALL} end) b(y)`,
  `where (x * 31 + y * 17 + cast(${'${inputs.seed}'} as integer)) % 1013 = 7`,
  fence,
  `${fence}chart\ntype: big_number\ndata: slow\ntitle: Slow\nvalue: n\n${fence}`,
  `${fence}chart\ntype: bar\ndata: fast\ntitle: Fast\nx: k\ny: [v]\n${fence}`,
  `${fence}chart\ntype: table\ndata: labels\ntitle: Labels\n${fence}`,
  '',
].join('\n');

const PROJECT: Record<string, string> = {
  'basin.yml': 'name: ui_dashboard_streaming\nwarehouse:\n  type: duckdb\n  path: wh.duckdb\n',
  'seeds/items.csv': 'id\n1\n',
  'dashboards/streaming.md': PAGE,
};

/** The slow query's answer: pairs (x, y) in [0, n)² with (31x + 17y + seed) % 1013 = 7. */
function expectedCount(n: number, seed: number): number {
  let count = 0;
  for (let x = 0; x < n; x++) for (let y = 0; y < Math.min(n, 1013); y++) if ((x * 31 + y * 17 + seed) % 1013 === 7) count += Math.floor((n - 1 - y) / 1013) + 1;
  return count;
}

describe('dashboard requests, pure', () => {
  const dashboard = parseDashboard(PAGE, { name: 'streaming', file: 'dashboards/streaming.md' });

  it('asks for the controls once and for each charted query with only the inputs it reads', () => {
    const requests = queryRequests(dashboard.blocks, { label: 'b', size: 'small', other: 'x' });
    expect(requests.map((r) => [r.id, r.queries, r.inputs])).toEqual([
      [INPUTS_REQUEST, [], { label: 'b', size: 'small' }],
      ['slow', ['slow'], { size: 'small' }],
      ['fast', ['fast'], {}],
      ['labels', ['labels'], { label: 'b' }],
    ]);
    const after = queryRequests(dashboard.blocks, { label: 'c', size: 'small' });
    const changed = after.filter((r, i) => r.key !== requests[i]!.key).map((r) => r.id);
    expect(changed).toEqual([INPUTS_REQUEST, 'labels']);
  });

  it('keeps at most N tasks running; an aborted waiting task never runs', async () => {
    const queue = createRequestQueue(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const task = (n: number) => async () => {
      started.push(n);
      most = Math.max(most, ++running);
      await new Promise((r) => setTimeout(r, 10));
      running--;
      return n;
    };
    const gone = new AbortController();
    const all = [1, 2, 3].map((n) => queue.run(task(n), new AbortController().signal));
    const aborted = queue.run(task(4), gone.signal).catch((err: unknown) => err);
    gone.abort(new Error('superseded'));
    const last = queue.run(task(5), new AbortController().signal);
    expect(await Promise.all([...all, last])).toEqual([1, 2, 3, 5]);
    expect(await aborted).toEqual(new Error('superseded'));
    expect(most).toBe(2);
    expect(started).toEqual([1, 2, 3, 5]);
  });
});

describe('a dashboard loading per query', () => {
  let server: UiServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startBuiltServer(PROJECT, 'basin-ui-dashboard-streaming-'), launchChromium()]);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const run = async (body: unknown): Promise<{ status: number; body: { queries?: Record<string, { rows: Array<Record<string, unknown>> }>; inputs?: Array<{ name: string }>; error?: string } }> => {
    const res = await fetch(`${server.base}/api/dashboards/streaming/run`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(server.token ? { authorization: `Bearer ${server.token}` } : {}) },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as never };
  };

  it('POST .../run with queries answers only those; an unknown name is a 400 naming it', async () => {
    const one = await run({ inputs: { label: 'q' }, queries: ['labels'] });
    expect(one.status).toBe(200);
    expect(Object.keys(one.body.queries!)).toEqual(['labels']);
    expect(one.body.queries!['labels']!.rows.map((r) => r['name'])).toEqual(['q-0', 'q-1']);
    const two = await run({ inputs: { size: 'small' }, queries: ['fast', 'slow'] });
    expect(Object.keys(two.body.queries!).sort()).toEqual(['fast', 'slow']);
    expect(Number(two.body.queries!['slow']!.rows[0]!['n'])).toBe(expectedCount(SMALL, 0));
    const whole = await run({ inputs: { size: 'small' } });
    expect(Object.keys(whole.body.queries!).sort()).toEqual(['fast', 'labels', 'slow']);
    expect(whole.body.inputs!.map((i) => i.name)).toEqual(['label', 'size', 'seed']);

    const unknown = await run({ queries: ['fast', 'nope'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toBe('queries: no query nope on dashboard streaming (its queries: fast, labels, slow)');
    const wrongType = await run({ queries: 'fast' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error).toMatch(/queries/);
  }, 30_000);

  it('draws the fast chart while the slow query still runs, then the slow one', async () => {
    const p = await openPage(browser, { token: server.token, theme: 'light' });
    await p.goto(`${server.base}/dashboards/streaming`);
    await p.locator('[data-query="fast"] .db-echart[data-rendered="true"]').waitFor();
    await p.locator('[data-query="labels"] .db-table').waitFor();
    // The slow card is still loading: its query (a cross join of ranges) has not answered yet.
    expect(await p.locator('[data-query="slow"]').getAttribute('aria-busy')).toBe('true');
    expect(await p.locator('[data-query="slow"] .db-big').count()).toBe(0);
    expect(await p.locator('[data-query="slow"] .state-loading').count()).toBe(1);
    await screenshot(p, 'dashboard-streaming');
    await p.locator('[data-query="slow"] .db-big').waitFor({ timeout: 60_000 });
    expect(Number(await p.locator('[data-query="slow"] .db-big').getAttribute('data-value'))).toBe(expectedCount(LARGE, 0));
    expect(await p.locator('[data-query="slow"]').getAttribute('aria-busy')).toBe('false');
    await p.close();
  }, 90_000);

  it('re-requests only the queries that read a changed input; an answer for an earlier state never replaces a newer one', async () => {
    const p = await openPage(browser, { token: server.token, theme: 'light' });
    const names = () => p.locator('[data-query="labels"] .db-table tbody td').allTextContents();
    await p.goto(`${server.base}/dashboards/streaming?size=small`);
    await p.locator('[data-query="slow"] .db-big').waitFor();
    await p.locator('[data-query="labels"] .db-table').waitFor();

    // Changing `label` asks again for the controls and for `labels` only.
    const asked: string[][] = [];
    const record = (r: Request) => {
      if (r.url().endsWith('/api/dashboards/streaming/run')) asked.push((JSON.parse(r.postData() ?? '{}') as { queries: string[] }).queries);
    };
    p.on('request', record);
    await p.locator('input[name="label"]').fill('b');
    await p.waitForURL(/[?&]label=b/);
    await expect.poll(names).toEqual(['b-0', 'b-1']);
    p.off('request', record);
    expect(asked.sort()).toEqual([[], ['labels']]);

    // Hold the answer for label=c, move on to label=d, then let the held answer through: d stays.
    let held: Route | undefined;
    await p.route('**/api/dashboards/streaming/run', async (route) => {
      const body = JSON.parse(route.request().postData() ?? '{}') as { inputs: Record<string, string>; queries: string[] };
      if (body.queries.includes('labels') && body.inputs['label'] === 'c') held = route;
      else await route.continue();
    });
    await p.locator('input[name="label"]').fill('c');
    await expect.poll(() => held !== undefined).toBe(true);
    await p.locator('input[name="label"]').fill('d');
    await expect.poll(names).toEqual(['d-0', 'd-1']);
    const stale = await held!.fetch();
    await held!.fulfill({ response: stale }).catch(() => undefined);
    await p.waitForTimeout(500);
    expect(await names()).toEqual(['d-0', 'd-1']);
    expect(await p.locator('[data-query="labels"]').getAttribute('aria-busy')).toBe('false');
    await p.close();
  }, 60_000);
});
