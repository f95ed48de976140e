/**
 * Errors of the database sources. Messages name `host:port/database` and the
 * stream, never the password (it is also scrubbed from driver messages).
 */
import { BasinError, errorMessage } from '../../../core/errors.js';

/** Wraps a driver error; `secret` (the password) is removed from the text. */
export function databaseError(
  kind: 'connect' | 'query',
  what: string,
  err: unknown,
  secret: string | undefined,
): BasinError {
  let detail = errorMessage(err);
  if (secret) detail = detail.split(secret).join('***');
  const code = kind === 'connect' ? 'WAREHOUSE_CONNECT' : 'WAREHOUSE';
  const message = kind === 'connect' ? `could not connect to ${what}: ${detail}` : `${what}: ${detail}`;
  return new BasinError(code, message, { cause: err });
}
