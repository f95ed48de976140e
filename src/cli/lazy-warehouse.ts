import { BasinError } from '../core/errors.js';
import type { Row, TableRef } from '../core/types.js';
import type { SqlDialect } from '../warehouse/dialect.js';
import type {
  BatchHandler,
  BulkLoadOptions,
  QueryBatchesSummary,
  QueryOptions,
  QueryResult,
  TransactionOptions,
  Warehouse,
  WarehouseCapabilities,
  WarehouseSession,
} from '../warehouse/warehouse.js';

/**
 * A Warehouse that connects on first use. `basin compile` and `basin ls`
 * only need the warehouse when a template asks it something (is_incremental,
 * run_query), so most compiles never load the driver at all.
 */
export class LazyWarehouse implements Warehouse {
  #opened: Promise<Warehouse> | undefined;
  #warehouse: Warehouse | undefined;

  constructor(
    readonly dialect: SqlDialect,
    readonly description: string,
    private readonly open: () => Promise<Warehouse>,
  ) {}

  #get(): Promise<Warehouse> {
    this.#opened ??= this.open().then((w) => {
      this.#warehouse = w;
      return w;
    });
    return this.#opened;
  }

  /** Known only once connected; callers that need them before should open a Warehouse directly. */
  get capabilities(): WarehouseCapabilities {
    if (!this.#warehouse) throw new BasinError('INTERNAL', 'warehouse capabilities asked before connecting');
    return this.#warehouse.capabilities;
  }

  /** True once a connection was made. */
  get connected(): boolean {
    return this.#opened !== undefined;
  }

  async query<R extends Row = Row>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<QueryResult<R>> {
    return (await this.#get()).query<R>(sql, params, options);
  }
  async queryBatches<R extends Row = Row>(sql: string, params: readonly unknown[], onBatch: BatchHandler<R>, options?: QueryOptions): Promise<QueryBatchesSummary> {
    return (await this.#get()).queryBatches<R>(sql, params, onBatch, options);
  }
  async execute(statements: string | readonly string[], options?: QueryOptions): Promise<void> {
    return (await this.#get()).execute(statements, options);
  }
  async listSchemas(options?: QueryOptions) {
    return (await this.#get()).listSchemas(options);
  }
  async listRelations(schema: string, options?: QueryOptions) {
    return (await this.#get()).listRelations(schema, options);
  }
  async getRelation(ref: TableRef, options?: QueryOptions) {
    return (await this.#get()).getRelation(ref, options);
  }
  async getColumns(ref: TableRef, options?: QueryOptions) {
    return (await this.#get()).getColumns(ref, options);
  }
  async transaction<T>(fn: (session: WarehouseSession) => Promise<T>, options?: TransactionOptions): Promise<T> {
    return (await this.#get()).transaction(fn, options);
  }
  async bulkLoad(ref: TableRef, rows: Iterable<Row> | AsyncIterable<Row>, options: BulkLoadOptions): Promise<number> {
    return (await this.#get()).bulkLoad(ref, rows, options);
  }
  async close(): Promise<void> {
    if (this.#opened) await (await this.#opened).close();
  }
}
