import { BasinError, type BasinErrorOptions } from '../../core/errors.js';

/** The codes an HTTP failure carries. */
export type HttpErrorCode = 'HTTP_STATUS' | 'HTTP_TIMEOUT' | 'HTTP_NETWORK' | 'HTTP_RESPONSE';

/** Details of an HTTP failure; `url` never holds secrets (see redactUrl). */
export interface HttpErrorDetails {
  url: string;
  method: string;
  status?: number | undefined;
  /** The first bytes of the response body (for a status error). */
  bodyExcerpt?: string | undefined;
  /** How many attempts were made before giving up. */
  attempts?: number | undefined;
}

/** An HTTP request failed: an error status, a timeout, a network error or an unusable body. */
export class HttpError extends BasinError {
  readonly url: string;
  readonly method: string;
  readonly status: number | undefined;
  readonly bodyExcerpt: string | undefined;
  readonly attempts: number | undefined;
  constructor(code: HttpErrorCode, message: string, details: HttpErrorDetails, options: BasinErrorOptions = {}) {
    super(code, message, options);
    this.name = 'HttpError';
    this.url = details.url;
    this.method = details.method;
    this.status = details.status;
    this.bodyExcerpt = details.bodyExcerpt;
    this.attempts = details.attempts;
  }

  /** A copy of this error that says how many attempts were made. */
  withAttempts(attempts: number): HttpError {
    const suffix = attempts > 1 ? ` (after ${attempts} attempts)` : '';
    return new HttpError(this.code as HttpErrorCode, `${this.message}${suffix}`, {
      url: this.url,
      method: this.method,
      status: this.status,
      bodyExcerpt: this.bodyExcerpt,
      attempts,
    }, { cause: this.cause });
  }
}

/** The longest body excerpt kept in an error. */
export const BODY_EXCERPT_CHARS = 500;

/** The start of a response body, on one line, for error messages. */
export function bodyExcerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > BODY_EXCERPT_CHARS ? `${flat.slice(0, BODY_EXCERPT_CHARS)}…` : flat;
}
