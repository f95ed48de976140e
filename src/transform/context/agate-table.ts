import type { ColumnDef, Row } from '../../core/types.js';

/** A column of a query result, as dbt's agate Column: `.name`, `.values()`. */
export class AgateColumn {
  readonly #values: unknown[];
  constructor(
    readonly name: string,
    readonly data_type: string,
    values: unknown[],
  ) {
    this.#values = values;
  }
  values(): unknown[] {
    return [...this.#values];
  }
  values_distinct(): unknown[] {
    return [...new Set(this.#values)];
  }
  values_without_nulls(): unknown[] {
    return this.#values.filter((v) => v !== null && v !== undefined);
  }
}

/**
 * A query result as dbt macros expect from `run_query` / `load_result`:
 * `.rows` (each row indexable by position and by column name), `.columns`,
 * `.column_names`, `len()`.
 */
export class AgateTable {
  readonly column_names: string[];
  readonly column_types: string[];
  readonly rows: unknown[][];
  readonly columns: AgateColumn[];

  constructor(columns: ColumnDef[], rows: Row[]) {
    this.column_names = columns.map((c) => c.name);
    this.column_types = columns.map((c) => c.type);
    this.rows = rows.map((row) => {
      const values = this.column_names.map((name) => row[name] ?? null);
      // Rows answer row[0] and row['name'], as agate's Row does.
      const named = values as unknown[] & Record<string, unknown>;
      for (const [i, name] of this.column_names.entries()) {
        if (!/^\d+$/.test(name) && !(name in Array.prototype)) named[name] = values[i];
      }
      return named;
    });
    this.columns = this.column_names.map(
      (name, i) => new AgateColumn(name, this.column_types[i] ?? '', this.rows.map((r) => r[i])),
    );
  }

  get length(): number {
    return this.rows.length;
  }

  /** Rows as objects, for hosts. */
  toObjects(): Row[] {
    return this.rows.map((r) => Object.fromEntries(this.column_names.map((n, i) => [n, r[i]])));
  }
}
