/**
 * Track API v1 routes (the ones customerio-node calls):
 * `PUT /api/v1/customers/{identifier}` (identify), `DELETE /api/v1/customers/{identifier}`,
 * `POST /api/v1/customers/{identifier}/events`, `POST /api/v1/customers/{identifier}/suppress|unsuppress`,
 * `POST /api/v1/events` (anonymous), and `GET /api/v1/accounts/region` (the
 * workspace's region and Track URL, what a client calls to check its
 * credentials). The identifier is an id, an email
 * (contains `@`) or `cio_<cio_id>`. Every success answers 200 `{}`.
 */
import { badRequest, CioApiError } from './customerio-errors.js';
import { attributeProblems, CUSTOMERIO_LIMITS, eventProblems, isHash } from './customerio-limits.js';
import type { CioIdentifiers, CioStore } from './customerio-store.js';

/** What a v1 route sees. */
export interface V1Input {
  method: string;
  /** Segments below `/api/v1`, URL-decoded. */
  segments: string[];
  body: string;
  now: number;
  store: CioStore;
  /** The Track API root this fake answers on (`<sandbox>/customerio`), for the region route. */
  trackUrl: string;
}

/** The sandbox workspace's environment (workspace) id. */
export const SANDBOX_ENVIRONMENT_ID = 1;

/** The identifiers a path identifier names. */
export function identifiersOf(identifier: string): CioIdentifiers {
  if (identifier.startsWith('cio_')) return { cio_id: identifier.slice(4) };
  if (identifier.includes('@')) return { email: identifier };
  return { id: identifier };
}

function parseObject(body: string): Record<string, unknown> {
  if (Buffer.byteLength(body, 'utf8') > CUSTOMERIO_LIMITS.requestBytes) {
    throw badRequest({ reason: 'too_long', message: `request body cannot be larger than ${CUSTOMERIO_LIMITS.requestBytes} bytes` });
  }
  if (body.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw badRequest({ reason: 'invalid', message: 'request body is not valid JSON' });
  }
  if (!isHash(parsed)) throw badRequest({ reason: 'invalid', message: 'request body must be a JSON object' });
  return parsed;
}

function check(problems: ReturnType<typeof eventProblems>): void {
  if (problems.length > 0) throw new CioApiError(400, problems);
}

function timestampOf(value: unknown, now: number): number {
  return value === undefined || value === null ? Math.floor(now / 1000) : Number(value);
}

function recordEvent(input: V1Input, identifiers: CioIdentifiers | undefined, body: Record<string, unknown>): void {
  check(eventProblems(body['name'], body['data'], body['timestamp']));
  const anonymous = typeof body['anonymous_id'] === 'string' && body['anonymous_id'] !== '' ? body['anonymous_id'] : undefined;
  input.store.track(
    identifiers,
    {
      type: typeof body['type'] === 'string' ? body['type'] : 'event',
      name: String(body['name']),
      data: isHash(body['data']) ? body['data'] : {},
      timestamp: timestampOf(body['timestamp'], input.now),
      ...(anonymous && !identifiers ? { anonymous_id: anonymous } : {}),
      ...(typeof body['id'] === 'string' ? { id: body['id'] } : {}),
    },
    input.now,
  );
}

/** Answers a v1 request with the body of its 200, or undefined for an unknown route. */
export function routeV1(input: V1Input): unknown {
  const { method, segments: s, store, now } = input;
  if (s[0] === 'customers' && s.length >= 2) {
    const identifier = s[1] ?? '';
    if (identifier.trim() === '') throw badRequest({ reason: 'required', field: 'id', message: 'id attribute cannot be an empty string' });
    const identifiers = identifiersOf(identifier);
    if (s.length === 2 && method === 'PUT') {
      const body = parseObject(input.body);
      const { _update: update, ...attributes } = body;
      check(attributeProblems(attributes));
      store.identify(identifiers, attributes, now, update === true);
      return {};
    }
    if (s.length === 2 && method === 'DELETE') {
      store.delete(identifiers, now);
      return {};
    }
    if (s.length === 3 && s[2] === 'events' && method === 'POST') {
      recordEvent(input, identifiers, parseObject(input.body));
      return {};
    }
    if (s.length === 3 && (s[2] === 'suppress' || s[2] === 'unsuppress') && method === 'POST') {
      store.suppress(identifiers, s[2] === 'suppress', now);
      return {};
    }
  }
  if (s.length === 2 && s[0] === 'accounts' && s[1] === 'region' && method === 'GET') {
    return { url: input.trackUrl, region: 'us', environment_id: SANDBOX_ENVIRONMENT_ID };
  }
  if (s.length === 1 && s[0] === 'events' && method === 'POST') {
    recordEvent(input, undefined, parseObject(input.body));
    return {};
  }
  return undefined;
}
