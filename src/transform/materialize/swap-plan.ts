import type { RelationInfo, RelationKind, TableRef } from '../../core/types.js';
import type { SqlDialect } from '../../warehouse/dialect.js';
import { backupRelation, tempRelation } from './relation-names.js';

/**
 * Statements that build a relation under a temporary name and swap it in, so
 * readers never see a half-built table or view. The caller runs `prepare`
 * outside a transaction (dropping leftovers of a crashed run), then `build` and
 * `swap` in one transaction where DDL is transactional.
 */
export interface SwapPlan {
  prepare: string[];
  build: string[];
  swap: string[];
}

/**
 * Plans a view or table replacement. `existing` is the relation currently at
 * `target` (any kind) and `leftovers` the temp/backup relations found, if any.
 */
export function planSwap(
  dialect: SqlDialect,
  kind: RelationKind,
  target: TableRef,
  selectSql: string,
  existing: RelationInfo | undefined,
  leftovers: RelationInfo[] = [],
): SwapPlan {
  const temp = tempRelation(target);
  const backup = backupRelation(target);
  const prepare = leftovers.map((r) => dialect.dropRelation(r, r.kind));
  const build = [
    kind === 'view' ? dialect.createViewAs(temp, selectSql) : dialect.createTableAs(temp, selectSql),
  ];
  const swap: string[] = [];
  if (existing) swap.push(dialect.renameRelation(target, backup.name, existing.kind));
  swap.push(dialect.renameRelation(temp, target.name, kind));
  if (existing) swap.push(dialect.dropRelation(backup, existing.kind));
  return { prepare, build, swap };
}

/**
 * Statements that replace a relation in one step where the warehouse's
 * `CREATE OR REPLACE` is atomic (capabilities `createOrReplaceView` /
 * `createOrReplaceTable`). A relation of the other kind is dropped first;
 * run the statements in one transaction.
 */
export function planReplace(
  dialect: SqlDialect,
  kind: RelationKind,
  target: TableRef,
  selectSql: string,
  existing: RelationInfo | undefined,
): string[] {
  const statements: string[] = [];
  if (existing && existing.kind !== kind) statements.push(dialect.dropRelation(target, existing.kind));
  statements.push(
    kind === 'view' ? dialect.createViewAs(target, selectSql, { replace: true }) : dialect.createTableAs(target, selectSql, { replace: true }),
  );
  return statements;
}
