/**
 * The shape a user writes in `sources/<name>.ts`: a source's config schema,
 * its streams (each with a `read()` async generator) and an optional
 * `check()`. Built with `defineSource` (from `basin/source`) and turned into
 * a Basin Source by the custom-source loader.
 */
import type { z, ZodType } from 'zod';
import type { Logger } from '../../core/logger.js';
import type { LogicalType } from '../../core/types.js';
import type { CheckResult, ContractMode, FileBatch, StreamState, WriteDisposition } from '../source.js';

/**
 * Basin's HTTP toolkit (timeouts, retries with backoff on 429/5xx,
 * Retry-After, a per-connection rate limit, auth helpers, paginators), handed
 * to custom sources as `ctx.http` when the host provides it. Loosely typed on
 * purpose: this module does not depend on the toolkit; until it is wired,
 * `ctx.http` is undefined and plain `fetch` with `ctx.signal` works.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SourceHttp = { readonly [member: string]: any };

/** One record as a source yields it: a JSON-like object (nested objects and arrays allowed). */
export type SourceRecord = Record<string, unknown>;

/**
 * What a stream's `read()` may yield:
 * - an array of records (no checkpoint state);
 * - `{ records, state }`: records plus the state to commit with them (a checkpoint);
 *   `kind: 'records'` and `deletedKeys` are optional;
 * - a file batch (`{ kind: 'file', format, path }`) the warehouse reads directly.
 */
export type YieldedBatch =
  | SourceRecord[]
  | { kind?: 'records'; records: SourceRecord[]; state?: StreamState | undefined; deletedKeys?: unknown[][] | undefined }
  | FileBatch;

/** What `streams()` and `check()` receive besides the config. */
export interface CustomSourceContext {
  /** The connection's name (the sources/*.yml file's base name). */
  connection: string;
  /** Absolute project directory (resolve relative paths against it). */
  projectDir: string;
  /** Per-stream settings from the connection file's `streams:` (empty: every stream). */
  streams: Record<string, Record<string, unknown>>;
  logger: Logger;
  signal: AbortSignal;
  /** Basin's HTTP toolkit, when the host provides it (see {@link SourceHttp}). */
  http: SourceHttp | undefined;
}

/** What a stream's `read()` receives. */
export interface CustomReadContext {
  /** The state committed by the last successful checkpoint; undefined on a first run or a full refresh. */
  state: StreamState | undefined;
  fullRefresh: boolean;
  signal: AbortSignal;
  logger: Logger;
  /** This stream's settings from the connection file (`streams.<name>`), `{}` when none. */
  settings: Record<string, unknown>;
  /** Basin's HTTP toolkit, when the host provides it (see {@link SourceHttp}). */
  http: SourceHttp | undefined;
}

/** One stream of a custom source. */
export interface CustomStream {
  /** Table name in the connection's raw schema: lowercase letters, digits and underscores. */
  name: string;
  /** Primary key field(s). Default: none. */
  primaryKey?: string | string[] | undefined;
  /** Field that orders records for incremental reads and merge dedup. */
  cursorField?: string | undefined;
  /** Default: `merge` with a primary key, else `append`. */
  write?: WriteDisposition | undefined;
  contract?: ContractMode | undefined;
  maxNestingDepth?: number | undefined;
  /** Column type hints by (flattened) column name. */
  columns?: Record<string, LogicalType> | undefined;
  /** Yields batches in order; yield a checkpoint (`{ records, state }`) after each page. */
  read(ctx: CustomReadContext): AsyncIterable<YieldedBatch> | Iterable<YieldedBatch>;
}

/** What `check()` may return: a CheckResult, a boolean, a message (ok), or nothing (ok). */
export type CheckOutcome = CheckResult | boolean | string | void;

/** The config schema: a zod schema, or a function given Basin's zod (so the project needs no zod install). */
export type ConfigSchemaInput<Schema extends ZodType> = Schema | ((zod: typeof z) => Schema);

/** The argument of `defineSource`. */
export interface SourceDefinition<Schema extends ZodType = ZodType<Record<string, unknown>>> {
  /** A label for messages and the catalog (informational; the connection's `type:` stays `custom`). */
  type?: string | undefined;
  description?: string | undefined;
  /** Validates the connection file's `config:`; errors name its file, line and key. Default: any mapping. */
  config?: ConfigSchemaInput<Schema> | undefined;
  /** The streams this source offers for a validated config. */
  streams(config: z.output<Schema>, ctx: CustomSourceContext): CustomStream[] | Promise<CustomStream[]>;
  /** Can Basin reach the source? Thrown errors count as failures (their message is shown). */
  check?(config: z.output<Schema>, ctx: CustomSourceContext): CheckOutcome | Promise<CheckOutcome>;
  /** Releases what `streams()` opened (connections, files). */
  close?(config: z.output<Schema>): void | Promise<void>;
}
