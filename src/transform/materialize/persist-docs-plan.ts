/**
 * `persist_docs: {relation: true, columns: true}`: descriptions written into
 * the warehouse as comments (`COMMENT ON`), which DuckDB and Postgres both
 * keep in their catalogs. Pure SQL generation.
 */
import type { RelationKind, TableRef } from '../../core/types.js';
import type { SqlDialect } from '../../warehouse/dialect.js';
import type { ColumnSpec, NodeConfig } from '../project/types.js';

/** Which descriptions the config persists. */
export function persistDocsOptions(config: NodeConfig): { relation: boolean; columns: boolean } {
  const raw = config['persist_docs'];
  if (typeof raw !== 'object' || raw === null) return { relation: false, columns: false };
  const value = raw as { relation?: unknown; columns?: unknown };
  return { relation: value.relation === true, columns: value.columns === true };
}

/**
 * The COMMENT statements for a relation: its description (when
 * `relation`) and each documented column that exists in it (when `columns`),
 * matched case-insensitively; declared columns the relation lacks are skipped.
 */
export function persistDocsStatements(
  d: SqlDialect,
  target: TableRef,
  kind: RelationKind,
  options: { relation: boolean; columns: boolean },
  description: string,
  columns: Record<string, ColumnSpec>,
  existingColumns: readonly string[],
): string[] {
  const statements: string[] = [];
  const rel = d.relation(target);
  if (options.relation && description) statements.push(`comment on ${kind === 'view' ? 'view' : 'table'} ${rel} is ${d.quoteLiteral(description)}`);
  if (options.columns) {
    const actual = new Map(existingColumns.map((c) => [c.toLowerCase(), c]));
    for (const column of Object.values(columns)) {
      const name = actual.get(column.name.toLowerCase());
      if (!name || !column.description) continue;
      statements.push(`comment on column ${rel}.${d.quoteIdentifier(name)} is ${d.quoteLiteral(column.description)}`);
    }
  }
  return statements;
}
