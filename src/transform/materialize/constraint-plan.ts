/**
 * Model constraints (`constraints:` of a model and of its columns), created
 * as dbt creates them when the model's contract is enforced: the table is
 * created with the declared column types and the constraints' DDL, then the
 * model's SELECT is inserted, so a violating row fails the build with the
 * warehouse's error. Pure SQL generation; `execute/enforce-contract.ts` and
 * `execute/materialize-model.ts` run it.
 */
import type { RelationInfo, TableRef } from '../../core/types.js';
import { BasinError } from '../../core/errors.js';
import type { SqlDialect } from '../../warehouse/dialect.js';
import type { ConstraintSpec, ConstraintType } from '../project/types.js';
import type { ContractColumn } from './contract-plan.js';

/** How a warehouse treats a constraint type (dbt's `ConstraintSupport`). */
export type ConstraintSupport = 'enforced' | 'not_enforced' | 'not_supported';

const POSTGRES_LIKE: Record<ConstraintType, ConstraintSupport> = {
  check: 'enforced',
  not_null: 'enforced',
  unique: 'enforced',
  primary_key: 'enforced',
  foreign_key: 'enforced',
  custom: 'not_supported',
};

/**
 * Each warehouse's support, as its dbt adapter declares it (dbt-postgres,
 * dbt-duckdb: all enforced). BigQuery creates only `not null` here (dbt-bigquery
 * would add unenforced primary and foreign keys). `custom` is never created.
 */
export const CONSTRAINT_SUPPORT: Readonly<Record<SqlDialect['name'], Readonly<Record<ConstraintType, ConstraintSupport>>>> = {
  postgres: POSTGRES_LIKE,
  duckdb: POSTGRES_LIKE,
  bigquery: { check: 'not_supported', not_null: 'enforced', unique: 'not_supported', primary_key: 'not_supported', foreign_key: 'not_supported', custom: 'not_supported' },
};

/** A contract column with its column-level constraints. */
export interface ConstrainedColumn extends ContractColumn {
  constraints: readonly ConstraintSpec[];
}

/** The table a constrained model is built into: its column definitions and table constraints. */
export interface ConstrainedTable {
  /** The lines inside `CREATE TABLE x ( ... )`. */
  definitions: string[];
  /** The columns, in contract order (the INSERT's column list). */
  columns: string[];
}

/** A foreign key's `to`, as the SQL name of the referenced relation. */
export type RelationOf = (to: NonNullable<ConstraintSpec['to']>) => string;

/** Whether any constraint is declared on the model or its columns. */
export function hasConstraints(columns: ReadonlyArray<{ constraints?: readonly ConstraintSpec[] | undefined }>, model: readonly ConstraintSpec[] | undefined): boolean {
  return (model?.length ?? 0) > 0 || columns.some((c) => (c.constraints?.length ?? 0) > 0);
}

function supportMessage(warehouse: string, c: ConstraintSpec, support: ConstraintSupport): string | undefined {
  if (support === 'not_supported' && c.warnUnsupported) {
    return `The constraint type ${c.type} is not supported by ${warehouse}, and will be ignored. Set 'warn_unsupported: false' on this constraint to ignore this warning.`;
  }
  if (support === 'not_enforced' && c.warnUnenforced) {
    return `The constraint type ${c.type} is not enforced by ${warehouse}. The constraint will be included in this model's DDL statement, but it will not guarantee anything about the underlying data. Set 'warn_unenforced: false' on this constraint to ignore this warning.`;
  }
  return undefined;
}

function references(c: ConstraintSpec, relationOf: RelationOf): string | undefined {
  if (c.to && c.toColumns.length > 0) return `references ${relationOf(c.to)} (${c.toColumns.join(', ')})`;
  if (c.expression) return `references ${c.expression}`;
  return undefined;
}

/** dbt's column-level DDL of one constraint (undefined: nothing to render). */
export function renderColumnConstraint(c: ConstraintSpec, relationOf: RelationOf): string | undefined {
  const expression = c.expression ?? '';
  switch (c.type) {
    case 'check':
      return expression ? `check (${expression})` : undefined;
    case 'not_null':
      return `not null ${expression}`.trim();
    case 'unique':
      return `unique ${expression}`.trim();
    case 'primary_key':
      return `primary key ${expression}`.trim();
    case 'foreign_key':
      return references(c, relationOf);
    case 'custom':
      return undefined;
  }
}

/** dbt's model-level DDL of one constraint; `columns` are the quoted column names. */
export function renderModelConstraint(c: ConstraintSpec, columns: readonly string[], relationOf: RelationOf): string | undefined {
  const prefix = c.name ? `constraint ${c.name} ` : '';
  const list = columns.join(', ');
  switch (c.type) {
    case 'check':
      return c.expression ? `${prefix}check (${c.expression})` : undefined;
    case 'unique':
      return `${prefix}unique (${list})`;
    case 'primary_key':
      return `${prefix}primary key (${list})`;
    case 'foreign_key': {
      const target = references(c, relationOf);
      return target ? `${prefix}foreign key (${list}) ${target}` : undefined;
    }
    case 'not_null':
    case 'custom':
      return undefined;
  }
}

/**
 * The table of a model with an enforced contract and constraints: each
 * declared column with its type and column constraints, then the model-level
 * constraints. Model-level `columns` must be contract columns (compared
 * case-insensitively). Returns dbt's warnings for constraints the warehouse
 * does not support or enforce (custom ones are warned about when read).
 */
export function planConstrainedTable(
  d: SqlDialect,
  model: string,
  columns: readonly ConstrainedColumn[],
  modelConstraints: readonly ConstraintSpec[],
  relationOf: RelationOf,
): { table: ConstrainedTable; warnings: string[] } {
  const support = CONSTRAINT_SUPPORT[d.name];
  const warnings: string[] = [];
  const kept = (c: ConstraintSpec): boolean => {
    if (c.type === 'custom') return false;
    const s = support[c.type];
    const warning = supportMessage(d.name, c, s);
    if (warning) warnings.push(warning);
    return s !== 'not_supported';
  };
  const byName = new Map(columns.map((c) => [c.name.toLowerCase(), c.name]));
  const definitions = columns.map((column) => {
    const rendered = column.constraints.filter(kept).flatMap((c) => renderColumnConstraint(c, relationOf) ?? []);
    return [d.quoteIdentifier(column.name), column.dataType, ...rendered].join(' ');
  });
  for (const c of modelConstraints) {
    if (!kept(c)) continue;
    const names = c.columns.map((name) => {
      const declared = byName.get(name.toLowerCase());
      if (!declared) throw new BasinError('MATERIALIZATION', `model ${model}: the ${c.type} constraint names column "${name}", which is not a column of the contract`);
      return d.quoteIdentifier(declared);
    });
    const rendered = renderModelConstraint(c, names, relationOf);
    if (rendered) definitions.push(rendered);
  }
  return { table: { definitions, columns: columns.map((c) => c.name) }, warnings };
}

/**
 * Statements that rebuild `target` as a constrained table: drop what is
 * there, create the table with its constraints, insert the SELECT (already
 * narrowed and cast to the contract). Run them in one transaction.
 */
export function planConstrainedBuild(d: SqlDialect, target: TableRef, table: ConstrainedTable, selectSql: string, existing: RelationInfo | undefined): string[] {
  const statements: string[] = [];
  if (existing) statements.push(d.dropRelation(target, existing.kind));
  statements.push(`create table ${d.relation(target)} (\n    ${table.definitions.join(',\n    ')}\n)`);
  statements.push(d.insertSelect(target, table.columns, selectSql));
  return statements;
}
