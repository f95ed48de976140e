/**
 * Layer rules from docs/ARCHITECTURE.md, checked in CI by `npm run lint:deps`.
 * (That only src/config reads process.env is checked by src/config/env-isolation.test.ts.)
 */
const layer = (name) => `^src/${name}/`;
module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', from: {}, to: { circular: true } },
    { name: 'core-imports-nothing', severity: 'error', from: { path: layer('core') }, to: { path: '^src/(?!core/)' } },
    { name: 'warehouse-only-core', severity: 'error', from: { path: layer('warehouse') }, to: { path: '^src/(?!core/|warehouse/)' } },
    { name: 'config-only-core', severity: 'error', from: { path: layer('config') }, to: { path: '^src/(?!core/|config/)' } },
    {
      name: 'activate-uses-core-config-warehouse-http',
      severity: 'error',
      from: { path: layer('activate'), pathNot: '\\.test\\.ts$|test-support/' },
      to: { path: '^src/(?!core/|config/|warehouse/|activate/|ingest/http/)' },
    },
    {
      name: 'engines-below-orchestrator',
      severity: 'error',
      from: { path: '^src/(transform|ingest|activate|predict|analytics|dashboards)/' },
      to: { path: '^src/(orchestrator|server|cli)/' },
    },
    {
      name: 'engines-independent',
      severity: 'error',
      from: { path: '^src/transform/' },
      to: { path: '^src/(ingest|activate)/' },
    },
    {
      name: 'dashboards-use-core-config-warehouse',
      severity: 'error',
      from: { path: layer('dashboards'), pathNot: '\\.test\\.ts$|\\.contract\\.ts$' },
      to: { path: '^src/(?!core/|config/|warehouse/|dashboards/|analytics/)' },
    },
    {
      name: 'predict-only-core-warehouse',
      severity: 'error',
      from: { path: layer('predict'), pathNot: '\\.test\\.ts$' },
      to: { path: '^src/(?!core/|warehouse/|predict/)' },
    },
    {
      name: 'analytics-only-core-warehouse',
      severity: 'error',
      from: { path: layer('analytics'), pathNot: '\\.test\\.ts$|\\.contract\\.ts$|test-support/' },
      to: { path: '^src/(?!core/|warehouse/|analytics/)' },
    },
    { name: 'nothing-imports-cli', severity: 'error', from: { pathNot: layer('cli') }, to: { path: layer('cli') } },
    {
      name: 'concrete-warehouses-only-wired-by-cli-server',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(cli|server|warehouse)/|\\.test\\.ts$|\\.contract\\.ts$|test-support/' },
      to: { path: '^src/warehouse/(duckdb|postgres|bigquery)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: 'node_modules' },
  },
};
