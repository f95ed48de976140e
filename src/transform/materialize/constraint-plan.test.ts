import { describe, expect, it } from 'vitest';
import type { SqlDialect } from '../../warehouse/dialect.js';
import { DuckDbDialect } from '../../warehouse/duckdb/duckdb-dialect.js';
import { PostgresDialect } from '../../warehouse/postgres/postgres-dialect.js';
import { parseConstraintTo } from '../project/read-constraints.js';
import type { ConstraintSpec } from '../project/types.js';
import { hasConstraints, planConstrainedBuild, planConstrainedTable, renderColumnConstraint, renderModelConstraint } from './constraint-plan.js';

const c = (type: ConstraintSpec['type'], extra: Partial<ConstraintSpec> = {}): ConstraintSpec => ({
  type,
  columns: [],
  toColumns: [],
  warnUnenforced: true,
  warnUnsupported: true,
  ...extra,
});
const relationOf = (to: NonNullable<ConstraintSpec['to']>): string => ('ref' in to ? `"main"."${to.ref.name}"` : `"${to.source[0]}"."${to.source[1]}"`);

describe('constraint plan', () => {
  it("renders column constraints as dbt's adapters do", () => {
    expect(renderColumnConstraint(c('not_null'), relationOf)).toBe('not null');
    expect(renderColumnConstraint(c('unique'), relationOf)).toBe('unique');
    expect(renderColumnConstraint(c('primary_key'), relationOf)).toBe('primary key');
    expect(renderColumnConstraint(c('check', { expression: 'amount > 0' }), relationOf)).toBe('check (amount > 0)');
    expect(renderColumnConstraint(c('foreign_key', { to: { ref: { name: 'customers' } }, toColumns: ['id'] }), relationOf)).toBe('references "main"."customers" (id)');
    expect(renderColumnConstraint(c('foreign_key', { expression: 'main.customers (id)' }), relationOf)).toBe('references main.customers (id)');
    expect(renderColumnConstraint(c('custom', { expression: 'masking policy p' }), relationOf)).toBeUndefined();
  });

  it('renders model constraints with their name and columns', () => {
    expect(renderModelConstraint(c('primary_key', { name: 'pk' }), ['"a"', '"b"'], relationOf)).toBe('constraint pk primary key ("a", "b")');
    expect(renderModelConstraint(c('unique'), ['"a"'], relationOf)).toBe('unique ("a")');
    expect(renderModelConstraint(c('check', { expression: 'a < b' }), [], relationOf)).toBe('check (a < b)');
    expect(renderModelConstraint(c('foreign_key', { to: { source: ['raw', 'users'] }, toColumns: ['id'] }), ['"user_id"'], relationOf)).toBe(
      'foreign key ("user_id") references "raw"."users" (id)',
    );
    expect(renderModelConstraint(c('not_null'), ['"a"'], relationOf)).toBeUndefined();
  });

  it('plans the table: types in contract order, column then model constraints; model columns matched case-insensitively', () => {
    const d = new PostgresDialect();
    const { table, warnings } = planConstrainedTable(
      d,
      'orders',
      [
        { name: 'id', dataType: 'integer', constraints: [c('not_null'), c('custom', { expression: 'x' })] },
        { name: 'amount', dataType: 'numeric(10,2)', constraints: [] },
      ],
      [c('primary_key', { columns: ['ID'] })],
      relationOf,
    );
    expect(warnings).toEqual([]);
    expect(table).toEqual({ definitions: ['"id" integer not null', '"amount" numeric(10,2)', 'primary key ("id")'], columns: ['id', 'amount'] });
    expect(() => planConstrainedTable(d, 'orders', [{ name: 'id', dataType: 'integer', constraints: [] }], [c('unique', { columns: ['nope'] })], relationOf)).toThrow(
      'model orders: the unique constraint names column "nope", which is not a column of the contract',
    );
  });

  it("warns as dbt does about constraints the warehouse does not support, unless warn_unsupported is false", () => {
    const bigquery = { ...new PostgresDialect(), name: 'bigquery', quoteIdentifier: (n: string) => `\`${n}\`` } as unknown as SqlDialect;
    const { table, warnings } = planConstrainedTable(
      bigquery,
      'm',
      [{ name: 'id', dataType: 'int64', constraints: [c('not_null'), c('unique'), c('check', { expression: 'id > 0', warnUnsupported: false })] }],
      [],
      relationOf,
    );
    expect(table.definitions).toEqual(['`id` int64 not null']);
    expect(warnings).toEqual([
      "The constraint type unique is not supported by bigquery, and will be ignored. Set 'warn_unsupported: false' on this constraint to ignore this warning.",
    ]);
  });

  it('rebuilds by dropping what is there, creating the table, inserting the SELECT', () => {
    const d = new DuckDbDialect();
    const target = { schema: 'main', name: 'orders' };
    const plan = planConstrainedBuild(d, target, { definitions: ['"id" INTEGER not null'], columns: ['id'] }, 'select 1 as id', { ...target, kind: 'view' });
    expect(plan).toEqual([d.dropRelation(target, 'view'), 'create table "main"."orders" (\n    "id" INTEGER not null\n)', d.insertSelect(target, ['id'], 'select 1 as id')]);
    expect(planConstrainedBuild(d, target, { definitions: ['"id" INTEGER'], columns: ['id'] }, 'select 1 as id', undefined)).toHaveLength(2);
  });

  it('finds constraints on the model or any column', () => {
    expect(hasConstraints([{ constraints: [] }, {}], [])).toBe(false);
    expect(hasConstraints([{ constraints: [c('not_null')] }], undefined)).toBe(true);
    expect(hasConstraints([], [c('check', { expression: 'true' })])).toBe(true);
  });

  it("parses a foreign key's to: ref, ref with a package, source", () => {
    expect(parseConstraintTo("ref('customers')")).toEqual({ ref: { name: 'customers' } });
    expect(parseConstraintTo(' ref("pkg", "customers") ')).toEqual({ ref: { package: 'pkg', name: 'customers' } });
    expect(parseConstraintTo("source('raw', 'users')")).toEqual({ source: ['raw', 'users'] });
    expect(parseConstraintTo('main.customers')).toBeUndefined();
  });
});
