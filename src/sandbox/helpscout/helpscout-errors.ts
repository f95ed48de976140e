/**
 * Help Scout's error bodies (`application/vnd.error+json`): `{ logRef,
 * message, _embedded: { errors: [{ path, message, rejectedValue, source }] },
 * _links: { about } }`, as the Mailbox API 2.0 documents them.
 */
import { hashInts } from '../prng.js';

const ERRORS_DOC = 'http://developer.helpscout.net/mailbox-api/overview/errors';

/** One field-level error. */
export interface HelpScoutFieldError {
  path: string;
  message: string;
  rejectedValue?: string | undefined;
  /** Where the value came from (`query`, `path`, `JSON`). */
  source: string;
  /** Anchor of the error code in the errors page (`EnumValue`, `InvalidNumber`). */
  code: string;
}

/** An API error thrown inside the fake and rendered by `helpScoutErrorResponse`. */
export class HelpScoutApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors: readonly HelpScoutFieldError[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HelpScoutApiError';
  }
}

let counter = 0;

/** A log reference shaped like Help Scout's (a time-based UUID), deterministic per process. */
export function logRef(): string {
  const n = ++counter;
  const hex = [1, 2, 3, 4].map((k) => hashInts(0x4e1f, n, k).toString(16).padStart(8, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-11e8-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** 400 "Bad request" with one field error. */
export function badRequest(error: HelpScoutFieldError): HelpScoutApiError {
  return new HelpScoutApiError(400, 'Bad request', [error]);
}

/** 404 for a missing resource. */
export function notFound(): HelpScoutApiError {
  return new HelpScoutApiError(404, 'Resource not found');
}

/** The HTTP response of an error. */
export function helpScoutErrorResponse(err: HelpScoutApiError, headers: Record<string, string> = {}): Response {
  const body: Record<string, unknown> = { logRef: logRef(), message: err.message };
  if (err.errors.length > 0) {
    body['_embedded'] = {
      errors: err.errors.map((e) => ({
        path: e.path,
        message: e.message,
        ...(e.rejectedValue !== undefined ? { rejectedValue: e.rejectedValue } : {}),
        source: e.source,
        _links: { about: { href: `${ERRORS_DOC}#${e.code}` } },
      })),
    };
  }
  body['_links'] = { about: { href: ERRORS_DOC } };
  return new Response(JSON.stringify(body), {
    status: err.status,
    headers: { 'content-type': 'application/vnd.error+json;charset=UTF-8', ...headers, ...err.headers },
  });
}
