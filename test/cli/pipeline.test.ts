import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger.js';
import { openRunStore } from '../../src/orchestrator/run-store/open-run-store.js';
import { basin, queryRows, tempDir, writeFiles } from '../support/cli-harness.js';

interface PipelineJson {
  success: boolean;
  assets: Array<{ id: string; key: string; kind: string; status: string; rows: number | null; skipped_because: string | null; error: string | null }>;
}

const project = {
  'basin.yml': 'name: pipe\nwarehouse:\n  type: duckdb\n  path: wh.duckdb\n',
  'sources/shop.yml': 'type: files\nschema: shop\nstreams:\n  orders:\n    path: data/orders.csv\n    primary_key: [id]\n    write: merge\n  refunds:\n    path: data/refunds.csv\n',
  'sources/crm.yml': 'type: files\nschema: crm\nstreams:\n  accounts:\n    path: data/accounts.csv\n',
  'data/orders.csv': 'id,amount\n1,10\n2,20\n3,30\n',
  'data/refunds.csv': 'id,order_id\n1,2\n',
  'data/accounts.csv': 'id,name\n1,acme\n',
  'models/sources.yml': [
    'version: 2',
    'sources:',
    '  - name: shop',
    '    tables:',
    '      - name: orders',
    '      - name: refunds',
    '  - name: crm',
    '    tables:',
    '      - name: accounts',
    'models:',
    '  - name: net_revenue',
    '    columns:',
    '      - name: revenue',
    '        tests: [not_null]',
    '',
  ].join('\n'),
  'models/stg_orders.sql': "select cast(id as integer) as id, cast(amount as integer) as amount from {{ source('shop', 'orders') }}\n",
  'models/stg_refunds.sql': "select cast(order_id as integer) as order_id from {{ source('shop', 'refunds') }}\n",
  'models/net_revenue.sql': "select sum(amount) as revenue from {{ ref('stg_orders') }} where id not in (select order_id from {{ ref('stg_refunds') }})\n",
  'models/accounts.sql': "select * from {{ source('crm', 'accounts') }}\n",
};

const byKey = (out: PipelineJson): Map<string, PipelineJson['assets'][number]> => new Map(out.assets.map((a) => [a.key, a]));

describe('basin pipeline', () => {
  it('runs ingests and models in one graph, selects across kinds, and a failed stream skips only its downstream', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      await writeFiles(dir, project);
      const all = await basin(['pipeline', '--project', dir, '--json'], dir);
      expect(all.code, all.stderr).toBe(0);
      const first = byKey(JSON.parse(all.stdout) as PipelineJson);
      expect(first.get('connection:shop')).toMatchObject({ status: 'succeeded', rows: 4 });
      expect(first.get('source:shop.orders')).toMatchObject({ status: 'succeeded', rows: 3 });
      expect(first.get('model:net_revenue')?.status).toBe('succeeded');
      expect(first.get('test:not_null_net_revenue_revenue')?.status).toBe('succeeded');
      expect(await queryRows(dir, 'select revenue from net_revenue')).toEqual([{ revenue: 40 }]);

      // Only the shop connection and what is downstream of it.
      await writeFiles(dir, { 'data/orders.csv': 'id,amount\n1,10\n2,20\n3,30\n4,100\n' });
      const shop = await basin(['pipeline', 'source:shop+', '--project', dir, '--json'], dir);
      const second = byKey(JSON.parse(shop.stdout) as PipelineJson);
      expect([...second.keys()].sort()).toEqual(
        ['connection:shop', 'source:shop.orders', 'source:shop.refunds', 'model:stg_orders', 'model:stg_refunds', 'model:net_revenue', 'test:not_null_net_revenue_revenue'].sort(),
      );
      expect(await queryRows(dir, 'select revenue from net_revenue')).toEqual([{ revenue: 140 }]);

      // A broken stream fails its table and skips what reads it; the rest of the graph runs.
      await writeFiles(dir, { 'sources/shop.yml': project['sources/shop.yml'].replace('data/refunds.csv', 'data/missing.csv') });
      const broken = await basin(['pipeline', '--project', dir, '--json'], dir);
      expect(broken.code).toBe(1);
      const third = byKey(JSON.parse(broken.stdout) as PipelineJson);
      expect(third.get('source:shop.refunds')?.status).toBe('failed');
      expect(third.get('source:shop.orders')?.status).toBe('succeeded');
      expect(third.get('model:stg_orders')?.status).toBe('succeeded');
      expect(third.get('model:stg_refunds')).toMatchObject({ status: 'skipped' });
      expect(third.get('model:net_revenue')?.status).toBe('skipped');
      expect(third.get('model:accounts')?.status).toBe('succeeded');

      // Every run is in the project's run store, with per-asset results.
      const store = await openRunStore(undefined, { projectDir: dir, logger: silentLogger });
      try {
        const { runs } = await store.listRuns({ limit: 10 });
        expect(runs.map((r) => r.status)).toEqual(['failed', 'succeeded', 'succeeded']);
        expect(runs[1]!.selector).toEqual(['source:shop+']);
        const assets = new Map((await store.listAssetRuns(runs[0]!.id)).map((a) => [a.assetKey, a]));
        expect(assets.get('source:shop.refunds')).toMatchObject({ status: 'failed', error: { message: expect.stringContaining('missing.csv') } });
        expect(assets.get('model:net_revenue')).toMatchObject({ status: 'skipped', metadata: { skipped_because: expect.stringContaining('refunds') } });
        expect(assets.get('connection:shop')).toMatchObject({ status: 'warned', rows: 0 }); // orders.csv unchanged: nothing to load
        const events = await store.listEvents(runs[0]!.id);
        expect(events.some((e) => e.type === 'asset_failed' && e.assetKey === 'source:shop.refunds')).toBe(true);
      } finally {
        await store.close();
      }

      // Fixed, the failed run is rerun: only what failed or was skipped runs again.
      const failedRun = (JSON.parse(broken.stdout) as { run_id: string }).run_id;
      await writeFiles(dir, { 'sources/shop.yml': project['sources/shop.yml'] });
      const rerun = await basin(['pipeline', '--rerun', failedRun, '--project', dir, '--json'], dir);
      expect(rerun.code, rerun.stderr).toBe(0);
      const fourth = JSON.parse(rerun.stdout) as PipelineJson & { rerun_of: string };
      expect(fourth.rerun_of).toBe(failedRun);
      expect(fourth.assets.map((a) => a.key).sort()).toEqual(
        ['connection:shop', 'source:shop.refunds', 'model:stg_refunds', 'model:net_revenue', 'test:not_null_net_revenue_revenue'].sort(),
      );
      expect(fourth.assets.every((a) => a.status === 'succeeded')).toBe(true);
      expect(await queryRows(dir, 'select revenue from net_revenue')).toEqual([{ revenue: 140 }]);
      const nothing = await basin(['pipeline', '--rerun', (JSON.parse(rerun.stdout) as { run_id: string }).run_id, '--project', dir], dir);
      expect(nothing.stderr).toContain('nothing to rerun');
    } finally {
      await cleanup();
    }
  });

  it('selecting one source table ingests just that stream', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      await writeFiles(dir, project);
      const one = await basin(['pipeline', 'source:shop.orders', '--project', dir, '--json'], dir);
      expect(one.code, one.stderr).toBe(0);
      const out = byKey(JSON.parse(one.stdout) as PipelineJson);
      expect(out.get('connection:shop')).toMatchObject({ status: 'succeeded', rows: 3 });
      expect(out.has('model:stg_orders')).toBe(false);
      expect(await queryRows(dir, "select count(*) as n from information_schema.tables where table_schema = 'shop' and table_name = 'refunds'")).toEqual([{ n: 0 }]);
    } finally {
      await cleanup();
    }
  });
});
