import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtScript, SECRET, startUiServer, type UiServer } from './ui-server.js';

describe('basin serve: the UI files and the catalog API', () => {
  let server: UiServer;
  const headers = (): Record<string, string> => (server.token ? { authorization: `Bearer ${server.token}` } : {});
  beforeAll(async () => {
    server = await startUiServer();
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('serves index.html at / and for any page path (SPA fallback), hashed assets for good', async () => {
    for (const page of ['/', '/catalog', '/runs/some-run-id', '/catalog/model%3Aorder_totals']) {
      const res = await fetch(`${server.base}${page}`);
      expect(res.status, page).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toContain('<div id="root"></div>');
    }
    const script = await fetch(`${server.base}${builtScript()}`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect(script.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${server.base}/assets/main-GONE.js`)).status).toBe(404);
  });

  it('refuses API requests without a token when the server has auth; the UI files need none', async () => {
    const page = await fetch(`${server.base}/catalog`);
    expect(page.status).toBe(200);
    const health = await fetch(`${server.base}/api/health`);
    expect(health.status).toBe(200);
    const catalog = await fetch(`${server.base}/api/catalog`);
    if (server.token) {
      expect(catalog.status).toBe(401);
      expect(await catalog.json()).toMatchObject({ code: 'UNAUTHORIZED' });
      const wrong = await fetch(`${server.base}/api/catalog`, { headers: { authorization: 'Bearer basin_wrong' } });
      expect(wrong.status).toBe(401);
    } else {
      expect(catalog.status).toBe(200);
    }
  });

  it('keeps unknown /api/ paths JSON 404s', async () => {
    for (const [method, p] of [
      ['GET', '/api/nope'],
      ['GET', '/api/runs/no-such-run'],
      ['POST', '/api/nope'],
      ['GET', '/api/catalog/assets/model%3Anope'],
    ] as const) {
      const res = await fetch(`${server.base}${p}`, { method, headers: headers() });
      expect(res.status, `${method} ${p}`).toBe(404);
      expect(res.headers.get('content-type'), p).toMatch(/application\/json/);
      expect(await res.json()).toHaveProperty('error');
    }
  });

  it('lists connections with their streams, rows and loads, and models with columns and tests, without secrets', async () => {
    const res = await fetch(`${server.base}/api/catalog`, { headers: headers() });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('"config"');
    const catalog = JSON.parse(text) as {
      warehouse_ok: boolean;
      connections: Array<Record<string, unknown> & { streams: Array<Record<string, unknown>> }>;
      assets: Array<Record<string, unknown> & { columns: Array<Record<string, unknown> & { tests: Array<Record<string, unknown>> }> }>;
      facets: Record<string, string[]>;
    };
    expect(catalog.warehouse_ok).toBe(true);
    const shop = catalog.connections.find((c) => c['name'] === 'shop')!;
    expect(shop).toMatchObject({ pipeline: 'Basin ingest of the shop exports', audience: 'finance', owner: 'data-team', schema: 'shop', type: 'files' });
    expect(shop.streams).toEqual([expect.objectContaining({ name: 'orders', asset_key: 'source:shop.orders', row_count: 3, last: expect.objectContaining({ status: 'succeeded' }) })]);
    expect(catalog.connections.find((c) => c['name'] === 'billing')).toMatchObject({ type: 'stripe', owner: 'finance-ops', streams: [], last: null });

    const totals = catalog.assets.find((a) => a['key'] === 'model:order_totals')!;
    expect(totals).toMatchObject({ kind: 'model', audiences: ['finance'], relation: 'main.order_totals', row_count: 2, upstream: expect.arrayContaining(['seed:countries', 'source:shop.orders']) });
    const country = totals.columns.find((c) => c['name'] === 'country_name')!;
    expect(country['type']).toMatch(/VARCHAR/i);
    expect(country['description']).toBe('The country name from the countries seed.');
    expect(country.tests.map((t) => [t['name'], (t['last'] as { status?: string } | null)?.status])).toEqual([
      ['not_null', 'succeeded'],
      ['unique', 'succeeded'],
    ]);
    expect(catalog.assets.find((a) => a['key'] === 'source:shop.orders')).toMatchObject({ downstream: expect.arrayContaining(['model:order_totals', 'model:big_orders']) });
    expect(catalog.facets['kinds']).toEqual(expect.arrayContaining(['connection', 'model', 'seed', 'source']));
  });

  it('gives one asset with its compiled SQL and recent runs', async () => {
    const res = await fetch(`${server.base}/api/catalog/assets/${encodeURIComponent('model:order_totals')}`, { headers: headers() });
    const detail = (await res.json()) as Record<string, unknown> & { recent_runs: unknown[] };
    expect(detail['compiled_sql']).toMatch(/from "shop"\."orders" o join "main"\."countries" c/i);
    expect(detail['raw_sql']).toContain("{{ ref('countries') }}");
    expect(detail.recent_runs).toEqual([expect.objectContaining({ job: 'load_shop', status: 'succeeded' })]);
    const billing = (await (await fetch(`${server.base}/api/catalog/assets/${encodeURIComponent('connection:billing')}`, { headers: headers() })).text());
    expect(billing).not.toContain(SECRET);
  });
});
