import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../core/errors.js';
import { createMemoryLogger } from '../../core/logger.js';
import { loadProjectConfig } from '../../config/index.js';
import { parseProjectFiles } from './parse-project-files.js';
import { snapshotBlockNode } from './snapshot-blocks.js';
import type { ParsedProject } from './parsed-project.js';
import type { ProjectNode } from './types.js';
import { tempProjects } from '../../core/test-support/temp-projects.js';

const temp = tempProjects('basin-project-');
const project = temp.project;
afterEach(temp.cleanup);

async function parse(files: Record<string, string>): Promise<ParsedProject & { logs: string[] }> {
  const dir = await project(files);
  const config = await loadProjectConfig(dir, { env: { HOME: dir } });
  const logger = createMemoryLogger();
  const parsed = await parseProjectFiles(config, { logger });
  return Object.assign(parsed, { logs: logger.entries.map((e) => `${e.level}: ${e.message}`) });
}

async function parseError(files: Record<string, string>): Promise<ConfigError> {
  try {
    await parse(files);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

function node(parsed: ParsedProject, uniqueIdOrName: string): ProjectNode {
  const found = parsed.nodes.find((n) => n.uniqueId === uniqueIdOrName || n.name === uniqueIdOrName);
  if (!found) throw new Error(`no node ${uniqueIdOrName}; have ${parsed.nodes.map((n) => n.uniqueId).join(', ')}`);
  return found;
}

const DBT_PROJECT = `
name: shop
profile: shop
models:
  shop:
    +materialized: view
    staging:
      +tags: [staging]
      +schema: stg
    marts:
      +materialized: table
      orders:
        +tags: [orders_node]
    legacy_py:
      +enabled: false
  utils:
    +schema: utils_schema
seeds:
  shop:
    +column_types: {id: integer}
tests:
  shop:
    staging:
      +severity: warn
sources:
  shop:
    staging:
      raw:
        +meta: {from_project: true}
        payments:
          +enabled: false
`;

const STAGING_YML = `version: 2
models:
  - name: stg_orders
    description: Orders, cleaned.
    columns:
      - name: order_id
        description: Primary key
        data_type: integer
        tags: [pk]
        tests:
          - unique
          - not_null:
              config:
                where: "order_id > 0"
      - name: status
        tests:
          - accepted_values:
              values: [placed, shipped]
              quote: false
              severity: error
      - name: customer_id
        data_tests:
          - relationships:
              to: ref('stg_customers')
              field: customer_id
  - name: ghost
    columns:
      - name: id
        tests: [unique]
sources:
  - name: raw
    schema: raw_data
    loaded_at_field: _loaded_at
    freshness:
      warn_after: {count: 12, period: hour}
    tables:
      - name: orders
        identifier: orders_v2
        meta: {pii: false}
        columns:
          - name: id
            tests: [not_null]
      - name: payments
        freshness: null
        tests:
          - dbt_utils.recency:
              arguments: {field: created_at, datepart: day, interval: 1}
exposures:
  - name: dashboard
    type: dashboard
    owner: {email: data@example.com}
    depends_on: ["ref('shop', 'stg_orders')", "source('jaffle', 'payments')"]
`;

const FILES: Record<string, string> = {
  'dbt_project.yml': DBT_PROJECT,
  'models/staging/stg_orders.sql': "select * from {{ source('raw', 'orders') }}\n",
  'models/staging/stg_customers.sql': 'select 1 as customer_id\n',
  'models/staging/schema.yml': STAGING_YML,
  'models/marts/orders.sql': "{{ config(materialized='incremental') }}\nselect * from {{ ref('stg_orders') }}\n",
  'models/marts/orders.yml': `version: 2
models:
  - name: orders
    tags: [legacy_tag]
    config:
      tags: [yml]
      meta: {owner: data}
    data_tests:
      - dbt_utils.expression_is_true:
          arguments:
            expression: "amount > 0"
          config:
            severity: warn
      - name: orders_have_rows
        test_name: at_least_one
`,
  'models/marts/.hidden.sql': 'select 1\n',
  'models/legacy_py/legacy.py': 'def model(dbt, session):\n    return None\n',
  'models/docs.md': '{% docs orders %}Orders{% enddocs %}\n',
  'seeds/raw_customers.csv': 'id,name\n1,Ann\n',
  'seeds/seeds.yml': 'version: 2\nseeds:\n  - name: raw_customers\n    config:\n      column_types: {name: text}\n',
  'snapshots/orders_snapshot.sql': "{% snapshot orders_snapshot %}\n{{ config(unique_key='id', strategy='check', check_cols='all') }}\nselect * from {{ ref('orders') }}\n{% endsnapshot %}\n",
  'snapshots/snapshots.yml': 'version: 2\nsnapshots:\n  - name: orders_snapshot\n    description: History\n    columns:\n      - name: id\n        tests: [not_null]\n',
  'macros/cents.sql': '{% macro cents(x) %}({{ x }} / 100){% endmacro %}\n',
  'macros/macros.yml': 'version: 2\nmacros:\n  - name: cents\n    description: Divides by 100\n',
  'tests/generic/is_positive.sql': '{% test is_positive(model, column_name) %}select 1{% endtest %}\n',
  'tests/assert_positive.sql': 'select * from {{ ref("orders") }} where amount < 0\n',
  'analyses/report.sql': 'select 1\n',
  'target/compiled/shop/models/x.sql': 'select 1\n',
  'dbt_packages/utils/dbt_project.yml': 'name: utils\nmodels:\n  utils:\n    +materialized: table\n    +schema: own_schema\n',
  'dbt_packages/utils/models/util_model.sql': 'select 1 as id\n',
  'dbt_packages/utils/models/schema.yml': 'version: 2\nmodels:\n  - name: util_model\n    columns:\n      - name: id\n        tests: [unique]\n',
  'dbt_packages/utils/macros/u.sql': '{% macro u() %}{% endmacro %}\n',
  'dbt_packages/broken/README.md': 'not a dbt package\n',
};

describe('parseProjectFiles', () => {
  it('builds model, seed, snapshot, analysis and singular test nodes from files', async () => {
    const parsed = await parse(FILES);
    const fileNodes = parsed.nodes.filter((n) => n.resourceType !== 'test' || n.testMetadata === undefined).map((n) => n.uniqueId);
    expect(fileNodes).toEqual([
      'model.shop.orders',
      'model.shop.stg_customers',
      'model.shop.stg_orders',
      'seed.shop.raw_customers',
      'snapshot.shop.orders_snapshot',
      'analysis.shop.report',
      'test.shop.assert_positive',
      'model.utils.util_model',
    ]);
    const stg = node(parsed, 'model.shop.stg_orders');
    expect(stg).toMatchObject({
      packageName: 'shop',
      name: 'stg_orders',
      path: 'staging/stg_orders.sql',
      originalFilePath: 'models/staging/stg_orders.sql',
      fqn: ['shop', 'staging', 'stg_orders'],
      language: 'sql',
      description: 'Orders, cleaned.',
      patchPath: { file: 'models/staging/schema.yml', line: 3 },
    });
    expect(stg.rawCode).toBe(FILES['models/staging/stg_orders.sql']);
    expect(stg.checksum).toBe(createHash('sha256').update(FILES['models/staging/stg_orders.sql'] ?? '').digest('hex'));
    expect(stg.columns['order_id']).toEqual({
      name: 'order_id',
      description: 'Primary key',
      data_type: 'integer',
      meta: {},
      tags: ['pk'],
      quote: undefined,
    });
    const seed = node(parsed, 'seed.shop.raw_customers');
    expect(seed.language).toBe('csv');
    expect(seed.rawCode).toBe('');
    expect(node(parsed, 'snapshot.shop.orders_snapshot').rawCode).toContain('{% snapshot orders_snapshot %}');
    expect(node(parsed, 'test.shop.assert_positive').fqn).toEqual(['shop', 'assert_positive']);
  });

  it('applies dbt_project.yml trees by fqn, then property config, with dbt merge rules', async () => {
    const parsed = await parse(FILES);
    expect(node(parsed, 'model.shop.stg_orders').config).toMatchObject({ materialized: 'view', schema: 'stg', tags: ['staging'], enabled: true });
    const orders = node(parsed, 'model.shop.orders');
    expect(orders.config).toMatchObject({ materialized: 'table', tags: ['orders_node', 'legacy_tag', 'yml'], meta: { owner: 'data' } });
    // The in-file config() is the renderer's job: the layers are kept for it.
    expect(orders.configLayers?.base.materialized).toBe('table');
    expect(node(parsed, 'seed.shop.raw_customers').config).toMatchObject({
      materialized: 'seed',
      column_types: { id: 'integer', name: 'text' },
    });
    expect(node(parsed, 'snapshot.shop.orders_snapshot').config.materialized).toBe('snapshot');
    expect(node(parsed, 'analysis.shop.report').config.materialized).toBe('view');
    // A package node: its own dbt_project.yml, then the root project's tree for it.
    expect(node(parsed, 'model.utils.util_model').config).toMatchObject({ materialized: 'table', schema: 'utils_schema' });
  });

  it('builds generic tests with dbt names, ids, kwargs and config', async () => {
    const parsed = await parse(FILES);
    const unique = node(parsed, 'unique_stg_orders_order_id');
    expect(unique).toMatchObject({
      resourceType: 'test',
      fqn: ['shop', 'staging', 'unique_stg_orders_order_id'],
      path: 'unique_stg_orders_order_id.sql',
      originalFilePath: 'models/staging/schema.yml',
      attachedNode: 'model.shop.stg_orders',
      columnName: 'order_id',
      testMetadata: { name: 'unique', namespace: undefined, kwargs: { column_name: 'order_id' } },
      refs: [{ name: 'stg_orders' }],
      rawCode: '',
    });
    expect(unique.uniqueId).toMatch(/^test\.shop\.unique_stg_orders_order_id\.[0-9a-f]{10}$/);
    // tests: tree severity for the staging folder, column tags applied to its tests.
    expect(unique.config).toMatchObject({ materialized: 'test', severity: 'WARN', tags: ['pk'] });
    expect(node(parsed, 'not_null_stg_orders_order_id').config).toMatchObject({ where: 'order_id > 0', severity: 'WARN' });

    const accepted = node(parsed, 'accepted_values_stg_orders_status__False__placed__shipped');
    expect(accepted.testMetadata?.kwargs).toEqual({ column_name: 'status', values: ['placed', 'shipped'], quote: false });
    expect(accepted.config.severity).toBe('ERROR');

    const rel = node(parsed, 'relationships_stg_orders_customer_id__customer_id__ref_stg_customers_');
    expect(rel.testMetadata?.kwargs).toEqual({ column_name: 'customer_id', to: "ref('stg_customers')", field: 'customer_id' });

    const expr = node(parsed, 'dbt_utils_expression_is_true_orders_amount_0');
    expect(expr.testMetadata).toEqual({ name: 'expression_is_true', namespace: 'dbt_utils', kwargs: { expression: 'amount > 0' } });
    expect(expr.fqn).toEqual(['shop', 'marts', 'dbt_utils_expression_is_true_orders_amount_0']);
    expect(expr.config.severity).toBe('WARN');

    const named = node(parsed, 'orders_have_rows');
    expect(named.testMetadata?.name).toBe('at_least_one');
    expect(named.uniqueId).toMatch(/^test\.shop\.orders_have_rows\.[0-9a-f]{10}$/);

    // Tests on the snapshot declared in snapshots/orders_snapshot.sql.
    expect(node(parsed, 'not_null_orders_snapshot_id').attachedNode).toBe('snapshot.shop.orders_snapshot');
    // Package tests belong to the package.
    expect(node(parsed, 'unique_util_model_id').uniqueId).toMatch(/^test\.utils\.unique_util_model_id\./);
  });

  it('builds source definitions and source tests', async () => {
    const parsed = await parse(FILES);
    expect(parsed.sources.map((s) => s.uniqueId)).toEqual(['source.shop.raw.orders', 'source.shop.raw.payments']);
    const [orders, payments] = parsed.sources;
    expect(orders).toMatchObject({
      sourceName: 'raw',
      name: 'orders',
      schema: 'raw_data',
      identifier: 'orders_v2',
      loadedAtField: '_loaded_at',
      freshness: { warn_after: { count: 12, period: 'hour' } },
      meta: { pii: false, from_project: true },
      fqn: ['shop', 'staging', 'raw', 'orders'],
      originalFilePath: 'models/staging/schema.yml',
      location: { file: 'models/staging/schema.yml', line: 37 },
      config: { enabled: true },
    });
    expect(orders?.columns['id']?.name).toBe('id');
    expect(payments).toMatchObject({ identifier: 'payments', freshness: null, config: { enabled: false } });

    const sourceTest = node(parsed, 'source_not_null_raw_orders_id');
    expect(sourceTest).toMatchObject({ attachedNode: 'source.shop.raw.orders', sources: [['raw', 'orders']], refs: [] });
    const recency = node(parsed, 'dbt_utils_source_recency_raw_payments_day__created_at__1');
    expect(recency.config.enabled).toBe(false);
    expect(recency.testMetadata?.kwargs).toEqual({ field: 'created_at', datepart: 'day', interval: 1 });
  });

  it('collects raw macro, generic test and docs files, macro and snapshot properties', async () => {
    const parsed = await parse(FILES);
    expect(parsed.macroFiles.map((m) => [m.packageName, m.filePath, m.kind])).toEqual([
      ['shop', 'macros/cents.sql', 'macro'],
      ['shop', 'tests/generic/is_positive.sql', 'generic_test'],
      ['utils', 'dbt_packages/utils/macros/u.sql', 'macro'],
    ]);
    expect(parsed.macroFiles[2]?.path).toBe('macros/u.sql');
    expect(parsed.macroFiles[0]?.source).toContain('{% macro cents(x) %}');
    expect(parsed.docsFiles.map((d) => d.path)).toEqual(['models/docs.md']);
    expect(parsed.macroProperties).toEqual([
      { packageName: 'shop', name: 'cents', description: 'Divides by 100', arguments: [], meta: {}, location: { file: 'macros/macros.yml', line: 3 } },
    ]);
    expect(parsed.snapshotProperties).toMatchObject([{ name: 'orders_snapshot', description: 'History', location: { file: 'snapshots/snapshots.yml', line: 3 } }]);
    expect(parsed.packages.map((p) => [p.name, p.relativeDir, p.isRoot])).toEqual([
      ['shop', '', true],
      ['utils', 'dbt_packages/utils', false],
    ]);
  });

  it('builds snapshot block nodes with dbt fqns, trees and properties', async () => {
    const parsed = await parse({
      ...FILES,
      'dbt_project.yml': `${DBT_PROJECT}snapshots:\n  shop:\n    +target_schema: snaps\n    orders_snapshot:\n      orders_snapshot:\n        +tags: [block]\n`,
      'snapshots/snapshots.yml': 'version: 2\nsnapshots:\n  - name: orders_snapshot\n    description: History\n    config:\n      tags: [yml]\n',
    });
    const block = snapshotBlockNode(node(parsed, 'snapshot.shop.orders_snapshot'), 'orders_snapshot', parsed);
    expect(block).toMatchObject({
      uniqueId: 'snapshot.shop.orders_snapshot',
      fqn: ['shop', 'orders_snapshot', 'orders_snapshot'],
      description: 'History',
      config: { materialized: 'snapshot', target_schema: 'snaps', tags: ['block', 'yml'] },
      patchPath: { file: 'snapshots/snapshots.yml', line: 3 },
    });
  });

  it('warns about property entries without files and odd packages', async () => {
    const parsed = await parse(FILES);
    expect(parsed.propertyWarnings).toEqual([
      { message: expect.stringContaining('package skipped'), file: 'dbt_packages/broken/dbt_project.yml' },
      { message: 'models entry "ghost" matches no model file; ignored with its 1 test(s)', file: 'models/staging/schema.yml', line: 26 },
    ]);
    expect(parsed.exposures.map((e) => [e.uniqueId, e.refs, e.sources, e.owner.email])).toEqual([
      ['exposure.shop.dashboard', [{ package: 'shop', name: 'stg_orders' }], [['jaffle', 'payments']], 'data@example.com'],
    ]);
  });

  it('skips hidden files and the target and packages folders, and sorts deterministically', async () => {
    const parsed = await parse({
      'dbt_project.yml': 'name: flat\nmodel-paths: ["."]\n',
      'b.sql': 'select 2',
      'a/z.sql': 'select 1',
      '.hidden/x.sql': 'select 3',
      'target/run/x.sql': 'select 4',
      'dbt_packages/p/y.sql': 'select 5',
    });
    expect(parsed.nodes.map((n) => n.originalFilePath)).toEqual(['a/z.sql', 'b.sql']);
  });
});

describe('parseProjectFiles with basin.yml only', () => {
  it('uses dbt default folders and the basin.yml name', async () => {
    const parsed = await parse({
      'basin.yml': 'name: lake\n',
      'models/a.sql': 'select 1 as id',
      'tests/a_has_rows.sql': 'select 1 where false',
      'tests/props.yml': 'version: 2\ndata_tests:\n  - name: a_has_rows\n    description: A is not empty\n    config:\n      severity: warn\n',
    });
    expect(parsed.nodes.map((n) => n.uniqueId)).toEqual(['model.lake.a', 'test.lake.a_has_rows']);
    expect(node(parsed, 'test.lake.a_has_rows')).toMatchObject({
      description: 'A is not empty',
      config: { materialized: 'test', severity: 'WARN' },
    });
  });
});

describe('parseProjectFiles errors', () => {
  it('rejects property files that are not version 2', async () => {
    const err = await parseError({ 'basin.yml': 'name: lake\n', 'models/s.yml': 'version: 1\nmodels: []\n' });
    expect(err.message).toBe('models/s.yml:1: version: only `version: 2` property files are supported');
  });

  it('names both files of duplicate model names', async () => {
    const err = await parseError({
      'dbt_project.yml': 'name: shop\n',
      'models/a/orders.sql': 'select 1',
      'models/b/orders.sql': 'select 2',
    });
    expect(err.message).toBe('models/b/orders.sql: two resources are named "orders": models/a/orders.sql and models/b/orders.sql');
  });

  it('reports property entries without a name, and wrong types, with file and line', async () => {
    let err = await parseError({
      'dbt_project.yml': 'name: shop\n',
      'models/schema.yml': 'version: 2\nmodels:\n  - name: a\n  - description: no name\n',
    });
    expect(err.message).toBe('models/schema.yml:4: models[1].name: is required (expected string)');
    err = await parseError({
      'dbt_project.yml': 'name: shop\n',
      'models/schema.yml': 'version: 2\nmodels:\n  - name: a\n    columns: id\n',
    });
    expect(err.message).toBe('models/schema.yml:4: models[0].columns: expected array, got a string');
    err = await parseError({
      'dbt_project.yml': 'name: shop\n',
      'models/a.sql': 'select 1 as id',
      'models/schema.yml': 'version: 2\nmodels:\n  - name: a\n    columns:\n      - name: id\n        tests:\n          - unique: {}\n            not_null: {}\n',
    });
    expect(err.message).toMatch(/^models\/schema\.yml:7: models\[0\]\.columns\[0\]\.tests\[0\]: a test must be a name or a mapping with exactly one test name/);
  });

  it('rejects an entry declared twice, naming both places', async () => {
    const err = await parseError({
      'dbt_project.yml': 'name: shop\n',
      'models/a.sql': 'select 1',
      'models/one.yml': 'version: 2\nmodels:\n  - name: a\n',
      'models/two.yml': 'version: 2\n\nmodels:\n  - name: a\n',
    });
    expect(err.message).toBe('models/two.yml:4: models entry "a" is declared twice: models/one.yml:3 and models/two.yml:4');
  });

  it('rejects enabled Python models only', async () => {
    const err = await parseError({ 'dbt_project.yml': 'name: shop\n', 'models/m.py': 'def model(dbt, s): pass\n' });
    expect(err.message).toMatch(/^models\/m\.py: Python models are not supported/);
    const ok = await parse({ 'dbt_project.yml': 'name: shop\nmodels:\n  shop:\n    m:\n      +enabled: false\n', 'models/m.py': 'x' });
    expect(ok.nodes).toEqual([]);
  });

  it('rejects identical tests on the same column', async () => {
    const err = await parseError({
      'dbt_project.yml': 'name: shop\n',
      'models/a.sql': 'select 1 as id',
      'models/a.yml': 'version: 2\nmodels:\n  - name: a\n    columns:\n      - name: id\n        tests: [unique, unique]\n',
    });
    expect(err.message).toMatch(/two tests have the same name "unique_a_id"/);
    expect(err.location).toEqual({ file: 'models/a.yml', line: 6 });
  });
});
