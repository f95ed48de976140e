/**
 * Errors the run store raises. Each is a BasinError (code `USAGE` when the
 * caller asked for something the store's rules forbid, `INTERNAL` when the
 * database failed) with a `reason` the orchestrator can branch on, e.g. to
 * answer 409 when a cancel races a run that just finished.
 */
import { BasinError, type ErrorCode } from '../../core/errors.js';

export type RunStoreErrorReason =
  /** A status change the lifecycle forbids (a finished run going back to running). */
  | 'invalid_transition'
  /** The run does not exist. */
  | 'not_found'
  /** A run with that id, or for that (job, scheduledFor), already exists. */
  | 'conflict'
  /** An argument is out of range (a limit, a malformed cursor, no filter). */
  | 'invalid_argument'
  /** The database failed (unreachable, locked for too long, corrupt). */
  | 'storage';

export class RunStoreError extends BasinError {
  readonly reason: RunStoreErrorReason;
  constructor(reason: RunStoreErrorReason, message: string, options: { cause?: unknown } = {}) {
    const code: ErrorCode = reason === 'storage' ? 'INTERNAL' : 'USAGE';
    super(code, message, options);
    this.name = 'RunStoreError';
    this.reason = reason;
  }
}

/** True when `err` is a RunStoreError with `reason`. */
export function isRunStoreError(err: unknown, reason?: RunStoreErrorReason): err is RunStoreError {
  return err instanceof RunStoreError && (reason === undefined || err.reason === reason);
}
