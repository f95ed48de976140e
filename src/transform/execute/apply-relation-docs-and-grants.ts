import type { Logger } from '../../core/logger.js';
import type { RelationKind, TableRef } from '../../core/types.js';
import type { Warehouse } from '../../warehouse/warehouse.js';
import { existingGrantsSql, grantsFromConfig, planGrants, type GrantMap } from '../materialize/grants-plan.js';
import { persistDocsOptions, persistDocsStatements } from '../materialize/persist-docs-plan.js';
import type { ProjectNode } from '../project/types.js';

/**
 * After a model, seed or snapshot is built: its descriptions written as
 * warehouse comments (`persist_docs`) and its `grants` applied. DuckDB has no
 * privileges, so grants there are skipped with a debug note.
 */
export async function applyRelationDocsAndGrants(
  warehouse: Warehouse,
  node: ProjectNode,
  target: TableRef,
  logger: Logger,
  signal?: AbortSignal,
): Promise<void> {
  const options = signal ? { signal } : {};
  const docs = persistDocsOptions(node.config);
  const grants = grantsFromConfig(node.config);
  if (!docs.relation && !docs.columns && grants.size === 0) return;
  const info = await warehouse.getRelation(target, options);
  if (!info) return;
  const kind: RelationKind = info.kind;
  if (docs.relation || docs.columns) {
    const columns = docs.columns ? ((await warehouse.getColumns(target, options)) ?? []).map((c) => c.name) : [];
    const statements = persistDocsStatements(warehouse.dialect, target, kind, docs, node.description, node.columns, columns);
    if (statements.length > 0) await warehouse.execute(statements, options);
  }
  if (grants.size === 0) return;
  if (warehouse.dialect.name !== 'postgres') {
    logger.debug(`${node.name}: grants are not applied on ${warehouse.dialect.name}, which has no privileges`);
    return;
  }
  const current = await warehouse.query<{ privilege: string; grantee: string }>(existingGrantsSql(warehouse.dialect, target), [], options);
  const existing: GrantMap = new Map();
  for (const row of current.rows) existing.set(row.privilege, [...(existing.get(row.privilege) ?? []), row.grantee]);
  const statements = planGrants(warehouse.dialect, target, grants, existing);
  if (statements.length > 0) await warehouse.execute(statements, options);
}
