import { beforeAll, describe, expect, it } from 'vitest';
import type { AssetGraph } from './build-asset-graph.js';
import { selectAssets } from './select-assets.js';
import { loadCompanyAssets } from './test-support/company-assets.js';

let assets: AssetGraph;
beforeAll(async () => {
  ({ assets } = await loadCompanyAssets());
});

const keys = (ids: string[]): string[] => ids.map((id) => assets.assets.get(id)!.key);

describe('syncs in the asset graph of the example project', () => {
  it('places each sync downstream of the model it reads, selectable by kind, tag and upstream source', () => {
    expect(keys(selectAssets(assets, { select: ['sync:*'] }).ids).sort()).toEqual(['sync:customerio_pqa_users', 'sync:hubspot_company_health']);
    expect(keys(selectAssets(assets, { select: ['tag:growth'], kinds: ['sync'] }).ids)).toEqual(['sync:customerio_pqa_users']);
    const fromStripe = keys(selectAssets(assets, { select: ['source:stripe+'], kinds: ['sync'] }).ids).sort();
    expect(fromStripe).toEqual(['sync:customerio_pqa_users', 'sync:hubspot_company_health']);
    const upstream = keys(selectAssets(assets, { select: ['+sync:hubspot_company_health'] }).ids);
    expect(upstream).toEqual(expect.arrayContaining(['model:company_health', 'model:dim_customer_360', 'connection:stripe']));
    const order = [...assets.assets.values()].map((a) => a.key);
    expect(order.indexOf('model:company_health')).toBeLessThan(order.indexOf('sync:hubspot_company_health'));
  });
});
