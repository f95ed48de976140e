/** Stripe's error bodies: `{ error: { type, code?, message, param?, doc_url? } }` with its status codes. */

/** A Stripe API error, thrown inside the fake and rendered by `errorResponse`. */
export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: 'invalid_request_error' | 'api_error' | 'card_error' | 'idempotency_error',
    message: string,
    readonly code?: string,
    readonly param?: string,
  ) {
    super(message);
    this.name = 'StripeApiError';
  }
}

/** 404 resource_missing for `No such <what>: '<id>'`. */
export function noSuch(what: string, id: string, param = 'id'): StripeApiError {
  return new StripeApiError(404, 'invalid_request_error', `No such ${what}: '${id}'`, 'resource_missing', param);
}

/** 400 for a bad parameter value. */
export function badParam(param: string, message: string, code = 'parameter_invalid'): StripeApiError {
  return new StripeApiError(400, 'invalid_request_error', message, code, param);
}

/** The HTTP response of an error. */
export function errorResponse(err: StripeApiError, headers: Record<string, string> = {}): Response {
  const error: Record<string, string> = { type: err.type, message: err.message };
  if (err.code) {
    error.code = err.code;
    error.doc_url = `https://stripe.com/docs/error-codes/${err.code.replace(/_/g, '-')}`;
  }
  if (err.param) error.param = err.param;
  return Response.json({ error }, { status: err.status, headers });
}
