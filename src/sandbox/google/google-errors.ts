/**
 * Google APIs' error bodies (the `google.rpc.Status` JSON mapping every
 * Google REST API answers with): `{ error: { code, message, status, details? } }`.
 */

/** Canonical status names by HTTP code, as Google maps them. */
const STATUS_BY_CODE: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  501: 'NOT_IMPLEMENTED',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

/** A Google API error, thrown inside a Google fake and rendered by `googleErrorResponse`. */
export class GoogleApiError extends Error {
  readonly status: string;
  constructor(
    readonly code: number,
    message: string,
    status?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'GoogleApiError';
    this.status = status ?? STATUS_BY_CODE[code] ?? 'UNKNOWN';
  }
}

/** The HTTP response of a Google API error. */
export function googleErrorResponse(err: GoogleApiError, headers: Record<string, string> = {}): Response {
  return Response.json(
    { error: { code: err.code, message: err.message, status: err.status } },
    { status: err.code, headers: { ...err.headers, ...headers } },
  );
}

/** 400 INVALID_ARGUMENT. */
export function invalidArgument(message: string): GoogleApiError {
  return new GoogleApiError(400, message);
}

/** 404 NOT_FOUND. */
export function notFound(message: string): GoogleApiError {
  return new GoogleApiError(404, message);
}

/** An injected fault as Google renders it: 429 quota exhausted, or 503 unavailable. */
export function googleFaultResponse(kind: 'rate_limit' | 'server_error', retryAfterSeconds: number, service: string): Response {
  if (kind === 'rate_limit') {
    return googleErrorResponse(
      new GoogleApiError(429, `Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute per user' of service '${service}'.`),
      { 'retry-after': String(retryAfterSeconds) },
    );
  }
  return googleErrorResponse(new GoogleApiError(503, 'The service is currently unavailable.'));
}
