/** The ingest loader: exactly-once, schema-evolving loads of stream batches into a warehouse. */
export { openStreamLoader } from './stream-loader.js';
export type { BatchResult, LoadSummary, StreamLoader, StreamLoadOptions } from './loader-types.js';
export { LOADS_TABLE, REJECTS_TABLE, STATE_TABLE } from './meta-tables.js';
