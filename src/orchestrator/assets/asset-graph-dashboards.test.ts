import { beforeAll, describe, expect, it } from 'vitest';
import { parseDashboard } from '../../dashboards/parse-dashboard.js';
import { planPipeline } from '../pipeline/plan-pipeline.js';
import { buildAssetGraph, type AssetGraph } from './build-asset-graph.js';
import { selectAssets } from './select-assets.js';
import { loadCompanyAssets } from './test-support/company-assets.js';

let assets: AssetGraph;
beforeAll(async () => {
  ({ assets } = await loadCompanyAssets());
});

const keys = (ids: string[]): string[] => ids.map((id) => assets.assets.get(id)!.key);

describe('dashboards in the asset graph of the example project', () => {
  it('depend on the models they query, are selectable, and are never executed themselves', () => {
    expect(keys(selectAssets(assets, { select: ['dashboard:*'] }).ids).sort()).toEqual(['dashboard:product', 'dashboard:revenue', 'dashboard:support']);
    const revenue = [...assets.assets.values()].find((a) => a.key === 'dashboard:revenue')!;
    expect(keys(revenue.upstream).sort()).toEqual(['model:churn_score', 'model:dim_customer_360', 'model:fct_mrr_by_month', 'model:mrr_forecast']);
    // Analysis blocks read the events model of basin.yml analytics:.
    const product = [...assets.assets.values()].find((a) => a.key === 'dashboard:product')!;
    expect(keys(product.upstream).sort()).toEqual(['model:fct_product_engagement', 'model:stg_amplitude__events']);
    expect(keys(selectAssets(assets, { select: ['source:stripe+'], kinds: ['dashboard'] }).ids)).toEqual(['dashboard:revenue']);
    const upstream = selectAssets(assets, { select: ['+dashboard:revenue'] }).ids;
    expect(keys(upstream)).toEqual(expect.arrayContaining(['connection:stripe', 'model:fct_mrr_by_month', 'dashboard:revenue']));
    const plan = keys(planPipeline(assets, upstream).ids);
    expect(plan).toContain('model:fct_mrr_by_month');
    expect(plan).not.toContain('dashboard:revenue');
  });

  it('refuses a dashboard reading a model the project does not have, naming its file', async () => {
    const { manifest } = await loadCompanyAssets();
    const bad = parseDashboard("```sql q\nselect * from {{ ref('nope') }}\n```\n", { name: 'bad', file: 'dashboards/bad.md' });
    expect(() => buildAssetGraph(manifest, [], [], [bad])).toThrow(/dashboards\/bad\.md: dashboard bad reads ref\('nope'\), which is not a model/);
  });
});
