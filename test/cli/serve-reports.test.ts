import { describe, expect, it } from 'vitest';
import { runServe } from '../../src/cli/commands/serve.js';
import { createMemoryLogger } from '../../src/core/logger.js';
import { basin, tempDir, writeFiles } from '../support/cli-harness.js';
import { api, until, serverIo } from '../support/serve-process.js';
import { startSmtpSink } from '../support/smtp-sink.js';

describe('basin serve dashboards and reports', () => {
  it('serves a dashboard through the API (cached until what it reads is rebuilt) and e-mails its report as a job run', async () => {
    const sink = await startSmtpSink({ password: 'smtp-pw-7788' });
    const { dir, cleanup } = await tempDir();
    await writeFiles(dir, {
      'basin.yml': [
        'name: reports',
        'warehouse: { type: duckdb, path: wh.duckdb }',
        'smtp:',
        '  host: 127.0.0.1',
        `  port: ${sink.port}`,
        '  user: basin',
        '  password: ${env:SMTP_TEST_PW:-smtp-pw-7788}',
        '  from: Basin <reports@example.com>',
        '',
      ].join('\n'),
      'seeds/orders.csv': 'id,plan,amount\n1,free,0\n2,team,40\n3,team,60\n',
      'models/revenue_by_plan.sql': "select plan, sum(amount) as revenue from {{ ref('orders') }} group by plan\n",
      'dashboards/revenue.md': [
        '---',
        'title: Revenue by plan',
        'schedule: "0 7 * * 1"',
        'to: [finance@example.com]',
        '---',
        '',
        '```sql by_plan',
        "select plan, revenue from {{ ref('revenue_by_plan') }} order by plan",
        '```',
        '',
        '```chart',
        'type: table',
        'data: by_plan',
        '```',
        '',
      ].join('\n'),
    });
    expect((await basin(['build', '--project', dir], dir)).code).toBe(0);

    const { io, url } = serverIo(dir);
    const controller = new AbortController();
    const served = runServe({ project: dir, port: '0' }, io, createMemoryLogger(), controller.signal);
    try {
      const base = await url();
      const list = (await api<Array<{ name: string; reads: string[]; report: { schedule: string } | null }>>(base, '/api/dashboards')).body;
      expect(list).toEqual([expect.objectContaining({ name: 'revenue', reads: ['model:revenue_by_plan'], report: expect.objectContaining({ schedule: '0 7 * * 1' }) })]);
      type Run = { queries: Record<string, { rows: Array<Record<string, unknown>>; cached: boolean }>; dataVersion: string };
      const first = (await api<Run>(base, '/api/dashboards/revenue/run', { inputs: {} })).body;
      expect(first.queries['by_plan']!.rows).toEqual([{ plan: 'free', revenue: 0 }, { plan: 'team', revenue: 100 }]);
      expect((await api<Run>(base, '/api/dashboards/revenue/run', { inputs: {} })).body.queries['by_plan']!.cached).toBe(true);
      // Rebuilding what it reads moves the data version: the next view recomputes.
      const { body: rebuilt } = await api<{ run_id: string }>(base, '/api/runs', { select: ['revenue_by_plan'] });
      await until('the rebuild', async () => ((await api<{ status: string }>(base, `/api/runs/${rebuilt.run_id}`)).body.status === 'succeeded' ? true : undefined));
      const after = (await api<Run>(base, '/api/dashboards/revenue/run', { inputs: {} })).body;
      expect(after.dataVersion).not.toBe(first.dataVersion);
      expect(after.queries['by_plan']!.cached).toBe(false);

      const jobs = (await api<Array<{ name: string; schedule: string | null }>>(base, '/api/jobs')).body;
      expect(jobs).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'report_revenue', schedule: '0 7 * * 1' })]));
      const { body: report } = await api<{ run_id: string }>(base, '/api/jobs/report_revenue/run', {});
      const run = await until('the report run', async () => {
        const r = (await api<{ status: string }>(base, `/api/runs/${report.run_id}`)).body;
        return ['succeeded', 'failed'].includes(r.status) ? r : undefined;
      }, 30_000);
      expect(run.status).toBe('succeeded');
      expect(sink.messages).toHaveLength(1);
      expect(sink.messages[0]!.subject).toMatch(/^Revenue by plan — \d{4}-\d{2}-\d{2}$/);
      expect(sink.messages[0]!.html).toMatch(/<td>team<\/td><td>100<\/td>/);
      const events = (await api<Array<{ type: string; message: string }>>(base, `/api/runs/${report.run_id}/events`)).body;
      expect(events.map((e) => e.type)).toContain('report_sent');
      expect(JSON.stringify(events)).not.toContain('smtp-pw-7788');
    } finally {
      controller.abort();
      expect(await served).toBe(0);
      await sink.close();
      await cleanup();
    }
  }, 90_000);
});
