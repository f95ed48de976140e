import { describe, expect, it } from 'vitest';
import { runServe } from '../../src/cli/commands/serve.js';
import { silentLogger } from '../../src/core/logger.js';
import { queryRows, tempDir, writeFiles } from '../support/cli-harness.js';
import { until, serverIo } from '../support/serve-process.js';

const project = {
  'basin.yml': [
    'name: served',
    'warehouse:',
    '  type: duckdb',
    '  path: wh.duckdb',
    'jobs:',
    '  every_two_seconds:',
    '    select: source:shop+',
    '    schedule: "*/2 * * * * *"',
    '  on_demand:',
    '    select: [total]',
    '',
  ].join('\n'),
  'sources/shop.yml': 'type: files\nschema: shop\nstreams:\n  orders:\n    path: data/orders.csv\n',
  'data/orders.csv': 'id,amount\n1,10\n2,20\n',
  'models/sources.yml': 'version: 2\nsources:\n  - name: shop\n    tables:\n      - name: orders\n',
  'models/total.sql': "select sum(cast(amount as integer)) as total from {{ source('shop', 'orders') }}\n",
};

describe('basin serve', () => {
  it('runs scheduled jobs and on-demand runs, and answers the API', async () => {
    const { dir, cleanup } = await tempDir();
    await writeFiles(dir, project);
    const { io, url, token } = serverIo(dir);
    const controller = new AbortController();
    const served = runServe({ project: dir, port: '0' }, io, silentLogger, controller.signal);
    try {
      const base = await url();
      const auth = { authorization: `Bearer ${await token()}` };
      const get = async (path: string) => (await fetch(`${base}${path}`, { headers: auth })).json() as Promise<Record<string, unknown> & Array<Record<string, unknown>>>;
      expect(await get('/api/health')).toMatchObject({ status: 'ok' });
      const jobs = await get('/api/jobs');
      expect(jobs.map((j) => [j['name'], typeof j['next_run_at']])).toEqual([
        ['every_two_seconds', 'string'],
        ['on_demand', 'object'],
      ]);
      const assets = await get('/api/assets');
      expect(assets.map((a) => a['key'])).toEqual(expect.arrayContaining(['connection:shop', 'source:shop.orders', 'model:total']));

      // The schedule fires by itself; the run ingests the connection and builds what depends on it.
      const scheduled = await until('a scheduled run', async () => {
        const { runs } = (await get('/api/runs?job=every_two_seconds')) as unknown as { runs: Array<Record<string, unknown>> };
        return runs.find((r) => r['status'] === 'succeeded');
      });
      expect(scheduled).toMatchObject({ trigger: 'schedule', selector: ['source:shop+'] });
      // A due tick starts its run well within a second (a timer armed to the tick, no polling).
      const lateMs = Date.parse(String(scheduled['started_at'])) - Date.parse(String(scheduled['scheduled_for']));
      expect(lateMs).toBeGreaterThanOrEqual(0);
      expect(lateMs).toBeLessThan(1000);
      const detail = await get(`/api/runs/${String(scheduled['id'])}`);
      expect((detail['assets'] as Array<Record<string, unknown>>).map((a) => `${String(a['asset'])}=${String(a['status'])}`).sort()).toEqual(
        ['connection:shop=succeeded', 'model:total=succeeded', 'source:shop.orders=succeeded'],
      );
      expect(await queryRows(dir, 'select total from total')).toEqual([{ total: 30 }]);

      // On demand, through the API.
      const trigger = await fetch(`${base}/api/jobs/on_demand/run`, { method: 'POST', headers: auth });
      expect(trigger.status).toBe(202);
      const { run_id: runId } = (await trigger.json()) as { run_id: string };
      const done = await until('the triggered run', async () => {
        const run = await get(`/api/runs/${runId}`);
        return run['status'] === 'succeeded' ? run : undefined;
      });
      expect(done).toMatchObject({ job: 'on_demand', trigger: 'api' });
      const events = await get(`/api/runs/${runId}/events`);
      expect(events.some((e) => e['type'] === 'asset_succeeded' && e['asset'] === 'model:total')).toBe(true);
      expect((await fetch(`${base}/api/jobs/nope/run`, { method: 'POST', headers: auth })).status).toBe(404);
      expect((await fetch(`${base}/api/runs/${runId}/cancel`, { method: 'POST', headers: auth })).status).toBe(409);

      // Ad-hoc selections; bad ones are refused before any run is recorded.
      const post = async (path: string, body: unknown) => {
        const res = await fetch(`${base}${path}`, { method: 'POST', body: JSON.stringify(body), headers: { ...auth, 'content-type': 'application/json' } });
        return { status: res.status, body: (await res.json()) as Record<string, unknown> };
      };
      expect(await post('/api/runs', { select: ['no_such_thing'] })).toMatchObject({ status: 400 });
      expect(await post('/api/runs', { select: 'total', surprise: true })).toMatchObject({ status: 400, body: { code: 'USAGE' } });
      const adHoc = await post('/api/runs', { select: 'total', full_refresh: true });
      expect(adHoc.status).toBe(202);
      const adHocRun = await until('the ad-hoc run', async () => {
        const run = await get(`/api/runs/${String(adHoc.body['run_id'])}`);
        return run['status'] === 'succeeded' ? run : undefined;
      });
      expect(adHocRun).toMatchObject({ job: null, trigger: 'api', selector: ['total'] });
      expect((adHocRun['assets'] as unknown[]).length).toBe(1);
      expect(await post(`/api/runs/${String(adHoc.body['run_id'])}/rerun`, {})).toMatchObject({ status: 409 });

      // Read-only queries in the target schema.
      expect(await post('/api/query', { sql: 'select total from total' })).toMatchObject({ status: 200, body: { rows: [{ total: 30 }], truncated: false } });
      expect(await post('/api/query', { sql: 'drop table total' })).toMatchObject({ status: 403, body: { code: 'READ_ONLY' } });
      expect(await post('/api/query', { sql: 'select * from nowhere' })).toMatchObject({ status: 400, body: { code: 'WAREHOUSE' } });
    } finally {
      controller.abort();
      expect(await served).toBe(0);
      await cleanup();
    }
  }, 60_000);
});
