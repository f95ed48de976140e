/**
 * Plain data types shared by every layer. No behaviour lives here.
 */

/** A relation in a warehouse. `database` is the catalog (BigQuery project, Postgres db). */
export interface TableRef {
  database?: string | undefined;
  schema: string;
  name: string;
}

/**
 * Warehouse-independent column types. Each dialect maps these to its own
 * native type names and back.
 */
export type LogicalType =
  | 'boolean'
  | 'integer'
  | 'bigint'
  | 'double'
  | 'decimal'
  | 'text'
  | 'date'
  | 'time'
  | 'timestamp'
  | 'timestamptz'
  | 'json'
  | 'binary';

/** A column as created in or read from a warehouse. */
export interface ColumnDef {
  name: string;
  /** The warehouse's native type, e.g. `BIGINT`, `character varying`, `TIMESTAMP WITH TIME ZONE`. */
  type: string;
  nullable?: boolean;
}

/** A row as returned by a query: column name to JS value. */
export type Row = Record<string, unknown>;

/** Kinds of relations a warehouse holds. */
export type RelationKind = 'table' | 'view';

/** A relation found by introspection. */
export interface RelationInfo extends TableRef {
  kind: RelationKind;
}
