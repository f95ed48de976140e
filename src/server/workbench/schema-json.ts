/** The JSON shape of GET /api/warehouse/schema (the web UI imports it, type-only). */

/** One column of a relation, with its type as the warehouse spells it. */
export interface SchemaColumnJson {
  name: string;
  type: string;
}

/** A table or view. */
export interface SchemaRelationJson {
  name: string;
  kind: 'table' | 'view';
  columns: SchemaColumnJson[];
}

/** A schema and its relations, by name. */
export interface SchemaJson {
  name: string;
  relations: SchemaRelationJson[];
}

/** The warehouse's schemas, tables and columns, for the SQL workbench's completion. */
export interface WarehouseSchemaJson {
  /** The warehouse type: `duckdb`, `postgres`, `bigquery`. */
  warehouse: string;
  /** The schema unqualified names resolve in (the project's target schema). */
  default_schema: string;
  schemas: SchemaJson[];
}
