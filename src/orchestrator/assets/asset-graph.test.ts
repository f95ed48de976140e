import { describe, expect, it, beforeAll } from 'vitest';
import { connectionAssetId, type AssetGraph } from './build-asset-graph.js';
import { selectAssets } from './select-assets.js';
import { loadCompanyAssets } from './test-support/company-assets.js';

let assets: AssetGraph;
beforeAll(async () => {
  ({ assets } = await loadCompanyAssets());
});

const keys = (ids: string[]): string[] => ids.map((id) => assets.assets.get(id)!.key);

describe('asset graph', () => {
  it('has every connection upstream of the dbt sources in its raw schema, and the models downstream', () => {
    const connections = [...assets.assets.values()].filter((a) => a.kind === 'connection').map((a) => a.name).sort();
    expect(connections).toEqual(['amplitude', 'firestore', 'gcp_logs', 'google_sheets', 'help_scout', 'hubspot', 'stripe']);
    const customers = [...assets.assets.values()].find((a) => a.key === 'source:stripe.customers')!;
    expect(customers).toMatchObject({ kind: 'source', connection: 'stripe', stream: 'customers', upstream: [connectionAssetId('stripe')] });
    const stripe = assets.assets.get(connectionAssetId('stripe'))!;
    expect(stripe).toMatchObject({ schema: 'stripe', schedule: '0 * * * *', catalog: { audience: 'core' } });
    // Graph order: a connection before its tables, tables before the models reading them.
    const order = [...assets.assets.keys()];
    const at = (key: string): number => order.findIndex((id) => assets.assets.get(id)!.key === key);
    expect(at('connection:stripe')).toBeLessThan(at('source:stripe.customers'));
    expect(at('source:stripe.customers')).toBeLessThan(at('model:stg_stripe__customers'));
    expect(at('model:stg_stripe__customers')).toBeLessThan(at('model:dim_customer_360'));
  });

  it('selects across kinds with dbt syntax', () => {
    const down = keys(selectAssets(assets, { select: ['source:stripe+'] }).ids);
    expect(down[0]).toBe('connection:stripe');
    expect(down).toEqual(expect.arrayContaining(['source:stripe.invoices', 'model:stg_stripe__invoices', 'model:fct_mrr_by_month', 'model:dim_customer_360']));
    expect(down.some((k) => k.startsWith('test:'))).toBe(true);
    expect(down).not.toContain('connection:hubspot');
    expect(down).not.toContain('model:stg_hubspot__deals');

    const up = keys(selectAssets(assets, { select: ['+fct_mrr_by_month'] }).ids);
    expect(up).toEqual(expect.arrayContaining(['connection:stripe', 'connection:google_sheets', 'model:stg_stripe__invoices', 'model:fct_mrr_by_month']));
    expect(up).not.toContain('connection:amplitude');

    expect(keys(selectAssets(assets, { select: ['kind:connection'] }).ids).sort()).toEqual(
      ['amplitude', 'firestore', 'gcp_logs', 'google_sheets', 'help_scout', 'hubspot', 'stripe'].map((n) => `connection:${n}`),
    );
    expect(keys(selectAssets(assets, { select: ['connection:help*'] }).ids)).toEqual(['connection:help_scout']);
    expect(keys(selectAssets(assets, { select: ['tag:marts'], kinds: ['model'] }).ids).sort()).toEqual(
      ['model:dim_customer_360', 'model:fct_mrr_by_month', 'model:fct_product_engagement', 'model:fct_support_load'],
    );
    // A table brings its tests along (dbt's eager indirect selection), not its connection.
    const tableOnly = keys(selectAssets(assets, { select: ['source:stripe.customers'] }).ids);
    expect(tableOnly[0]).toBe('source:stripe.customers');
    expect(tableOnly.slice(1).every((k) => k.startsWith('test:source_'))).toBe(true);
  });
});
