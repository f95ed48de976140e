import { describe, expect, it } from 'vitest';
import { DuckDbDialect } from '../../warehouse/duckdb/duckdb-dialect.js';
import { PostgresDialect } from '../../warehouse/postgres/postgres-dialect.js';
import type { SqlDialect } from '../../warehouse/dialect.js';
import { injectCtes } from './ephemeral.js';
import { normalizeUniqueKey, planIncrementalLoad, resolveIncrementalStrategy, nullKeyCheckSql } from './incremental-plan.js';
import { planSchemaChange } from './schema-change.js';
import { planSnapshotCreate, planSnapshotUpdate, resolveSnapshotSpec } from './snapshot-plan.js';
import { planReplace, planSwap } from './swap-plan.js';
import { normalizeThreshold, planTestQuery, whereFilteredRelation } from './test-plan.js';

const target = { schema: 'analytics', name: 'orders' };
const dialects: Array<[string, SqlDialect]> = [
  ['duckdb', new DuckDbDialect()],
  ['postgres', new PostgresDialect()],
];

describe('view and table swaps (golden SQL)', () => {
  it('duckdb: a view replacing an existing view, with a leftover temp', () => {
    const plan = planSwap(new DuckDbDialect(), 'view', target, 'select 1 as id', { ...target, kind: 'view' }, [
      { schema: 'analytics', name: 'orders__dbt_tmp', kind: 'view' },
    ]);
    expect(plan).toMatchInlineSnapshot(`
      {
        "build": [
          "CREATE VIEW "analytics"."orders__dbt_tmp" AS (
      select 1 as id
      )",
        ],
        "prepare": [
          "DROP VIEW IF EXISTS "analytics"."orders__dbt_tmp" CASCADE",
        ],
        "swap": [
          "ALTER VIEW "analytics"."orders" RENAME TO "orders__dbt_backup"",
          "ALTER VIEW "analytics"."orders__dbt_tmp" RENAME TO "orders"",
          "DROP VIEW IF EXISTS "analytics"."orders__dbt_backup" CASCADE",
        ],
      }
    `);
  });
  it('postgres: a table replacing a view', () => {
    const plan = planSwap(new PostgresDialect(), 'table', target, 'select 1 as id', { ...target, kind: 'view' });
    expect(plan).toMatchInlineSnapshot(`
      {
        "build": [
          "CREATE TABLE "analytics"."orders__dbt_tmp" AS (
      select 1 as id
      )",
        ],
        "prepare": [],
        "swap": [
          "ALTER VIEW "analytics"."orders" RENAME TO "orders__dbt_backup"",
          "ALTER TABLE "analytics"."orders__dbt_tmp" RENAME TO "orders"",
          "DROP VIEW IF EXISTS "analytics"."orders__dbt_backup" CASCADE",
        ],
      }
    `);
  });
  it('one-step replacement drops a relation of the other kind first', () => {
    const d = new DuckDbDialect();
    expect(planReplace(d, 'view', target, 'select 1 as id', { ...target, kind: 'table' })).toMatchInlineSnapshot(`
      [
        "DROP TABLE IF EXISTS "analytics"."orders" CASCADE",
        "CREATE OR REPLACE VIEW "analytics"."orders" AS (
      select 1 as id
      )",
      ]
    `);
    expect(planReplace(d, 'table', target, 'select 1 as id', { ...target, kind: 'table' })).toHaveLength(1);
  });
  it('a first build has no rename of the old relation', () => {
    const plan = planSwap(new DuckDbDialect(), 'table', target, 'select 1', undefined);
    expect(plan.swap).toHaveLength(1);
    expect(plan.prepare).toEqual([]);
  });
});

describe('incremental loads (golden SQL)', () => {
  const staged = { schema: 'analytics', name: 'orders__dbt_tmp' };
  for (const [name, d] of dialects) {
    it(`${name}: append, merge and delete+insert`, () => {
      expect({
        append: planIncrementalLoad(d, 'append', target, staged, ['id', 'amount'], []),
        merge: planIncrementalLoad(d, 'merge', target, staged, ['id', 'region', 'amount'], ['id', 'region']),
        deleteInsert: planIncrementalLoad(d, 'delete+insert', target, staged, ['id', 'amount'], ['id']),
        nullCheck: nullKeyCheckSql(d, staged, ['id', 'region']),
      }).toMatchSnapshot();
    });
  }
  it('defaults the strategy from the unique key, and rejects unknown ones', () => {
    expect(resolveIncrementalStrategy(undefined, [], 'm')).toBe('append');
    expect(resolveIncrementalStrategy(undefined, ['id'], 'm')).toBe('delete+insert');
    expect(resolveIncrementalStrategy('merge', ['id'], 'm')).toBe('merge');
    expect(() => resolveIncrementalStrategy('merge', [], 'm')).toThrow(/needs a unique_key/);
    expect(() => resolveIncrementalStrategy('insert_overwrite', ['id'], 'm')).toThrow(/must be one of append, merge, delete\+insert/);
  });
  it('normalizes unique keys', () => {
    expect(normalizeUniqueKey('id')).toEqual(['id']);
    expect(normalizeUniqueKey(['a', ' b '])).toEqual(['a', 'b']);
    expect(normalizeUniqueKey(null)).toEqual([]);
  });
});

describe('on_schema_change', () => {
  const d = new DuckDbDialect();
  const existing = [
    { name: 'id', type: 'INTEGER' },
    { name: 'amount', type: 'INTEGER' },
    { name: 'old', type: 'VARCHAR' },
  ];
  const incoming = [
    { name: 'id', type: 'INTEGER' },
    { name: 'amount', type: 'DOUBLE' },
    { name: 'added', type: 'VARCHAR' },
  ];
  it('ignore loads the shared columns only', () => {
    const plan = planSchemaChange(d, target, incoming, existing, 'ignore', 'orders');
    expect(plan.statements).toEqual([]);
    expect(plan.columns).toEqual(['id', 'amount']);
  });
  it('append_new_columns adds new columns', () => {
    const plan = planSchemaChange(d, target, incoming, existing, 'append_new_columns', 'orders');
    expect(plan.statements).toMatchInlineSnapshot(`
      [
        "ALTER TABLE "analytics"."orders" ADD COLUMN "added" VARCHAR",
      ]
    `);
    expect(plan.columns).toEqual(['id', 'amount', 'added']);
  });
  it('sync_all_columns adds, drops and retypes', () => {
    const plan = planSchemaChange(new PostgresDialect(), target, incoming, existing, 'sync_all_columns', 'orders');
    expect(plan.statements).toMatchInlineSnapshot(`
      [
        "ALTER TABLE "analytics"."orders" ADD COLUMN "added" VARCHAR",
        "ALTER TABLE "analytics"."orders" DROP COLUMN "old"",
        "ALTER TABLE "analytics"."orders" ALTER COLUMN "amount" TYPE DOUBLE USING CAST("amount" AS DOUBLE)",
      ]
    `);
  });
  it('fail names what changed', () => {
    expect(() => planSchemaChange(d, target, incoming, existing, 'fail', 'orders')).toThrow(
      /model orders: the schema changed \(new columns added; missing columns old; changed types amount INTEGER -> DOUBLE\)/,
    );
  });
  it('no change, no statements, whatever the mode', () => {
    const plan = planSchemaChange(d, target, existing, existing, 'fail', 'orders');
    expect(plan.statements).toEqual([]);
    expect(plan.columns).toEqual(['id', 'amount', 'old']);
  });
});

describe('snapshots (golden SQL)', () => {
  const refs = {
    target: { schema: 'snapshots', name: 'subs' },
    staged: { schema: 'snapshots', name: 'subs__dbt_staged' },
    changes: { schema: 'snapshots', name: 'subs__dbt_tmp' },
  };
  const staged = [
    { name: 'id', type: 'VARCHAR' },
    { name: 'status', type: 'VARCHAR' },
    { name: 'updated_at', type: 'TIMESTAMP' },
  ];
  const existing = [
    ...staged.slice(0, 2),
    { name: 'updated_at', type: 'TIMESTAMP' },
    { name: 'dbt_scd_id', type: 'VARCHAR' },
    { name: 'dbt_updated_at', type: 'TIMESTAMP' },
    { name: 'dbt_valid_from', type: 'TIMESTAMP' },
    { name: 'dbt_valid_to', type: 'TIMESTAMP' },
  ];
  for (const [name, d] of dialects) {
    it(`${name}: timestamp strategy, first and later runs`, () => {
      const spec = resolveSnapshotSpec('subs', { unique_key: 'id', strategy: 'timestamp', updated_at: 'updated_at' }, refs);
      expect({ create: planSnapshotCreate(d, spec, staged), update: planSnapshotUpdate(d, spec, staged, existing) }).toMatchSnapshot();
    });
    it(`${name}: check strategy with hard deletes and a new column`, () => {
      const spec = resolveSnapshotSpec('subs', { unique_key: ['id'], strategy: 'check', check_cols: 'all', invalidate_hard_deletes: true }, refs, new Date('2026-01-02T03:04:05.678Z'));
      const withNew = [...staged, { name: 'plan', type: 'VARCHAR' }];
      expect(planSnapshotUpdate(d, spec, withNew, existing)).toMatchSnapshot();
    });
  }
  it('rejects incomplete configs with the snapshot name', () => {
    expect(() => resolveSnapshotSpec('s', { strategy: 'timestamp', updated_at: 'u' }, refs)).toThrow(/snapshot s: config 'unique_key' is required/);
    expect(() => resolveSnapshotSpec('s', { unique_key: 'id', strategy: 'timestamp' }, refs)).toThrow(/needs config 'updated_at'/);
    expect(() => resolveSnapshotSpec('s', { unique_key: 'id', strategy: 'check' }, refs)).toThrow(/check_cols/);
    expect(() => resolveSnapshotSpec('s', { unique_key: 'id', strategy: 'magic' }, refs)).toThrow(/'timestamp' or 'check'/);
  });
});

describe('tests', () => {
  it('wraps failing rows into dbt counts (golden SQL)', () => {
    expect(planTestQuery(new PostgresDialect(), 'select 1', { errorIf: '!= 0', warnIf: '> 10' })).toMatchInlineSnapshot(`
      "select count(*) as failures, count(*) > 10 as should_warn, count(*) != 0 as should_error from (
      select 1
      ) as "dbt_internal_test""
    `);
  });
  it('validates thresholds', () => {
    expect(normalizeThreshold(undefined, 'error_if', 't')).toBe('!= 0');
    expect(normalizeThreshold('>10', 'error_if', 't')).toBe('> 10');
    expect(normalizeThreshold('==3', 'warn_if', 't')).toBe('= 3');
    expect(() => normalizeThreshold('; drop table x', 'error_if', 't')).toThrow(/error_if must be a comparison/);
  });
  it('applies where to the model relation', () => {
    expect(whereFilteredRelation('"main"."x"', "plan <> 'free'")).toBe(`(select * from "main"."x" where plan <> 'free') dbt_subquery`);
    expect(whereFilteredRelation('"main"."x"', undefined)).toBe('"main"."x"');
  });
});

describe('ephemeral CTE injection', () => {
  const ctes = [
    { name: '__dbt__cte__a', sql: 'select 1 as x' },
    { name: '__dbt__cte__b', sql: 'select x from __dbt__cte__a' },
  ];
  it('prepends a with clause', () => {
    expect(injectCtes('select * from __dbt__cte__b', ctes)).toBe(
      'with __dbt__cte__a as (\nselect 1 as x\n),\n__dbt__cte__b as (\nselect x from __dbt__cte__a\n)\nselect * from __dbt__cte__b',
    );
  });
  it('joins an existing with clause, after leading comments', () => {
    expect(injectCtes('-- note\n/* c */ WITH t as (select 1) select * from t, __dbt__cte__a', ctes.slice(0, 1))).toBe(
      '-- note\n/* c */ WITH __dbt__cte__a as (\nselect 1 as x\n),\nt as (select 1) select * from t, __dbt__cte__a',
    );
  });
  it('keeps with recursive', () => {
    expect(injectCtes('with recursive r as (select 1) select * from r', ctes.slice(0, 1))).toMatch(/^with recursive __dbt__cte__a as/);
  });
  it('leaves SQL alone without ephemeral refs', () => {
    expect(injectCtes('select 1', [])).toBe('select 1');
  });
});
