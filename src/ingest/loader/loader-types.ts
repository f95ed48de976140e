import type { Logger } from '../../core/logger.js';
import type { Warehouse } from '../../warehouse/warehouse.js';
import type { RecordBatch, StreamDefinition, StreamState } from '../source.js';

/** Where and how a stream is loaded. */
export interface StreamLoadOptions {
  warehouse: Warehouse;
  /** The connection's raw schema (created when missing). */
  schema: string;
  stream: StreamDefinition;
  /** Identifies this load in `_basin_loads` and on every row (`_basin_load_id`). */
  loadId: string;
  /** Rebuild the table from scratch (replace semantics for this run, state reset). */
  fullRefresh: boolean;
  /** Folder for spooled NDJSON files (deleted after each checkpoint). */
  spoolDir: string;
  logger: Logger;
  signal?: AbortSignal | undefined;
  /**
   * Parse and flatten JSONL files in SQL where the warehouse can read local
   * files (`auto`, the default; falls back to JavaScript for files it cannot
   * load identically), never (`off`), or always (`force`: fails instead of
   * falling back; for tests).
   */
  fastPath?: 'auto' | 'off' | 'force' | undefined;
}

/** What one checkpoint loaded. */
export interface BatchResult {
  /** Rows written to the stream's root table. */
  rows: number;
  /** Rows written to child tables. */
  childRows: number;
  /** Records sent to `_basin_rejects`. */
  rejected: number;
  /** Rows removed by reported hard deletes. */
  deleted: number;
  /** Columns added to any table by schema evolution. */
  addedColumns: string[];
}

/** The totals of one stream's load. */
export interface LoadSummary extends BatchResult {
  loadId: string;
  stream: string;
  batches: number;
  status: 'succeeded' | 'failed';
  startedAt: Date;
  finishedAt: Date;
}

/**
 * Loads one stream's batches. Each `load` is one checkpoint: its rows (root
 * and child tables), the stream's new state and the `_basin_loads` record are
 * committed in ONE warehouse transaction, so a crash never leaves data
 * without state or state without data.
 */
export interface StreamLoader {
  /** The state committed by the last successful load of this stream (undefined on a first run or full refresh). */
  readonly initialState: StreamState | undefined;
  load(batch: RecordBatch): Promise<BatchResult>;
  /** Ends the load: `replace` swaps its new table in; records the final status. */
  finish(status: 'succeeded' | 'failed', error?: string): Promise<LoadSummary>;
}
