/**
 * A destination of reverse ETL: where a sync delivers the rows of a model
 * (Customer.io, HubSpot, a webhook, Google Sheets, or the user's own
 * TypeScript). Each built-in destination is a folder under destinations/
 * exporting a `DestinationFactory`; a custom one is a module in the project
 * exporting the same shape. The sync runner does the rest: diffing, batching
 * to `maxBatch`, retries of failed rows on the next run, run history.
 */
import type { z } from 'zod';
import type { Logger } from '../core/logger.js';

/**
 * What one write asks the destination to do with its records. `upsert`:
 * create or update by key; `update`: only existing records (a missing one is
 * a failed row); `insert`: create (a sync in insert mode never sends a key
 * twice); `delete`: remove by key (mirror mode).
 */
export type DestinationOp = 'upsert' | 'update' | 'insert' | 'delete';

/** What a destination can do with one object, as data. */
export interface DestinationCapabilities {
  /** The ops the object accepts. A sync whose mode needs another op fails at start with CONFIG_INVALID. */
  ops: readonly DestinationOp[];
  /** Records per write call (the API's batch limit). */
  maxBatch: number;
  /** The API's documented request budget, the default of the destination's limiter. */
  rateLimit?: { requests: number; perSeconds: number } | undefined;
  /**
   * The object holds a whole table rather than records by key (a sheet): a
   * run that finds any change sends every current row at once to
   * `DestinationWriter.replace`, never `write`.
   */
  replace?: boolean | undefined;
}

/** One record to deliver: the sync's key (text, as the diff encodes it) and the mapped fields. */
export interface DestinationRecord {
  key: string;
  /** Destination field -> value (constants and casts already applied). Empty for `delete`. */
  fields: Readonly<Record<string, unknown>>;
}

/** The outcome of one record, in the order of the records written. */
export type RecordResult = { ok: true } | { ok: false; error: string };

/** What a destination gets from the sync runner. */
export interface DestinationContext {
  logger: Logger;
  /** The sync's name (for logs and idempotency keys). */
  sync: string;
  /** Overrides the destination's default request budget (`rate_limit:` of the sync). */
  rateLimit?: { requests: number; perSeconds: number } | undefined;
}

/** What a sync writes to: an object of the destination (`person` on Customer.io, `companies` on HubSpot). */
export interface DestinationTarget {
  /** `object:` of the sync; destinations with one kind of object accept their default. */
  object: string;
  /**
   * `destination_key:` of the sync: the destination field that identifies a
   * record (HubSpot's idProperty, Customer.io's `id` or `email`); the
   * destination's default when absent.
   */
  keyField?: string | undefined;
}

/** An open destination for one sync run. */
export interface DestinationWriter {
  readonly capabilities: DestinationCapabilities;
  /**
   * Delivers `records` (at most `maxBatch`) and returns one result per record,
   * in order. A record the destination refused is `{ ok: false, error }` with
   * the destination's own message. Throws (BasinError, HTTP_* codes) only when
   * the whole batch could not be delivered after retries: the runner then
   * counts every record of the batch as failed with that error.
   */
  write(op: DestinationOp, records: readonly DestinationRecord[], options: { signal?: AbortSignal | undefined }): Promise<RecordResult[]>;
  /**
   * Whole-table destinations (`capabilities.replace`): makes the object hold
   * exactly `records` (every current row of the model, in key order) under a
   * header of `fields` (the sync's mapping order), clearing what was there.
   * All or nothing: throws when the table could not be written.
   */
  replace?(records: readonly DestinationRecord[], options: { fields: readonly string[]; signal?: AbortSignal | undefined }): Promise<void>;
  close?(): Promise<void>;
}

/** A destination type: `type:` in destinations/*.yml. */
export interface DestinationFactory<C = unknown> {
  type: string;
  /** zod schema of `config:`; errors name the file, line and key. */
  configSchema: z.ZodType<C>;
  /** Cheap authenticated call proving the credentials work (`basin destinations check`); throws when they don't. */
  check?(config: C, context: DestinationContext & { signal?: AbortSignal | undefined }): Promise<void>;
  /**
   * Opens the destination for one object. Throws CONFIG_INVALID naming the
   * object or key field when the destination has no such object or field.
   */
  open(config: C, target: DestinationTarget, context: DestinationContext): Promise<DestinationWriter> | DestinationWriter;
}
