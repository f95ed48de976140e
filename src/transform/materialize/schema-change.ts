import { BasinError } from '../../core/errors.js';
import type { ColumnDef, TableRef } from '../../core/types.js';
import type { SqlDialect } from '../../warehouse/dialect.js';

/** dbt's `on_schema_change` modes for incremental models. */
export type SchemaChangeMode = 'ignore' | 'append_new_columns' | 'sync_all_columns' | 'fail';

/** Differences between the new rows' columns and the existing table's. */
export interface SchemaDiff {
  added: ColumnDef[];
  removed: ColumnDef[];
  changed: Array<{ name: string; from: string; to: string }>;
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** Compares columns by name (case-insensitive) and type. */
export function diffColumns(source: ColumnDef[], target: ColumnDef[]): SchemaDiff {
  const targetByName = new Map(target.map((c) => [c.name.toLowerCase(), c]));
  const sourceNames = new Set(source.map((c) => c.name.toLowerCase()));
  const added = source.filter((c) => !targetByName.has(c.name.toLowerCase()));
  const removed = target.filter((c) => !sourceNames.has(c.name.toLowerCase()));
  const changed: SchemaDiff['changed'] = [];
  for (const col of source) {
    const existing = targetByName.get(col.name.toLowerCase());
    if (existing && !same(existing.type, col.type)) changed.push({ name: existing.name, from: existing.type, to: col.type });
  }
  return { added, removed, changed };
}

/** What to run before loading, and which columns the load writes. */
export interface SchemaChangePlan {
  statements: string[];
  /** Columns to insert/merge, in target order (names as the target spells them). */
  columns: string[];
  diff: SchemaDiff;
}

/**
 * Plans dbt's `on_schema_change` behaviour. `ignore` loads the columns both
 * sides share; `append_new_columns` adds new ones; `sync_all_columns` also
 * drops removed ones and alters changed types; `fail` raises when anything
 * differs. The error names the model and the columns.
 */
export function planSchemaChange(
  dialect: SqlDialect,
  target: TableRef,
  source: ColumnDef[],
  existing: ColumnDef[],
  mode: SchemaChangeMode,
  modelName: string,
): SchemaChangePlan {
  const diff = diffColumns(source, existing);
  const shared = existing.filter((c) => source.some((s) => same(s.name, c.name))).map((c) => c.name);
  const unchanged = diff.added.length === 0 && diff.removed.length === 0 && diff.changed.length === 0;
  if (unchanged || mode === 'ignore') return { statements: [], columns: shared, diff };
  if (mode === 'fail') {
    const parts = [
      diff.added.length ? `new columns ${diff.added.map((c) => c.name).join(', ')}` : '',
      diff.removed.length ? `missing columns ${diff.removed.map((c) => c.name).join(', ')}` : '',
      diff.changed.length ? `changed types ${diff.changed.map((c) => `${c.name} ${c.from} -> ${c.to}`).join(', ')}` : '',
    ].filter(Boolean);
    throw new BasinError(
      'MATERIALIZATION',
      `model ${modelName}: the schema changed (${parts.join('; ')}) and on_schema_change is 'fail'; ` +
        `run with --full-refresh or set on_schema_change to append_new_columns or sync_all_columns`,
    );
  }
  const statements = [...dialect.addColumns(target, diff.added)];
  const columns = [...shared, ...diff.added.map((c) => c.name)];
  if (mode === 'sync_all_columns') {
    statements.push(...dialect.dropColumns(target, diff.removed.map((c) => c.name)));
    for (const change of diff.changed) statements.push(dialect.alterColumnType(target, change.name, change.to));
  }
  return { statements, columns, diff };
}
