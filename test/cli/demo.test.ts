import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { basin, queryRows, tempDir } from '../support/cli-harness.js';

interface DemoJson {
  success: boolean;
  sandbox_time: string;
  ingest: { success: boolean; streams: Array<{ connection: string; stream: string; status: string; summary: { rows: number } }> };
  build: { success: boolean; results: Array<{ unique_id: string; status: string }> };
}

const RAW_SCHEMAS = ['amplitude', 'firestore', 'gcp_logs', 'google_sheets', 'help_scout', 'hubspot', 'stripe'];

describe('basin demo', () => {
  it('ingests all seven sandbox sources, builds the company models, and a rerun loads only a day of changes', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const first = await basin(['demo', '--dir', 'demo', '--json'], dir);
      expect(first.code, first.stderr.slice(-2000)).toBe(0);
      const one = JSON.parse(first.stdout) as DemoJson;
      expect(one.sandbox_time).toBe('2025-01-01T00:00:00.000Z');
      expect(new Set(one.ingest.streams.map((s) => s.connection))).toEqual(new Set(['amplitude', 'firestore', 'gcp_logs', 'google_sheets', 'help_scout', 'hubspot', 'stripe']));
      expect(one.ingest.streams.filter((s) => s.status !== 'succeeded')).toEqual([]);
      expect(one.build.success).toBe(true);
      const project = path.join(dir, 'demo');
      const schemas = await queryRows(project, `select distinct table_schema as s from information_schema.tables where table_schema in (${RAW_SCHEMAS.map((s) => `'${s}'`).join(', ')}) order by 1`);
      expect(schemas.map((r) => r['s'])).toEqual(RAW_SCHEMAS);
      // One row per organization, with billing, CRM, support, product and sheet data joined on.
      const [c360] = await queryRows(
        project,
        `select count(*) as n, count(stripe_customer_id) as paying, count(crm_owner) as in_crm, sum(support_conversations) as conversations,
                count(account_manager) as managed, (select count(*) from firestore.organizations) as orgs from dim_customer_360`,
      );
      expect(c360!['n']).toBe(c360!['orgs']);
      for (const k of ['paying', 'in_crm', 'conversations', 'managed']) expect(Number(c360![k]), k).toBeGreaterThan(0);
      const [mrr] = await queryRows(project, "select mrr, mrr_target from fct_mrr_by_month where month = '2024-12-01'");
      expect(Number(mrr!['mrr'])).toBeGreaterThan(10_000);
      expect(Number(mrr!['mrr_target'])).toBeGreaterThan(0);

      const second = await basin(['demo', '--dir', 'demo', '--json'], dir);
      expect(second.code, second.stderr.slice(-2000)).toBe(0);
      const two = JSON.parse(second.stdout) as DemoJson;
      expect(two.sandbox_time).toBe('2025-01-02T00:00:00.000Z');
      const rows = (d: DemoJson, stream: string): number => d.ingest.streams.find((s) => `${s.connection}.${s.stream}` === stream)?.summary.rows ?? -1;
      for (const stream of ['stripe.invoices', 'hubspot.contacts', 'help_scout.conversations', 'amplitude.events', 'firestore.users', 'gcp_logs.entries']) {
        expect(rows(two, stream), stream).toBeGreaterThan(0);
        expect(rows(two, stream), stream).toBeLessThan(rows(one, stream) / 5);
      }
    } finally {
      await cleanup();
    }
  }, 180_000);
});
