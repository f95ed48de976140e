import type { ZodType } from 'zod';
import type { Logger } from '../core/logger.js';
import type { LogicalType } from '../core/types.js';

/**
 * The Source / Stream contract every connector implements (files, databases,
 * REST, SaaS APIs, custom TypeScript sources). A source reads; the loader
 * (loader/) writes. Sources never touch the warehouse.
 */

/** How a stream's rows land in its table. */
export type WriteDisposition = 'append' | 'replace' | 'merge';

/**
 * What happens when records do not fit the table's columns:
 * `evolve` adds columns and widens types (default); `freeze` rejects records
 * with new columns or incompatible values; `discard_row` drops such records
 * into `_basin_rejects`; `discard_value` loads the row without the offending
 * values (kept in `_basin_rejects` with the reason).
 */
export type ContractMode = 'evolve' | 'freeze' | 'discard_row' | 'discard_value';

/** A stream's static description: where it goes and how it is keyed. */
export interface StreamDefinition {
  /** Table name in the connection's raw schema (also the stream's name). */
  name: string;
  /** Primary key columns (top-level field names); empty when the stream has none. */
  primaryKey: string[];
  /** Field that orders records for incremental reads and merge dedup (latest wins). */
  cursorField?: string | undefined;
  write: WriteDisposition;
  contract?: ContractMode | undefined;
  /** Nested objects flatten to `a__b` columns down to this depth; deeper values stay JSON. Default: unlimited. */
  maxNestingDepth?: number | undefined;
  /** Known column types (hints: the loader uses them instead of inferring). Keys are flattened column names. */
  columns?: Record<string, LogicalType> | undefined;
}

/** A stream's saved progress (cursor, page token, file checksums...), stored as JSON in `_basin_state`. */
export type StreamState = Record<string, unknown>;

/**
 * What a stream yields: a batch of records, or a file the warehouse can read
 * directly (the fast path for JSONL, CSV and Parquet). `state`, when present,
 * is committed in the same transaction as the batch's rows (a checkpoint):
 * after a crash the stream resumes from the last committed state.
 */
export type RecordBatch = RecordsBatch | FileBatch;

export interface RecordsBatch {
  kind: 'records';
  records: Array<Record<string, unknown>>;
  state?: StreamState | undefined;
  /** Primary keys (in `primaryKey` order) of records the source reports as deleted. */
  deletedKeys?: unknown[][] | undefined;
}

export interface FileBatch {
  kind: 'file';
  format: 'jsonl' | 'csv' | 'parquet';
  /** Absolute path of a local file. */
  path: string;
  state?: StreamState | undefined;
  /**
   * CSV options. `null`: an unquoted field equal to it is NULL (quoted fields
   * are always values), as in Postgres' `COPY ... (FORMAT csv, NULL ...)`.
   * `hinted`: every column has a `columns` hint and its values are the text
   * forms of that type (database COPY output), so a warehouse may read them
   * with those types.
   */
  csv?: { delimiter?: string; header?: boolean; null?: string; hinted?: boolean } | undefined;
  /**
   * The file's records exactly as the source would yield them in a
   * RecordsBatch: the loader's JavaScript path reads these instead of parsing
   * the file (sources that spool their own format supply it).
   */
  records?: (() => AsyncIterable<Array<Record<string, unknown>>>) | undefined;
}

/** What a stream's `read` receives. */
export interface ReadContext {
  /** The last committed state; undefined on a first run or a full refresh. */
  state: StreamState | undefined;
  fullRefresh: boolean;
  signal: AbortSignal;
  logger: Logger;
  /**
   * A folder the source may spool files into and yield as FileBatches; set
   * only where the warehouse reads local files. The source deletes each file
   * once the loader has taken its batch (the folder goes at the end of the run).
   */
  spoolDir?: string | undefined;
}

/** One stream of a source. */
export interface Stream {
  readonly definition: StreamDefinition;
  /** Yields batches in order; memory stays bounded by the batch size. */
  read(context: ReadContext): AsyncIterable<RecordBatch>;
}

/** The result of `check()`: can Basin reach the source with this config? */
export interface CheckResult {
  ok: boolean;
  /** What was checked or what failed; never contains secrets. */
  message: string;
}

/** A configured source (one connection). */
export interface Source {
  readonly type: string;
  check(signal: AbortSignal): Promise<CheckResult>;
  /** The connection's streams (configured or discovered). */
  streams(signal: AbortSignal): Promise<Stream[]>;
  close?(): Promise<void>;
}

/** What a source factory gets besides its validated config. */
export interface SourceContext {
  /** Absolute project directory (relative paths in config resolve against it). */
  projectDir: string;
  /** The connection's name (the sources/*.yml file's base name). */
  connection: string;
  /** Per-stream settings from sources/*.yml `streams:` (raw; the factory validates what it uses). */
  streams: Record<string, Record<string, unknown>>;
  logger: Logger;
}

/** A connector: its type name, config schema and constructor. */
export interface SourceFactory<Config = unknown> {
  readonly type: string;
  /** Validates the `config:` block of sources/*.yml (and, for some types, the stream settings). */
  readonly configSchema: ZodType<Config>;
  create(config: Config, context: SourceContext): Source;
}
