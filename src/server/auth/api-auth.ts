/**
 * The API's access rule as a fastify onRequest hook: every request under
 * /api/ needs `Authorization: Bearer <token>` except GET (and HEAD)
 * /api/health; paths outside /api/ (the UI's files) are open. A missing,
 * invalid or revoked token is a 401 `{ error, code: "UNAUTHORIZED" }`. The
 * token is never logged nor echoed.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TokenVerifier } from './token-verifier.js';

/** True when a request needs a token: the raw path or the matched route is under /api, and it is not the health check. */
export function requiresToken(method: string, rawUrl: string, routeUrl: string | undefined): boolean {
  const pathname = rawUrl.split('?')[0] ?? '';
  const api = (p: string): boolean => p === '/api' || p.startsWith('/api/');
  if (!api(pathname) && !(routeUrl !== undefined && api(routeUrl))) return false;
  const health = routeUrl === '/api/health' && pathname === '/api/health';
  return !(health && (method === 'GET' || method === 'HEAD'));
}

/** The token of an `Authorization: Bearer <token>` header; undefined for any other form. */
export function bearerToken(header: string | undefined): string | undefined {
  const m = /^Bearer +([^\s]+) *$/i.exec(header ?? '');
  return m?.[1];
}

/** Adds the access rule to `app` (call before the routes are registered). */
export function registerApiAuth(app: FastifyInstance, verifier: TokenVerifier): void {
  app.addHook('onRequest', async (request: FastifyRequest, reply) => {
    if (!requiresToken(request.method, request.url, request.routeOptions.url)) return;
    const token = bearerToken(request.headers.authorization);
    if (token && (await verifier.verify(token))) return;
    const error = token
      ? 'invalid or revoked API token'
      : 'this API needs a token: send "Authorization: Bearer <token>" (basin serve prints one on its first start; basin tokens create makes more)';
    return reply.code(401).header('www-authenticate', 'Bearer realm="basin"').send({ error, code: 'UNAUTHORIZED' });
  });
}
