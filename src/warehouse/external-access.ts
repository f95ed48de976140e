import { BasinError } from '../core/errors.js';

/** The error of a transaction asked to deny external access without being read-only (its writes could not be checked). */
export function externalAccessNeedsReadOnly(): BasinError {
  return new BasinError('USAGE', 'transaction option denyExternalAccess needs readOnly: a statement that writes cannot be checked for file or network access');
}
