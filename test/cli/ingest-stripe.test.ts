import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, STRIPE_SANDBOX_KEY, type Sandbox } from '../../src/sandbox/index.js';
import { basin, tempDir, writeFiles, queryRows } from '../support/cli-harness.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 11 });
  process.env['BASIN_TEST_STRIPE_KEY'] = STRIPE_SANDBOX_KEY;
});
afterAll(async () => {
  delete process.env['BASIN_TEST_STRIPE_KEY'];
  await sandbox.close();
});

interface StreamResult {
  stream: string;
  status: string;
  summary?: { rows?: number };
}

async function served(path: string): Promise<string[]> {
  const ids: string[] = [];
  let after = '';
  for (;;) {
    const res = await fetch(`${sandbox.baseUrl('stripe')}/v1/${path}${path.includes('?') ? '&' : '?'}limit=100${after ? `&starting_after=${after}` : ''}`, {
      headers: { authorization: `Bearer ${STRIPE_SANDBOX_KEY}` },
    });
    const body = (await res.json()) as { data: Array<{ id: string }>; has_more: boolean };
    ids.push(...body.data.map((o) => o.id));
    if (!body.has_more) return ids;
    after = body.data.at(-1)!.id;
  }
}

describe('basin ingest with a Stripe connection (sandbox)', () => {
  it('backfills every stream, then loads only the changes after time advances', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      await writeFiles(dir, {
        'basin.yml': 'name: billing\nwarehouse:\n  type: duckdb\n  path: wh.duckdb\n',
        'sources/stripe.yml': [
          'type: stripe',
          'schema: stripe',
          'audience: core',
          'config:',
          '  api_key: "${env:BASIN_TEST_STRIPE_KEY}"',
          `  base_url: ${sandbox.baseUrl('stripe')}`,
          '  start_date: 2022-06-01',
          '  rate_limit: 1000',
          '',
        ].join('\n'),
      });
      const first = await basin(['ingest', '--project', dir, '--json']);
      expect(first.code, first.stdout + first.stderr).toBe(0);
      expect(first.stdout + first.stderr).not.toContain(STRIPE_SANDBOX_KEY);
      const customers = await served('customers');
      const invoices = await served('invoices');
      expect(await queryRows(dir, 'select count(*) as n, count(distinct id) as ids from stripe.customers')).toEqual([{ n: customers.length, ids: customers.length }]);
      expect(await queryRows(dir, 'select count(*) as n from stripe.invoices')).toEqual([{ n: invoices.length }]);
      expect(await queryRows(dir, 'select count(*) as n from stripe.invoices__lines__data')).toEqual([{ n: invoices.length }]);
      for (const table of ['subscriptions', 'subscription_items', 'charges', 'refunds', 'products', 'prices', 'balance_transactions']) {
        expect((await queryRows(dir, `select count(*) as n from stripe.${table}`))[0]!['n'], table).toBeGreaterThan(0);
      }

      sandbox.advance({ days: 3 });
      const second = await basin(['ingest', '--project', dir, '--json']);
      expect(second.code, second.stderr).toBe(0);
      const rowsOf = (stdout: string) =>
        new Map((JSON.parse(stdout) as { streams: StreamResult[] }).streams.map((r) => [r.stream, r.summary?.rows ?? -1]));
      const full = rowsOf(first.stdout);
      const delta = rowsOf(second.stdout);
      const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
      expect(total(full)).toBeGreaterThan(5000);
      expect(total(delta)).toBeGreaterThan(0);
      expect(total(delta)).toBeLessThan(total(full) / 50);
      expect(delta.get('products')).toBe(0);
      expect(delta.get('invoices')).toBeGreaterThan(0);
      const after = await served('customers');
      expect(await queryRows(dir, 'select count(*) as n from stripe.customers')).toEqual([{ n: after.length }]);
      expect(await queryRows(dir, 'select count(*) as n from stripe.invoices')).toEqual([{ n: (await served('invoices')).length }]);
    } finally {
      await cleanup();
    }
  });
});
