import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { runServe } from '../../src/cli/commands/serve.js';
import { createMemoryLogger } from '../../src/core/logger.js';
import { basin, tempDir, writeFiles } from '../support/cli-harness.js';
import { api, until, serverIo } from '../support/serve-process.js';

interface Received {
  path: string;
  body: { text?: string; blocks?: unknown[]; basin: { event: string; job: string | null; run_id: string; link: string; assets: Array<{ key: string; status: string; detail: string | null }> } };
}

describe('basin serve alerts', () => {
  it('posts a Slack-compatible alert for a failed job run and once per freshness breach, and logs each', async () => {
    const received: Received[] = [];
    const hook = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const parsed = JSON.parse(body) as Received['body'] & Received['body']['basin'];
        // Slack format nests Basin's object under `basin`; the json format is that object alone.
        received.push({ path: req.url ?? '', body: parsed.basin ? parsed : { basin: parsed } });
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    const hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}`;
    const { dir, cleanup } = await tempDir();
    await writeFiles(dir, {
      'basin.yml': [
        'name: alerting',
        'warehouse: { type: duckdb, path: wh.duckdb }',
        'jobs:',
        '  load: { select: "source:shop+" }',
        '  broken_job: { select: broken }',
        '  quiet_job: { select: broken }',
        'freshness:',
        '  - select: source:shop.orders',
        '    error_after_hours: 0.0003',
        'server:',
        '  url: https://basin.example.com/',
        '  freshness_check: "*/2 * * * * *"',
        'alerts:',
        '  data_team:',
        `    webhook: ${hookUrl}/slack/T000/B000/secret-token`,
        '    on: [run_failed, freshness_error]',
        '    jobs: [broken_job]',
        '  machines:',
        `    webhook: ${hookUrl}/json`,
        '    format: json',
        '    on: freshness_error',
        '',
      ].join('\n'),
      'sources/shop.yml': 'type: files\nschema: shop\nstreams:\n  orders:\n    path: data/orders.csv\n',
      'data/orders.csv': 'id,amount\n1,10\n',
      'models/sources.yml': 'version: 2\nsources:\n  - name: shop\n    tables:\n      - name: orders\n',
      'models/broken.sql': 'select * from no_such_table_anywhere\n',
    });
    const loaded = await basin(['pipeline', 'source:shop', '--project', dir], dir);
    expect(loaded.code, loaded.stderr).toBe(0);

    const { io, url } = serverIo(dir);
    const logger = createMemoryLogger();
    const controller = new AbortController();
    const served = runServe({ project: dir, port: '0' }, io, logger, controller.signal);
    try {
      const base = await url();
      const jobs = (await api<Array<{ name: string; next_run_at: string | null }>>(base, '/api/jobs')).body;
      expect(jobs.map((j) => j.name)).toContain('basin.freshness');

      // A failed run of a job the channel listens to: one alert with the asset, its error and a link.
      const { body: started } = await api<{ run_id: string }>(base, '/api/jobs/broken_job/run', {});
      const failedAlert = await until('the run_failed alert', async () => received.find((r) => r.body.basin.event === 'run_failed'));
      expect(failedAlert.path).toBe('/slack/T000/B000/secret-token');
      expect(failedAlert.body.text).toContain('Job broken_job failed: 1 of 1 asset(s) failed');
      expect(failedAlert.body.blocks?.length).toBeGreaterThanOrEqual(3);
      expect(failedAlert.body.basin).toMatchObject({ job: 'broken_job', run_id: started.run_id, link: `https://basin.example.com/api/runs/${started.run_id}` });
      expect(failedAlert.body.basin.assets).toEqual([{ key: 'model:broken', status: 'failed', detail: expect.stringContaining('no_such_table_anywhere') }]);

      // The other job's failure is logged but not sent to data_team (it listens to broken_job only).
      const { body: quiet } = await api<{ run_id: string }>(base, '/api/jobs/quiet_job/run', {});
      await until('the quiet run to fail', async () => ((await api<{ status: string }>(base, `/api/runs/${quiet.run_id}`)).body.status === 'failed' ? true : undefined));

      // Freshness: the orders table is older than ~1 s. Checks every 2 s; the breach alerts once per channel.
      await until('three freshness checks', async () => {
        const { runs } = (await api<{ runs: Array<{ status: string }> }>(base, '/api/runs?job=basin.freshness')).body;
        return runs.filter((r) => r.status === 'failed').length >= 3 ? true : undefined;
      }, 20_000);
      const freshness = received.filter((r) => r.body.basin.event === 'freshness_error');
      expect(freshness.map((r) => r.path).sort()).toEqual(['/json', '/slack/T000/B000/secret-token']);
      const json = freshness.find((r) => r.path === '/json')!.body.basin;
      expect(json.assets).toEqual([{ key: 'source:shop.orders', status: 'error', detail: expect.stringMatching(/h old \(error after 0.0003 h\)$/) }]);
      expect(received.filter((r) => r.body.basin.event === 'run_failed')).toHaveLength(1);

      const lines = logger.entries.filter((e) => e.message.startsWith('ALERT '));
      expect(lines.map((e) => e.message)).toEqual(expect.arrayContaining([expect.stringContaining('Job broken_job failed'), expect.stringContaining('Job quiet_job failed')]));
      expect(JSON.stringify(logger.entries)).not.toContain('secret-token');
    } finally {
      controller.abort();
      expect(await served).toBe(0);
      hook.close();
      await cleanup();
    }
  }, 60_000);
});
