/**
 * Customer.io Track API error bodies: v1 answers `{ meta: { error } }`
 * ("Invalid API Requests" in Customer.io's docs); v2 answers
 * `{ errors: [{ reason, field?, message, batch_index? }] }`, with 207
 * Multi-Status when only some items of a batch were refused.
 */

/** One problem with a request or batch item (v2's error item). */
export interface CioProblem {
  reason: 'required' | 'invalid' | 'too_long' | 'too_many' | 'unsupported';
  field?: string;
  message: string;
}

/** An error thrown inside the fake and rendered in the API version's format. */
export class CioApiError extends Error {
  constructor(
    readonly status: number,
    readonly problems: readonly CioProblem[],
    readonly headers: Record<string, string> = {},
  ) {
    super(problems[0]?.message ?? 'error');
    this.name = 'CioApiError';
  }
}

/** A 400 for one problem. */
export function badRequest(problem: CioProblem): CioApiError {
  return new CioApiError(400, [problem]);
}

/** The response of `err` for a v1 (`meta.error`) or v2 (`errors`) route. */
export function cioErrorResponse(err: CioApiError, version: 'v1' | 'v2'): Response {
  const body =
    version === 'v1' && err.problems.length === 1
      ? { meta: { error: err.problems[0]?.message ?? '' } }
      : version === 'v1'
        ? { meta: { errors: err.problems.map((p) => p.message) } }
        : { errors: err.problems };
  return Response.json(body, { status: err.status, headers: err.headers });
}
