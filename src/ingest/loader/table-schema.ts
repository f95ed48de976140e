import type { LogicalType } from '../../core/types.js';
import { fitIdentifier } from './names.js';
import { fitValue, typeOfValue, variantColumn, type InferredType } from './value-types.js';

/** Columns every loaded row carries. */
export const ROOT_SYSTEM_COLUMNS: ReadonlyArray<[string, LogicalType]> = [
  ['_basin_id', 'text'],
  ['_basin_load_id', 'text'],
  ['_basin_loaded_at', 'timestamptz'],
];

/** Columns child-table rows carry besides the root's. */
export const CHILD_SYSTEM_COLUMNS: ReadonlyArray<[string, LogicalType]> = [
  ['_basin_parent_id', 'text'],
  ['_basin_root_id', 'text'],
  ['_basin_list_idx', 'bigint'],
];

/** A schema change one batch needs (applied to the staging table at once, to the target in the batch's transaction). */
export type SchemaChange = { kind: 'add'; column: string; type: LogicalType } | { kind: 'widen'; column: string; type: LogicalType };

/** The outcome of fitting one row's values to a table. */
export interface Placement {
  /** Column -> value ready for the column's type. */
  values: Record<string, unknown>;
  /** Changes this row needs (empty when it fits the current columns). */
  changes: SchemaChange[];
  /** Why values did not fit without a change (for contracts other than evolve). */
  violations: string[];
}

/** True for the loader's own columns. */
export function isSystemColumn(name: string): boolean {
  return name.startsWith('_basin_');
}

/**
 * The data columns of one table as the loader knows them (from the warehouse
 * at open, plus the changes of this load), and the rules that fit a row's
 * values to them: new fields add columns, bigint widens to double, other
 * conflicts go to variant columns `<col>__v_<type>`. Hints (`stream.columns`)
 * decide the type of a new column.
 */
export class TableSchema {
  readonly columns = new Map<string, LogicalType>();

  constructor(
    /** Logical table name (`orders`, `orders__lines`). */
    readonly name: string,
    /** Whether the target table exists in the warehouse (committed). */
    public exists: boolean,
    private readonly hints: Record<string, LogicalType> = {},
  ) {}

  /** Fits `raw` (column -> value) to the columns, proposing changes without applying them. */
  place(raw: Record<string, unknown>): Placement {
    const values: Record<string, unknown> = {};
    const changes: SchemaChange[] = [];
    const violations: string[] = [];
    const pending = new Map<string, LogicalType>();
    const typeOf = (c: string): LogicalType | undefined => pending.get(c) ?? this.columns.get(c);
    for (const column of Object.keys(raw)) {
      const value = raw[column];
      const valueType = typeOfValue(value);
      if (valueType === undefined) continue;
      const existing = typeOf(column);
      if (existing === undefined) {
        const hinted = this.hints[column];
        if (hinted !== undefined) {
          const fit = fitValue(hinted, valueType, value);
          if (fit.kind === 'store') {
            this.propose(column, hinted, 'add', pending, changes, violations);
            values[column] = fit.value;
            continue;
          }
        }
        this.propose(column, valueType, 'add', pending, changes, violations);
        values[column] = value;
        continue;
      }
      const fit = fitValue(existing, valueType, value);
      if (fit.kind === 'store') {
        values[column] = fit.value;
      } else if (fit.kind === 'widen') {
        this.propose(column, fit.to, 'widen', pending, changes, violations);
        values[column] = fit.value;
      } else {
        const variant = fitIdentifier(variantColumn(column, fit.type));
        const variantType = typeOf(variant);
        if (variantType === undefined) this.propose(variant, fit.type, 'add', pending, changes, violations);
        values[variant] = value;
      }
    }
    return { values, changes, violations };
  }

  /** Applies changes (after the staging table took them). */
  apply(changes: readonly SchemaChange[]): void {
    for (const change of changes) this.columns.set(change.column, change.type);
  }

  private propose(
    column: string,
    type: LogicalType,
    kind: SchemaChange['kind'],
    pending: Map<string, LogicalType>,
    changes: SchemaChange[],
    violations: string[],
  ): void {
    pending.set(column, type);
    changes.push({ kind, column, type });
    violations.push(kind === 'add' ? `new column ${column} (${type})` : `column ${column} would widen to ${type}`);
  }
}

/** The inferred type of a new column from its first value (exported for tests). */
export function inferColumnType(value: unknown): InferredType | undefined {
  return typeOfValue(value);
}
