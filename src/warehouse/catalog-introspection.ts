import type { ColumnDef, RelationInfo, RelationKind, TableRef } from '../core/types.js';
import type { QueryOptions, WarehouseSession } from './warehouse.js';

/**
 * The four catalog queries a warehouse answers introspection with. Each takes
 * positional parameters: listRelations `(database, schema)`, getRelation and
 * getColumns `(database, schema, name)`; a NULL database means the current one.
 */
export interface CatalogSql {
  listSchemas: string;
  listRelations: string;
  getRelation: string;
  getColumns: string;
}

interface RelationRow {
  database_name: string;
  schema_name: string;
  name: string;
  kind: RelationKind;
}

const toRelationInfo = (row: RelationRow): RelationInfo => ({
  database: row.database_name,
  schema: row.schema_name,
  name: row.name,
  kind: row.kind,
});

/**
 * Introspection shared by the SQL warehouses: runs the warehouse's catalog
 * queries and shapes their rows. `canonicalType` spells column types the way
 * the warehouse's query results do.
 */
export class CatalogIntrospection {
  constructor(
    private readonly session: WarehouseSession,
    private readonly sql: CatalogSql,
    private readonly canonicalType: (type: string) => string = (t) => t,
  ) {}

  async listSchemas(options: QueryOptions = {}): Promise<string[]> {
    const { rows } = await this.session.query<{ schema_name: string }>(this.sql.listSchemas, [], options);
    return rows.map((r) => r.schema_name);
  }

  async listRelations(schema: string, options: QueryOptions = {}): Promise<RelationInfo[]> {
    const { rows } = await this.session.query<RelationRow & Record<string, unknown>>(this.sql.listRelations, [null, schema], options);
    return rows.map(toRelationInfo);
  }

  async getRelation(ref: TableRef, options: QueryOptions = {}): Promise<RelationInfo | undefined> {
    const { rows } = await this.session.query<RelationRow & Record<string, unknown>>(
      this.sql.getRelation,
      [ref.database ?? null, ref.schema, ref.name],
      options,
    );
    return rows[0] ? toRelationInfo(rows[0]) : undefined;
  }

  async getColumns(ref: TableRef, options: QueryOptions = {}): Promise<ColumnDef[] | undefined> {
    const { rows } = await this.session.query<{ column_name: string; data_type: string; is_nullable: boolean }>(
      this.sql.getColumns,
      [ref.database ?? null, ref.schema, ref.name],
      options,
    );
    if (rows.length === 0) return undefined;
    return rows.map((r) => ({ name: r.column_name, type: this.canonicalType(r.data_type), nullable: r.is_nullable }));
  }
}
