import { describe, expect, it } from 'vitest';
import { emptyConfigTree, type ConfigTree, type ResourceConfigTrees } from '../../config/index.js';
import { defaultNodeConfig, mergeConfig } from './config-merge.js';
import { applyConfigCalls, configTreeLayers, resolveNodeConfig } from './config-resolve.js';

const tree = (configs: Record<string, unknown>, children: Record<string, ConfigTree> = {}): ConfigTree => ({ configs, children });
const trees = (models: ConfigTree): ResourceConfigTrees => ({
  models,
  seeds: emptyConfigTree(),
  snapshots: emptyConfigTree(),
  tests: emptyConfigTree(),
  sources: emptyConfigTree(),
  analyses: emptyConfigTree(),
});

describe('mergeConfig', () => {
  it('overrides scalars, unions tags, appends hooks, deep-merges meta, merges column_types', () => {
    let config = defaultNodeConfig('seed');
    config = mergeConfig(config, { '+tags': 'a', 'pre-hook': 'select 1', meta: { owner: { team: 'x', slack: '#x' } }, column_types: { id: 'int' } });
    config = mergeConfig(config, {
      tags: ['b', 'a'],
      pre_hook: ['select 2', { sql: 'select 3', transaction: false }],
      meta: { owner: { team: 'y' }, tier: 1 },
      column_types: { name: 'text' },
      materialized: 'table',
      severity: 'warn',
    });
    expect(config.tags).toEqual(['a', 'b']);
    expect(config.pre_hook).toEqual(['select 1', 'select 2', 'select 3']);
    expect(config.meta).toEqual({ owner: { team: 'y', slack: '#x' }, tier: 1 });
    expect(config.column_types).toEqual({ id: 'int', name: 'text' });
    expect(config.materialized).toBe('table');
    expect(config.severity).toBe('WARN');
  });

  it('has dbt defaults per resource type', () => {
    expect(defaultNodeConfig('model').materialized).toBe('view');
    expect(defaultNodeConfig('seed').materialized).toBe('seed');
    expect(defaultNodeConfig('snapshot').materialized).toBe('snapshot');
    expect(defaultNodeConfig('test')).toMatchObject({ materialized: 'test', severity: 'ERROR' });
    expect(defaultNodeConfig('analysis').materialized).toBe('view');
  });
});

describe('config resolution by fqn', () => {
  const models = tree({ materialized: 'view', tags: ['all'] }, {
    shop: tree({}, {
      staging: tree({ schema: 'stg' }, { stg_orders: tree({ materialized: 'ephemeral' }) }),
      marts: tree({ materialized: 'table' }),
    }),
    utils: tree({ schema: 'from_root' }),
  });

  it('walks package, folders and node name', () => {
    expect(configTreeLayers(models, ['shop', 'staging', 'stg_orders'])).toHaveLength(4);
    const { config } = resolveNodeConfig({ resourceType: 'model', fqn: ['shop', 'staging', 'stg_orders'], ownTrees: trees(models) });
    expect(config).toMatchObject({ materialized: 'ephemeral', schema: 'stg', tags: ['all'] });
    const marts = resolveNodeConfig({
      resourceType: 'model',
      fqn: ['shop', 'marts', 'orders'],
      ownTrees: trees(models),
      propertyConfigs: [{ tags: ['yml'] }, { materialized: 'incremental' }],
    });
    expect(marts.config).toMatchObject({ materialized: 'incremental', tags: ['all', 'yml'] });
  });

  it('lets in-file config win over property config, and the root project win over a package', () => {
    const own = trees(tree({}, { utils: tree({ schema: 'own', materialized: 'table' }) }));
    const resolved = resolveNodeConfig({
      resourceType: 'model',
      fqn: ['utils', 'dates'],
      ownTrees: own,
      rootTrees: trees(models),
      propertyConfigs: [{ materialized: 'view' }],
    });
    expect(resolved.config).toMatchObject({ schema: 'from_root', materialized: 'view', tags: ['all'] });
    const node = { config: resolved.config, configLayers: resolved.layers };
    // As in dbt, every root-project level met along the fqn (including the
    // top-level `materialized: view`) is applied after the package's config() calls.
    expect(applyConfigCalls(node, [{ schema: 'in_file', materialized: 'incremental', tags: ['f'], alias: 'd' }])).toMatchObject({
      schema: 'from_root',
      materialized: 'view',
      alias: 'd',
      tags: ['f', 'all'],
    });
    const rootNode = resolveNodeConfig({ resourceType: 'model', fqn: ['shop', 'marts', 'orders'], ownTrees: trees(models) });
    expect(applyConfigCalls({ config: rootNode.config, configLayers: rootNode.layers }, [{ materialized: 'incremental' }]).materialized).toBe(
      'incremental',
    );
  });
});
