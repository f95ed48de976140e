/**
 * A destination read from `destinations/<name>.yml`: where syncs deliver
 * (`type`, `config` with `${env:...}` resolved), named once and used by any
 * number of syncs. `config` is validated later by the destination type's
 * own schema (src/activate/destinations/).
 */
import type { SourceLocation } from '../core/errors.js';

export interface DestinationConfig {
  /** The file's base name (`customerio` for destinations/customerio.yml); syncs say `destination: customerio`. */
  name: string;
  /** The file, relative to the project root. */
  file: string;
  /** `customerio`, `hubspot`, `webhook`, `google_sheets`, or `custom` (a TypeScript module in the project). */
  type: string;
  /** For `type: custom`: absolute path of the module (`module:`, default `destinations/<name>.ts`). */
  module?: string | undefined;
  /** Settings with `${env:...}` resolved. May hold secrets: never log, print or store it. */
  config: Record<string, unknown>;
  /** Key paths of values that came from the environment (never shown). */
  secretPaths: string[];
  owner?: string | undefined;
  notes?: string | undefined;
  locate(path: ReadonlyArray<string | number>): SourceLocation;
}
