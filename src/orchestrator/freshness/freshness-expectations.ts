/**
 * Which assets have a freshness expectation, and which: first each dbt
 * source table's own `freshness:` (with its `loaded_at_field`), then the
 * rules of basin.yml `freshness:` in order, a later rule replacing an
 * earlier expectation of the same asset (basin.yml has the last word).
 */
import { BasinError, ConfigError } from '../../core/errors.js';
import type { Manifest } from '../../transform/compile/manifest.js';
import type { AssetGraph } from '../assets/build-asset-graph.js';
import { selectAssets } from '../assets/select-assets.js';
import { dbtFreshnessThresholds, type FreshnessThresholds } from './dbt-source-freshness.js';
import type { FreshnessRule } from './freshness-rules.js';

/** The expectation of one asset. */
export interface FreshnessExpectation extends FreshnessThresholds {
  /** The asset's key as the run store records it: `source:stripe.customers`, `model:fct_mrr`. */
  assetKey: string;
  /** Where it comes from: `basin.yml freshness[0]` or the dbt property file of the source. */
  origin: string;
  /** dbt sources: the column whose max is the data's load time (the caller may query it and pass it as observed). */
  loadedAtField?: string | undefined;
}

/** Expectations by asset key, in graph order; plus warnings for rules that selected nothing. */
export function freshnessExpectations(
  assets: AssetGraph,
  manifest: Pick<Manifest, 'sources'> & { config: { name: string } },
  rules: readonly FreshnessRule[],
): { expectations: FreshnessExpectation[]; warnings: string[] } {
  const byId = new Map<string, FreshnessExpectation>();
  for (const source of manifest.sources.values()) {
    const asset = assets.assets.get(source.uniqueId);
    const thresholds = dbtFreshnessThresholds(source.freshness);
    if (!asset || !thresholds) continue;
    byId.set(asset.id, { assetKey: asset.key, origin: source.originalFilePath, loadedAtField: source.loadedAtField, ...thresholds });
  }
  const warnings: string[] = [];
  for (const rule of rules) {
    const { ids, warnings: w } = selectRule(assets, rule, manifest.config.name);
    const origin = `basin.yml freshness[${rule.index}]`;
    warnings.push(...w.map((text) => `${origin}: ${text}`));
    for (const id of ids) {
      const asset = assets.assets.get(id);
      // Tests have no data of their own to be fresh.
      if (!asset || asset.kind === 'test') continue;
      byId.set(id, { assetKey: asset.key, origin, warnAfterHours: rule.warnAfterHours, errorAfterHours: rule.errorAfterHours });
    }
  }
  const expectations = [...assets.assets.keys()].flatMap((id) => {
    const e = byId.get(id);
    return e ? [e] : [];
  });
  return { expectations, warnings };
}

/** The rule's selection; invalid selector syntax is a ConfigError naming `freshness[i].select`. */
function selectRule(assets: AssetGraph, rule: FreshnessRule, projectName: string): ReturnType<typeof selectAssets> {
  try {
    return selectAssets(assets, { select: rule.select, exclude: rule.exclude }, projectName);
  } catch (err) {
    if (!(err instanceof BasinError) || err.code !== 'SELECTION') throw err;
    throw new ConfigError(err.message, { location: { file: 'basin.yml' }, key: `freshness[${rule.index}].select` }, { cause: err });
  }
}
