import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDemo } from '../../src/cli/commands/demo.js';
import { silentLogger } from '../../src/core/logger.js';
import { basin, queryRows, tempDir } from '../support/cli-harness.js';
import { api, serverIo, until } from '../support/serve-process.js';

interface DemoJson {
  success: boolean;
  sandbox_time: string;
  pipeline: {
    success: boolean;
    run_id: string;
    assets: Array<{ key: string; kind: string; status: string; rows: number | null; detail: { streams?: Record<string, { status: string; rows: number }> } | null }>;
  };
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
      const connections = one.pipeline.assets.filter((a) => a.kind === 'connection');
      expect(connections.map((a) => a.key).sort()).toEqual(RAW_SCHEMAS.map((s) => `connection:${s}`));
      expect(one.pipeline.assets.filter((a) => a.status !== 'succeeded')).toEqual([]);
      expect(one.pipeline.assets.some((a) => a.kind === 'model') && one.pipeline.assets.some((a) => a.kind === 'test')).toBe(true);
      // Every stream of every connection loaded, declared as a dbt source or not.
      for (const c of connections) {
        const streams = Object.entries(c.detail?.streams ?? {});
        expect(streams.length, c.key).toBeGreaterThan(0);
        expect(streams.filter(([, s]) => s.status !== 'succeeded'), c.key).toEqual([]);
      }
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
      // The activation models (what the syncs will send) build from the marts.
      const [pqa] = await queryRows(project, 'select count(*) as n, count(distinct organization_id) as orgs from pqa_users');
      expect(Number(pqa!['n'])).toBeGreaterThan(0);
      const [health] = await queryRows(project, "select count(*) as n, count(*) filter (where health_tier in ('healthy', 'watch', 'at_risk')) as tiered from company_health");
      expect(Number(health!['n'])).toBeGreaterThan(0);
      expect(health!['tiered']).toBe(health!['n']);
      // The syncs ran right after the models they read: every product-qualified user reached Customer.io.
      const syncs = one.pipeline.assets.filter((a) => a.kind === 'sync');
      expect(syncs.map((a) => [a.key, a.status]).sort()).toEqual([
        ['sync:customerio_pqa_users', 'succeeded'],
        ['sync:hubspot_company_health', 'succeeded'],
      ]);
      expect(syncs.find((a) => a.key === 'sync:customerio_pqa_users')?.rows).toBe(Number(pqa!['n']));
      expect(syncs.find((a) => a.key === 'sync:hubspot_company_health')?.rows).toBe(Number(health!['n']));
      const [delivered] = await queryRows(project, 'select count(*) as n from _basin_activate.customerio_pqa_users where delivered_hash is not null and attempts = 0');
      expect(Number(delivered!['n'])).toBe(Number(pqa!['n']));

      const second = await basin(['demo', '--dir', 'demo', '--json'], dir);
      expect(second.code, second.stderr.slice(-2000)).toBe(0);
      const two = JSON.parse(second.stdout) as DemoJson;
      expect(two.sandbox_time).toBe('2025-01-02T00:00:00.000Z');
      const rows = (d: DemoJson, stream: string): number => {
        const [connection, name] = stream.split('.');
        return d.pipeline.assets.find((a) => a.key === `connection:${connection}`)?.detail?.streams?.[name!]?.rows ?? -1;
      };
      for (const stream of ['stripe.invoices', 'hubspot.contacts', 'help_scout.conversations', 'amplitude.events', 'firestore.users', 'gcp_logs.entries']) {
        expect(rows(two, stream), stream).toBeGreaterThan(0);
        expect(rows(two, stream), stream).toBeLessThan(rows(one, stream) / 5);
      }

      // A day later the syncs send only what changed.
      const pqaAgain = two.pipeline.assets.find((a) => a.key === 'sync:customerio_pqa_users');
      expect(pqaAgain?.status).toBe('succeeded');
      expect(pqaAgain?.rows ?? -1).toBeLessThan(Number(pqa!['n']));

      // --serve: the sandbox stays up and basin serve runs the sources' schedules against it.
      const { io, url } = serverIo(dir, path.join(dir, 'demo'));
      const controller = new AbortController();
      const served = runDemo({ dir: 'demo', serve: '0' }, io, silentLogger, controller.signal);
      try {
        const base = await url();
        const jobs = (await api<Array<{ name: string; schedule: string }>>(base, '/api/jobs')).body;
        expect(jobs.map((j) => j.name)).toEqual(expect.arrayContaining(RAW_SCHEMAS.map((s) => `ingest_${s}`)));
        const { body } = await api<{ run_id: string }>(base, '/api/jobs/ingest_help_scout/run', {});
        const run = await until('the ingest_help_scout run', async () => {
          const r = (await api<{ status: string }>(base, `/api/runs/${body.run_id}`)).body;
          return ['succeeded', 'failed'].includes(r.status) ? r : undefined;
        }, 60_000);
        expect(run.status).toBe('succeeded');
      } finally {
        controller.abort();
        expect(await served).toBe(0);
      }
    } finally {
      await cleanup();
    }
  }, 300_000);
});
