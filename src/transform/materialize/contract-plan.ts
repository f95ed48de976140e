/**
 * Model contracts (`contract: {enforced: true}`): the columns a model's
 * SELECT returns must match the columns declared in its property file, by
 * name, data_type and number, as in dbt. Pure SQL generation and comparison;
 * the warehouse is asked for the column types by `execute/enforce-contract.ts`.
 */
import type { ColumnDef, TableRef } from '../../core/types.js';
import type { SqlDialect } from '../../warehouse/dialect.js';
import type { ColumnSpec, NodeConfig } from '../project/types.js';

/** A declared contract column. */
export interface ContractColumn {
  name: string;
  dataType: string;
}

/** One row of a contract failure, as dbt prints them. */
export interface ContractMismatch {
  column: string;
  definitionType: string;
  contractType: string;
  reason: 'missing in definition' | 'missing in contract' | 'data type mismatch';
}

/** Whether the config enforces a contract (`contract: {enforced: true}`). */
export function contractEnforced(config: NodeConfig): boolean {
  const contract = config['contract'];
  return typeof contract === 'object' && contract !== null && (contract as { enforced?: unknown }).enforced === true;
}

/** The declared columns, in property-file order; a column without `data_type` is an error of the caller's. */
export function contractColumns(columns: Record<string, ColumnSpec>): { columns: ContractColumn[]; untyped: string[] } {
  const out: ContractColumn[] = [];
  const untyped: string[] = [];
  for (const column of Object.values(columns)) {
    if (column.data_type) out.push({ name: column.name, dataType: column.data_type });
    else untyped.push(column.name);
  }
  return { columns: out, untyped };
}

/** The relation the model's SELECT is probed through. */
export function contractProbeRelations(target: TableRef): { model: TableRef; declared: TableRef } {
  return { model: { ...target, name: `${target.name}__dbt_contract` }, declared: { ...target, name: `${target.name}__dbt_contract_decl` } };
}

/** A SELECT of one typed NULL per declared column: the warehouse names each declared type as it would a column's. */
export function declaredTypesSelect(d: SqlDialect, columns: readonly ContractColumn[]): string {
  return `select ${columns.map((c) => `${d.cast('null', c.dataType)} as ${d.quoteIdentifier(c.name)}`).join(', ')}`;
}

const key = (name: string): string => name.toLowerCase();
const sameType = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Compares the model's columns with the contract's (`declared`: the declared
 * columns with the warehouse's names for their types). Names compare
 * case-insensitively, as unquoted identifiers do.
 */
export function compareContract(model: readonly ColumnDef[], declared: readonly ColumnDef[]): ContractMismatch[] {
  const mismatches: ContractMismatch[] = [];
  const modelByName = new Map(model.map((c) => [key(c.name), c]));
  const declaredByName = new Map(declared.map((c) => [key(c.name), c]));
  for (const c of declared) {
    const actual = modelByName.get(key(c.name));
    if (!actual) mismatches.push({ column: c.name, definitionType: '', contractType: c.type, reason: 'missing in definition' });
    else if (!sameType(actual.type, c.type)) mismatches.push({ column: c.name, definitionType: actual.type, contractType: c.type, reason: 'data type mismatch' });
  }
  for (const c of model) {
    if (!declaredByName.has(key(c.name))) mismatches.push({ column: c.name, definitionType: c.type, contractType: '', reason: 'missing in contract' });
  }
  return mismatches;
}

/** dbt's message for a failed contract, with the table of mismatches. */
export function contractFailureMessage(model: string, mismatches: readonly ContractMismatch[]): string {
  const rows = mismatches.map((m) => `| ${m.column} | ${m.definitionType} | ${m.contractType} | ${m.reason} |`);
  return [
    `model ${model} has an enforced contract that failed.`,
    "Please ensure the name, data_type, and number of columns in your contract match the columns in your model's definition.",
    '',
    '| column_name | definition_type | contract_type | mismatch_reason |',
    '| ----------- | --------------- | ------------- | --------------- |',
    ...rows,
  ].join('\n');
}

/** The model's SELECT narrowed to the contract's columns, in contract order, cast to the declared types. */
export function contractedSelect(d: SqlDialect, sql: string, columns: readonly ContractColumn[]): string {
  const list = columns.map((c) => `${d.cast(d.quoteIdentifier(c.name), c.dataType)} as ${d.quoteIdentifier(c.name)}`).join(', ');
  return `select ${list} from (\n${sql}\n) as dbt_contract_subquery`;
}
