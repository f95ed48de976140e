import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_TOKEN, startFakeApi, type FakeApi } from '../../src/ingest/sources/rest/test-support/fake-api.js';
import { basin, tempDir, writeFiles, queryRows } from '../support/cli-harness.js';

let api: FakeApi;
beforeAll(async () => {
  // A flaky API: every fourth request is answered 429 with Retry-After, every seventh 500.
  api = await startFakeApi({
    fault: (index) => (index % 4 === 3 ? { type: 'status', status: 429, headers: { 'retry-after': '0' } } : index % 7 === 6 ? { type: 'status', status: 500 } : undefined),
  });
  process.env['BASIN_TEST_REST_TOKEN'] = FAKE_TOKEN;
});
afterAll(async () => {
  delete process.env['BASIN_TEST_REST_TOKEN'];
  await api.server.close();
});


describe('basin ingest with a declarative REST connection', () => {
  it('pages through a flaky API with retries, loads parents and children, and resumes incrementally', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      await writeFiles(dir, {
        'basin.yml': 'name: rest\nwarehouse:\n  type: duckdb\n  path: wh.duckdb\n',
        'sources/crm.yml': [
          'type: rest',
          'audience: gtm',
          'config:',
          `  base_url: ${api.url}`,
          '  auth: { type: bearer, token: "${env:BASIN_TEST_REST_TOKEN}" }',
          '  rate_limit: { requests: 50, per_seconds: 1 }',
          '  paginator: { type: cursor, cursor_path: paging.next.after, param: after }',
          '  resources:',
          '    customers:',
          '      path: /customers',
          '      records: data',
          '      primary_key: [id]',
          '      cursor: { field: updated_at, param: updated_since, lookback: 1h }',
          '      write: merge',
          '    customer_invoices:',
          '      path: /customers/{customers.id}/invoices',
          '      records: data',
          '      primary_key: [id]',
          '      write: merge',
          '      paginator: { type: page_number, total_pages_path: total_pages }',
          '',
        ].join('\n'),
      });
      const first = await basin(['ingest', '--project', dir, '--json']);
      expect(first.code, first.stdout + first.stderr).toBe(0);
      expect(first.stdout + first.stderr).not.toContain(FAKE_TOKEN);
      expect(await queryRows(dir, 'select count(*) as n, count(distinct address__city) as cities from crm.customers')).toEqual([{ n: 45, cities: 3 }]);
      const expectedInvoices = api.customers.reduce((n, c) => n + api.invoicesOf(c.id).length, 0);
      expect(await queryRows(dir, 'select count(*) as n from crm.customer_invoices')).toEqual([{ n: expectedInvoices }]);

      api.touch('c007', '2030-01-01T00:00:00.000Z');
      const second = await basin(['ingest', 'crm.customers', '--project', dir, '--json']);
      expect(second.code, second.stderr).toBe(0);
      expect(await queryRows(dir, "select count(*) as n, max(updated_at) as latest from crm.customers")).toEqual([
        { n: 45, latest: expect.stringMatching(/^2030-01-01/) as unknown },
      ]);
    } finally {
      await cleanup();
    }
  });
});
