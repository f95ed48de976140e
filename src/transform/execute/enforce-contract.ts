import { BasinError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { TableRef } from '../../core/types.js';
import type { Warehouse } from '../../warehouse/warehouse.js';
import { hasConstraints, planConstrainedTable, type ConstrainedTable, type RelationOf } from '../materialize/constraint-plan.js';
import {
  compareContract,
  contractColumns,
  contractEnforced,
  contractFailureMessage,
  contractedSelect,
  contractProbeRelations,
  declaredTypesSelect,
} from '../materialize/contract-plan.js';
import type { ProjectNode } from '../project/types.js';

/** What to build: the SQL, and for a table with constraints the table to create before inserting it. */
export interface ContractedModel {
  sql: string;
  table?: ConstrainedTable | undefined;
}

/** Where constraints are resolved and warned about. */
export interface ContractOptions {
  signal?: AbortSignal | undefined;
  logger: Logger;
  relationOf: RelationOf;
}

/**
 * Checks a model's enforced contract before it is built: the SELECT and the
 * declared types are probed as views (dropped afterwards) and their columns
 * compared. Returns the SQL to build (cast to the declared types, in contract
 * order), or the SQL unchanged when no contract is enforced. A mismatch fails
 * the model with dbt's table of column, types and reason. A table or
 * incremental model with `constraints:` also gets the table to create with
 * them (views get none, with a warning, as without an enforced contract).
 */
export async function enforceContract(warehouse: Warehouse, node: ProjectNode, target: TableRef, sql: string, options: ContractOptions): Promise<ContractedModel> {
  const { signal, logger } = options;
  const constrained = hasConstraints(Object.values(node.columns), node.constraints);
  if (!contractEnforced(node.config)) {
    if (constrained) logger.warn(`model ${node.name}: constraints are created only when the contract is enforced (contract: {enforced: true}); ignored`);
    return { sql };
  }
  const materialized = node.config.materialized;
  if (materialized !== 'table' && materialized !== 'view' && materialized !== 'incremental') {
    throw new BasinError('MATERIALIZATION', `model ${node.name}: contracts are enforced for table, view and incremental models, not '${materialized}'`);
  }
  const { columns, untyped } = contractColumns(node.columns);
  if (columns.length === 0 || untyped.length > 0) {
    const missing = untyped.length > 0 ? `columns without data_type: ${untyped.join(', ')}` : 'no columns are declared';
    throw new BasinError('MATERIALIZATION', `model ${node.name}: an enforced contract needs every column declared with a data_type (${missing})`);
  }
  const d = warehouse.dialect;
  const probe = contractProbeRelations(target);
  const queryOptions = signal ? { signal } : {};
  const drop = [d.dropRelation(probe.model, 'view'), d.dropRelation(probe.declared, 'view')];
  try {
    await warehouse.execute([...drop, d.createViewAs(probe.model, sql), d.createViewAs(probe.declared, declaredTypesSelect(d, columns))], queryOptions);
    const [actual, declared] = await Promise.all([warehouse.getColumns(probe.model, queryOptions), warehouse.getColumns(probe.declared, queryOptions)]);
    if (!actual || !declared) throw new BasinError('MATERIALIZATION', `model ${node.name}: could not read the columns of the contract probe`);
    const mismatches = compareContract(actual, declared);
    if (mismatches.length > 0) throw new BasinError('MATERIALIZATION', contractFailureMessage(node.name, mismatches));
  } finally {
    await warehouse.execute(drop).catch(() => undefined);
  }
  const contracted = contractedSelect(d, sql, columns);
  if (!constrained) return { sql: contracted };
  if (materialized === 'view') {
    logger.warn(`model ${node.name}: constraints are not supported on views and are ignored (materialize it as a table or incremental to create them)`);
    return { sql: contracted };
  }
  const withConstraints = columns.map((c) => ({ ...c, constraints: node.columns[c.name]?.constraints ?? [] }));
  const { table, warnings } = planConstrainedTable(d, node.name, withConstraints, node.constraints ?? [], options.relationOf);
  for (const warning of warnings) logger.warn(`model ${node.name}: ${warning}`);
  return { sql: contracted, table };
}
