/**
 * The last line of defence for "no secret reaches the API": every response
 * under /api/ is scrubbed of the project's secret values (the connections'
 * and destinations' secrets from sources/*.yml and destinations/*.yml) before
 * it leaves, whatever route produced it: a run error, a query result (a
 * token holder's SQL can read files such as `.env`), an error message.
 * Only string bodies pass through here: a route that streams its answer
 * (POST /api/query/csv) scrubs what it writes itself.
 */
import type { FastifyInstance } from 'fastify';
import { scrubSecrets } from '../../config/env-interpolation.js';

/** `secrets` with their JSON-escaped forms (a secret with `"` or `\` appears escaped in a JSON body). */
export function secretForms(secrets: readonly string[]): string[] {
  const forms = new Set<string>();
  for (const s of secrets) {
    forms.add(s);
    forms.add(JSON.stringify(s).slice(1, -1));
  }
  return [...forms];
}

/** Adds an onSend hook replacing each secret in /api/ response bodies with `***`. */
export function registerSecretGuard(app: FastifyInstance, secrets: readonly string[]): void {
  const forms = secretForms(secrets);
  if (forms.length === 0) return;
  app.addHook('onSend', async (request, _reply, payload) => {
    const pathname = request.url.split('?')[0] ?? '';
    if (!(pathname === '/api' || pathname.startsWith('/api/')) || typeof payload !== 'string') return payload;
    return scrubSecrets(payload, forms);
  });
}
