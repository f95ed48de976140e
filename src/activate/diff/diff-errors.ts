import { BasinError, errorMessage } from '../../core/errors.js';

/** Wraps a failure of a diff step, keeping the original code (WAREHOUSE, ABORTED, ...) and the cause. */
export function diffError(sync: string, step: string, err: unknown): BasinError {
  const code = err instanceof BasinError ? err.code : 'WAREHOUSE';
  return new BasinError(code, `sync ${sync}: ${step} failed: ${errorMessage(err)}`, { cause: err });
}
