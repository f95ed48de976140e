import type { BatchResult, LoadSummary } from './loader/loader-types.js';

/** The outcome of one stream in an ingest run. */
export interface StreamResult {
  connection: string;
  stream: string;
  /** `<schema>.<table>` the stream loaded into. */
  table: string;
  status: 'succeeded' | 'failed' | 'skipped';
  summary?: LoadSummary | undefined;
  error?: string | undefined;
  seconds: number;
}

/** Progress of an ingest run, for the CLI, the orchestrator and tests. */
export type IngestEvent =
  | { type: 'stream_start'; connection: string; stream: string; table: string }
  | {
      type: 'checkpoint';
      connection: string;
      stream: string;
      batch: BatchResult;
      /** Totals so far for the stream. */
      rows: number;
      batches: number;
      rowsPerSecond: number;
    }
  | { type: 'stream_end'; result: StreamResult }
  | { type: 'connection_error'; connection: string; error: string };
