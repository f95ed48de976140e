/** HubSpot's error bodies: `{ status: 'error', message, correlationId, category, ... }`. */
import { hashInts } from '../prng.js';

/** An API error thrown inside the fake and rendered by `hubspotErrorResponse`. */
export class HubSpotApiError extends Error {
  constructor(
    readonly status: number,
    readonly category: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HubSpotApiError';
  }
}

let counter = 0;

/** A correlation id shaped like HubSpot's (a UUID), deterministic per process. */
export function correlationId(): string {
  const n = ++counter;
  const hex = [1, 2, 3, 4].map((k) => hashInts(0xc0de, n, k).toString(16).padStart(8, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** 400 VALIDATION_ERROR. */
export function validationError(message: string): HubSpotApiError {
  return new HubSpotApiError(400, 'VALIDATION_ERROR', message);
}

/** 404 OBJECT_NOT_FOUND. */
export function notFound(message = 'Object not found.  objectId are usually numeric.'): HubSpotApiError {
  return new HubSpotApiError(404, 'OBJECT_NOT_FOUND', message);
}

/** The HTTP response of an error. Rate-limit errors carry `errorType`/`policyName` instead of `category`. */
export function hubspotErrorResponse(err: HubSpotApiError, headers: Record<string, string> = {}): Response {
  const body: Record<string, unknown> = { status: 'error', message: err.message, correlationId: correlationId() };
  if (err.category === 'RATE_LIMIT') body.errorType = 'RATE_LIMIT';
  else body.category = err.category;
  Object.assign(body, err.extra);
  return Response.json(body, { status: err.status, headers: { ...headers, ...err.headers } });
}
