/**
 * Basin's error hierarchy. Every error carries a stable `code` (for scripts and
 * exit codes) and an optional `cause`. Subclasses add the context a user needs
 * to fix the problem: the file and line of a config or template error, the SQL
 * of a warehouse error.
 */

/** Stable machine-readable error codes. */
export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'CONFIG_NOT_FOUND'
  | 'USAGE'
  | 'TEMPLATE_SYNTAX'
  | 'TEMPLATE_RUNTIME'
  | 'COMPILE'
  | 'GRAPH_CYCLE'
  | 'SELECTION'
  | 'WAREHOUSE'
  | 'WAREHOUSE_CONNECT'
  /** The warehouse file is held by another process (DuckDB allows one process per database file). */
  | 'WAREHOUSE_LOCKED'
  /** A read-only query tried to write (the SQL workbench, `basin query` through a server). */
  | 'READ_ONLY'
  /** SQL from outside the project tried to read files or reach the network from the warehouse's host (the SQL workbench). */
  | 'EXTERNAL_ACCESS'
  | 'MATERIALIZATION'
  | 'SEED'
  | 'ABORTED'
  | 'INTERNAL'
  /** An HTTP API answered with an error status (after retries, when retryable). */
  | 'HTTP_STATUS'
  /** An HTTP request timed out (no response, or a response body that stalled). */
  | 'HTTP_TIMEOUT'
  /** An HTTP request failed at the network level (refused, reset, DNS). */
  | 'HTTP_NETWORK'
  /** An HTTP API answered with a body Basin cannot use (invalid JSON, missing record path). */
  | 'HTTP_RESPONSE'
  /** A data file to load cannot be read as its format (a corrupt Parquet file, a broken archive). */
  | 'INPUT_INVALID';

export interface BasinErrorOptions {
  cause?: unknown;
}

/** Base class of every error Basin raises on purpose. */
export class BasinError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options: BasinErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'BasinError';
    this.code = code;
  }
}

/** Where in a file something went wrong. Lines and columns are 1-based. */
export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
}

/** Formats `file:line:column` as editors and terminals link it. */
export function formatLocation(loc: SourceLocation): string {
  let out = loc.file;
  if (loc.line !== undefined) {
    out += `:${loc.line}`;
    if (loc.column !== undefined) out += `:${loc.column}`;
  }
  return out;
}

/** A project file (basin.yml, dbt_project.yml, a schema .yml, ...) is invalid. */
export class ConfigError extends BasinError {
  readonly location: SourceLocation | undefined;
  /** Dotted path of the offending key, e.g. `warehouse.type`. */
  readonly key: string | undefined;
  constructor(
    message: string,
    details: { location?: SourceLocation; key?: string; code?: ErrorCode } = {},
    options: BasinErrorOptions = {},
  ) {
    const where = details.location ? `${formatLocation(details.location)}: ` : '';
    const key = details.key ? `${details.key}: ` : '';
    super(details.code ?? 'CONFIG_INVALID', `${where}${key}${message}`, options);
    this.name = 'ConfigError';
    this.location = details.location;
    this.key = details.key;
  }
}

/** A template failed to parse or render. The message names the file and line. */
export class TemplateError extends BasinError {
  readonly location: SourceLocation | undefined;
  /** The message without the location prefix. */
  readonly detail: string;
  constructor(
    code: 'TEMPLATE_SYNTAX' | 'TEMPLATE_RUNTIME',
    detail: string,
    location?: SourceLocation,
    options: BasinErrorOptions = {},
  ) {
    super(code, location ? `${formatLocation(location)}: ${detail}` : detail, options);
    this.name = 'TemplateError';
    this.location = location;
    this.detail = detail;
  }
}

/** A statement failed in the warehouse. Keeps the SQL that failed. */
export class WarehouseError extends BasinError {
  readonly sql: string | undefined;
  constructor(message: string, sql?: string, options: BasinErrorOptions & { code?: 'WAREHOUSE' | 'WAREHOUSE_CONNECT' | 'WAREHOUSE_LOCKED' | 'READ_ONLY' | 'EXTERNAL_ACCESS' | 'ABORTED' } = {}) {
    super(options.code ?? 'WAREHOUSE', message, options);
    this.name = 'WarehouseError';
    this.sql = sql;
  }
}

/** True when `err` is an abort (from an AbortSignal or a cancelled query). */
export function isAbortError(err: unknown): boolean {
  if (err instanceof BasinError) return err.code === 'ABORTED';
  return err instanceof Error && err.name === 'AbortError';
}

/** Throws an ABORTED BasinError when the signal has fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    throw new BasinError('ABORTED', 'operation was cancelled', { cause: signal.reason });
  }
}

/** The message of any thrown value. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
