/**
 * Help Scout says how long to wait after a 429 in `X-RateLimit-Retry-After`
 * (seconds), not in the standard `Retry-After` Basin's HTTP client honours:
 * this fetch wrapper copies the one into the other, so the client pauses the
 * whole connection for exactly that long.
 */
export function withHelpScoutRetryAfter(inner: typeof fetch): typeof fetch {
  return async (input, init) => {
    const res = await inner(input, init);
    const wait = res.headers.get('x-ratelimit-retry-after');
    if (wait === null || res.headers.has('retry-after')) return res;
    const headers = new Headers(res.headers);
    headers.set('retry-after', wait);
    return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
  };
}
