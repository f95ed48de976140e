import { beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../transform/compile/manifest.js';
import type { AssetGraph } from '../assets/build-asset-graph.js';
import { loadCompanyAssets } from '../assets/test-support/company-assets.js';
import { freshnessExpectations } from './freshness-expectations.js';
import { parseFreshnessRules } from './freshness-rules.js';

let assets: AssetGraph;
let manifest: Manifest;
beforeAll(async () => {
  ({ assets, manifest } = await loadCompanyAssets());
});

describe('freshness expectations', () => {
  it("takes dbt sources' own freshness, then basin.yml rules in order (the later wins)", () => {
    const none = freshnessExpectations(assets, manifest, []);
    // Only the Stripe source declares freshness (12 h / 48 h) in examples/company.
    const stripeTables = [...assets.assets.values()].filter((a) => a.kind === 'source' && a.connection === 'stripe').map((a) => a.key);
    expect(stripeTables).toHaveLength(9);
    expect(none.expectations.map((e) => e.assetKey)).toEqual(stripeTables);
    expect(none.expectations.find((e) => e.assetKey === 'source:stripe.customers')).toEqual({
      assetKey: 'source:stripe.customers',
      origin: 'models/staging/stripe/_stripe__sources.yml',
      loadedAtField: '_basin_loaded_at',
      warnAfterHours: 12,
      errorAfterHours: 48,
    });

    const rules = parseFreshnessRules([
      { select: '+fct_mrr_by_month', exclude: 'kind:connection', warn_after_hours: 24 },
      { select: 'source:stripe.customers', warn_after_hours: 2, error_after_hours: 4 },
      { select: 'tag:does_not_exist', error_after_hours: 1 },
    ]);
    const { expectations, warnings } = freshnessExpectations(assets, manifest, rules);
    const byKey = new Map(expectations.map((e) => [e.assetKey, e]));
    expect(byKey.get('model:fct_mrr_by_month')).toEqual({ assetKey: 'model:fct_mrr_by_month', origin: 'basin.yml freshness[0]', warnAfterHours: 24, errorAfterHours: undefined });
    expect(byKey.get('source:stripe.invoices')).toMatchObject({ origin: 'basin.yml freshness[0]', warnAfterHours: 24, errorAfterHours: undefined });
    expect(byKey.get('source:stripe.customers')).toMatchObject({ origin: 'basin.yml freshness[1]', warnAfterHours: 2, errorAfterHours: 4 });
    expect(byKey.has('connection:stripe')).toBe(false);
    expect(expectations.some((e) => e.assetKey.startsWith('test:'))).toBe(false);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^basin\.yml freshness\[2\]: .*tag:does_not_exist/);
    // In graph order: sources before the models built from them.
    const keys = expectations.map((e) => e.assetKey);
    expect(keys.indexOf('source:stripe.invoices')).toBeLessThan(keys.indexOf('model:fct_mrr_by_month'));
    expect(() => freshnessExpectations(assets, manifest, parseFreshnessRules([{ select: 'x' , warn_after_hours: 1 }, { select: 'model:x', warn_after_hours: 1 }]))).toThrow(
      /^basin\.yml: freshness\[1\]\.select: 'model' is not a valid method name/,
    );
  });
});
