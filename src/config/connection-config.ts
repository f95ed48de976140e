/**
 * A connection read from `sources/<name>.yml`: what to connect to (`type`,
 * `config`), where its data lands (`schema`), which streams and how, when it
 * runs, and the catalog metadata the UI shows (the seed's "table summary").
 */
import type { SourceLocation } from '../core/errors.js';

/** Who a connection's data is for (the seed's audiences), or a custom label. */
export type Audience = 'core' | 'product' | 'gtm' | 'finance' | 'marketing' | 'support' | (string & {});

export interface ConnectionConfig {
  /** The file's base name, e.g. `stripe` for sources/stripe.yml. Used in selectors (`source:stripe`). */
  name: string;
  /** The file, relative to the project root. */
  file: string;
  /** Connector type: `files`, `postgres`, `mysql`, `rest`, `stripe`, ... or `custom` (a TypeScript file). */
  type: string;
  /**
   * For `type: custom`: absolute path of the TypeScript/JavaScript module that
   * defines the source (`module:` in the file, relative to it; default
   * `sources/<name>.ts`). Undefined for every other type.
   */
  module?: string | undefined;
  /**
   * The connector's settings with `${env:VAR}` already resolved. May hold
   * secrets: never log, print or store it; use `redactedConfig` for display.
   */
  config: Record<string, unknown>;
  /**
   * Key paths (dotted, from the file's root: `config.api_key`, `streams.orders.token`)
   * of values that came from the environment: secrets or not, they are never shown.
   */
  secretPaths: string[];
  /** The raw schema the streams load into (default: the connection's name). */
  schema: string;
  /** Per-stream settings, by stream name; an empty map means "every stream the source offers". */
  streams: Record<string, Record<string, unknown>>;
  /** Cron expression for the orchestrator, when the connection runs on its own schedule. */
  schedule?: string | undefined;
  /** Catalog metadata. */
  pipeline?: string | undefined;
  audience?: Audience | undefined;
  owner?: string | undefined;
  notes?: string | undefined;
  /** Locates a key path in the file, for errors raised while validating `config` or `streams` later. */
  locate(path: ReadonlyArray<string | number>): SourceLocation;
}
