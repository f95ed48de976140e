/**
 * A sync read from `syncs/<name>.yml`: reverse ETL from a model (or SQL) to
 * an object of a destination, with the identity key, the field mapping, the
 * mode, batching, a request budget and an optional schedule.
 */
import type { SourceLocation } from '../core/errors.js';

/** How a destination field gets its value. */
export type SyncFieldMapping =
  | { kind: 'column'; column: string; cast?: SyncCast | undefined }
  | { kind: 'constant'; value: string | number | boolean | null };

/** Simple casts applied in the SELECT the sync reads (so the diff sees the cast value). */
export type SyncCast = 'string' | 'number' | 'integer' | 'boolean' | 'date' | 'timestamp';

export interface SyncConfig {
  /** The file's base name; the asset is `sync:<name>`. */
  name: string;
  file: string;
  /** The model (or seed/snapshot) the sync reads, by name (`ref()` semantics). */
  model?: string | undefined;
  /** Or a SELECT statement (may use `{{ ref('...') }}`). */
  sql?: string | undefined;
  /** `destinations/<destination>.yml`. */
  destination: string;
  /** The destination's object (`person`, `companies`, a sheet name). */
  object: string;
  /** Identity column(s) of the model. */
  key: string[];
  /** The destination field the key identifies records by (the destination's default when absent). */
  destinationKey?: string | undefined;
  /** Destination field -> where its value comes from, in file order. */
  mapping: Array<{ field: string; from: SyncFieldMapping }>;
  mode: 'upsert' | 'update' | 'insert' | 'mirror';
  /** Rows per destination call (at most the destination's limit; default that limit). */
  batchSize?: number | undefined;
  /** Requests per `perSeconds` (default the destination's documented budget). */
  rateLimit?: { requests: number; perSeconds: number } | undefined;
  /** Mirror mode: refuse a run that would remove more than this share (0..1) of the delivered records (default 0.5). */
  maxRemoveShare: number;
  /** Cron; absent = the sync runs whenever its upstream models have run (in their jobs). */
  schedule?: string | undefined;
  enabled: boolean;
  description?: string | undefined;
  owner?: string | undefined;
  tags: string[];
  locate(path: ReadonlyArray<string | number>): SourceLocation;
}
