/**
 * `defineSource`: the helper a custom source's default export is built with.
 * It returns the definition with a brand, so the loader can tell a source
 * module from any other file and give a clear error otherwise. The brand is a
 * global symbol, so it survives several copies of this module in one process.
 */
import type { ZodType } from 'zod';
import type { SourceDefinition } from './custom-source-definition.js';

const BRAND = Symbol.for('basin.custom-source');
/** Bumped when the definition's shape changes incompatibly. */
const BRAND_VERSION = 1;

/** A definition returned by `defineSource`. */
export type DefinedSource<Schema extends ZodType = ZodType> = SourceDefinition<Schema> & { readonly [BRAND]: number };

/** Declares a custom source (the default export of `sources/<name>.ts`). */
export function defineSource<Schema extends ZodType = ZodType<Record<string, unknown>>>(
  definition: SourceDefinition<Schema>,
): DefinedSource<Schema> {
  return Object.freeze({ ...definition, [BRAND]: BRAND_VERSION });
}

/** True when `value` came from `defineSource` (any copy of it). */
export function isDefinedSource(value: unknown): value is DefinedSource {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === BRAND_VERSION;
}

/** True when `value` carries the brand of another (newer or older) `defineSource`. */
export function brandVersionOf(value: unknown): number | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const version = (value as Record<symbol, unknown>)[BRAND];
  return typeof version === 'number' ? version : undefined;
}
