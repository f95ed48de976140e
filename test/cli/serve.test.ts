import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runServe } from '../../src/cli/commands/serve.js';
import { silentLogger } from '../../src/core/logger.js';
import { queryRows, tempDir, writeFiles } from '../support/cli-harness.js';

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

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('basin serve', () => {
  it('runs scheduled jobs and on-demand runs, and answers the API', async () => {
    const { dir, cleanup } = await tempDir();
    await writeFiles(dir, project);
    let stderr = '';
    const io = {
      cwd: dir,
      stdout: new Writable({ write: (_c, _e, done) => done() }),
      stderr: new Writable({
        write(chunk: Buffer, _e, done) {
          stderr += chunk.toString();
          done();
        },
      }),
    };
    const controller = new AbortController();
    const served = runServe({ project: dir, port: '0' }, io, silentLogger, controller.signal);
    try {
      const base = await until('the server', async () => /on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr)?.[1]);
      const get = async (path: string) => (await fetch(`${base}${path}`)).json() as Promise<Record<string, unknown> & Array<Record<string, unknown>>>;
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
      const trigger = await fetch(`${base}/api/jobs/on_demand/run`, { method: 'POST' });
      expect(trigger.status).toBe(202);
      const { run_id: runId } = (await trigger.json()) as { run_id: string };
      const done = await until('the triggered run', async () => {
        const run = await get(`/api/runs/${runId}`);
        return run['status'] === 'succeeded' ? run : undefined;
      });
      expect(done).toMatchObject({ job: 'on_demand', trigger: 'api' });
      const events = await get(`/api/runs/${runId}/events`);
      expect(events.some((e) => e['type'] === 'asset_succeeded' && e['asset'] === 'model:total')).toBe(true);
      expect((await fetch(`${base}/api/jobs/nope/run`, { method: 'POST' })).status).toBe(404);
      expect((await fetch(`${base}/api/runs/${runId}/cancel`, { method: 'POST' })).status).toBe(409);
    } finally {
      controller.abort();
      expect(await served).toBe(0);
      await cleanup();
    }
  }, 60_000);
});
