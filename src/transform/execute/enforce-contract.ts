import { BasinError } from '../../core/errors.js';
import type { TableRef } from '../../core/types.js';
import type { Warehouse } from '../../warehouse/warehouse.js';
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

/**
 * Checks a model's enforced contract before it is built: the SELECT and the
 * declared types are probed as views (dropped afterwards) and their columns
 * compared. Returns the SQL to build (cast to the declared types, in contract
 * order), or the SQL unchanged when no contract is enforced. A mismatch fails
 * the model with dbt's table of column, types and reason.
 */
export async function enforceContract(warehouse: Warehouse, node: ProjectNode, target: TableRef, sql: string, signal?: AbortSignal): Promise<string> {
  if (!contractEnforced(node.config)) return sql;
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
  const options = signal ? { signal } : {};
  const drop = [d.dropRelation(probe.model, 'view'), d.dropRelation(probe.declared, 'view')];
  try {
    await warehouse.execute([...drop, d.createViewAs(probe.model, sql), d.createViewAs(probe.declared, declaredTypesSelect(d, columns))], options);
    const [actual, declared] = await Promise.all([warehouse.getColumns(probe.model, options), warehouse.getColumns(probe.declared, options)]);
    if (!actual || !declared) throw new BasinError('MATERIALIZATION', `model ${node.name}: could not read the columns of the contract probe`);
    const mismatches = compareContract(actual, declared);
    if (mismatches.length > 0) throw new BasinError('MATERIALIZATION', contractFailureMessage(node.name, mismatches));
  } finally {
    await warehouse.execute(drop).catch(() => undefined);
  }
  return contractedSelect(d, sql, columns);
}
