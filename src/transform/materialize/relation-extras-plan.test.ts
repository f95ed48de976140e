import { describe, expect, it } from 'vitest';
import { DuckDbDialect } from '../../warehouse/duckdb/duckdb-dialect.js';
import { PostgresDialect } from '../../warehouse/postgres/postgres-dialect.js';
import type { NodeConfig } from '../project/types.js';
import { compareContract, contractColumns, contractEnforced, contractFailureMessage, contractedSelect, declaredTypesSelect } from './contract-plan.js';
import { grantsFromConfig, planGrants } from './grants-plan.js';
import { persistDocsOptions, persistDocsStatements } from './persist-docs-plan.js';

const config = (extra: Record<string, unknown>): NodeConfig => ({ enabled: true, materialized: 'table', tags: [], meta: {}, ...extra });
const target = { schema: 'analytics', name: 'orders' };
const column = (name: string, description: string, data_type?: string) => ({ name, description, data_type, meta: {}, tags: [] });

describe('contract plan', () => {
  it('is enforced only by contract: {enforced: true}', () => {
    expect(contractEnforced(config({ contract: { enforced: true } }))).toBe(true);
    expect(contractEnforced(config({ contract: { enforced: false } }))).toBe(false);
    expect(contractEnforced(config({}))).toBe(false);
  });

  it('reports missing, extra and mistyped columns by name', () => {
    const mismatches = compareContract(
      [{ name: 'ID', type: 'INTEGER' }, { name: 'status', type: 'VARCHAR' }, { name: 'extra', type: 'DATE' }],
      [{ name: 'id', type: 'BIGINT' }, { name: 'status', type: 'varchar' }, { name: 'amount', type: 'DOUBLE' }],
    );
    expect(mismatches).toEqual([
      { column: 'id', definitionType: 'INTEGER', contractType: 'BIGINT', reason: 'data type mismatch' },
      { column: 'amount', definitionType: '', contractType: 'DOUBLE', reason: 'missing in definition' },
      { column: 'extra', definitionType: 'DATE', contractType: '', reason: 'missing in contract' },
    ]);
    const message = contractFailureMessage('orders', mismatches);
    expect(message).toContain('model orders has an enforced contract that failed');
    expect(message).toContain('| id | INTEGER | BIGINT | data type mismatch |');
  });

  it('casts the SELECT to the declared types in contract order', () => {
    const d = new DuckDbDialect();
    const { columns, untyped } = contractColumns({ id: column('id', '', 'bigint'), note: column('note', '') });
    expect(untyped).toEqual(['note']);
    expect(declaredTypesSelect(d, columns)).toBe('select CAST(null AS bigint) as "id"');
    expect(contractedSelect(d, 'select 1 as id', columns)).toBe('select CAST("id" AS bigint) as "id" from (\nselect 1 as id\n) as dbt_contract_subquery');
  });
});

describe('persist_docs plan', () => {
  it('comments the relation and the documented columns that exist', () => {
    const d = new PostgresDialect();
    const options = persistDocsOptions(config({ persist_docs: { relation: true, columns: true } }));
    const statements = persistDocsStatements(d, target, 'view', options, "Ada's orders", { ID: column('ID', 'The key'), gone: column('gone', 'Not there'), status: column('status', '') }, ['id', 'status']);
    expect(statements).toEqual([`comment on view "analytics"."orders" is 'Ada''s orders'`, `comment on column "analytics"."orders"."id" is 'The key'`]);
  });

  it('writes nothing without persist_docs', () => {
    const options = persistDocsOptions(config({}));
    expect(persistDocsStatements(new DuckDbDialect(), target, 'table', options, 'x', { id: column('id', 'y') }, ['id'])).toEqual([]);
  });
});

describe('grants plan', () => {
  it('grants listed roles and revokes those no longer listed', () => {
    const d = new PostgresDialect();
    const wanted = grantsFromConfig(config({ grants: { SELECT: ['reporter', 'analyst'], insert: 'loader' } }));
    const existing = new Map([['select', ['reporter', 'old_role']]]);
    expect(planGrants(d, target, wanted, existing)).toEqual([
      'revoke select on "analytics"."orders" from "old_role"',
      'grant select on "analytics"."orders" to reporter, analyst',
      'grant insert on "analytics"."orders" to loader',
    ]);
  });
});
