import { BasinError } from '../core/errors.js';
import type { DateRange } from './analysis-types.js';

export interface PathsSpec {
  /** The event the paths start from (`next`) or lead to (`previous`). */
  event: string;
  direction: 'next' | 'previous';
  /** Events after (or before) each occurrence, default 1. */
  depth?: number | undefined;
  /** Most common paths to return, default 10. */
  limit?: number | undefined;
  range?: DateRange | undefined;
}

export function checkPathsSpec(spec: PathsSpec): void {
  const depth = spec.depth ?? 1;
  const limit = spec.limit ?? 10;
  if (!Number.isInteger(depth) || depth < 1 || depth > 10) throw new BasinError('USAGE', `path depth must be 1..10, got ${depth}`);
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new BasinError('USAGE', `path limit must be 1..10000, got ${limit}`);
}
