/**
 * The editor's completion namespace from GET /api/warehouse/schema: schemas,
 * their tables and views (with the kind as detail), their columns (with the
 * type as detail). @codemirror/lang-sql completes `schema.table`,
 * `table.column` and, for the default schema, bare table names.
 */
import type { Completion } from '@codemirror/autocomplete';
import type { SQLNamespace } from '@codemirror/lang-sql';
import type { WarehouseSchemaJson } from '../../../src/server/workbench/schema-json';

/** The lang-sql schema namespace of `schema`. */
export function completionNamespace(schema: WarehouseSchemaJson): SQLNamespace {
  const namespace: Record<string, SQLNamespace> = {};
  for (const s of schema.schemas) {
    const tables: Record<string, SQLNamespace> = {};
    for (const r of s.relations) {
      const columns: Completion[] = r.columns.map((c) => ({ label: c.name, type: 'property', detail: c.type }));
      tables[r.name] = { self: { label: r.name, type: r.kind === 'view' ? 'class' : 'type', detail: r.kind }, children: columns };
    }
    namespace[s.name] = { self: { label: s.name, type: 'namespace', detail: 'schema' }, children: tables };
  }
  return namespace;
}

/** Number of relations in `schema`, for the page's summary. */
export function relationCount(schema: WarehouseSchemaJson): number {
  return schema.schemas.reduce((n, s) => n + s.relations.length, 0);
}
