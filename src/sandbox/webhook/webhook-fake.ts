/**
 * The webhook receiver fake, mounted at `/webhook`: `POST /webhook/{endpoint}`
 * accepts a JSON body and records it with its headers. A request that carries
 * `X-Basin-Signature` is verified (see webhook-signature.ts) and answered 401
 * when wrong; with `requireSignature` an unsigned one is too. Some endpoint
 * names misbehave on purpose, for testing a destination's error handling:
 *
 * - `fail-500`: always 500
 * - `flaky`: every 3rd request to it 503 (the others 200)
 * - `reject-odd`: rows at odd indexes rejected: 400 `{ errors: [{ index, message }] }`
 *   (rows = the body when it is an array, else its `records` or `rows` array, else the body as one row)
 * - `reject-some`: about one row in five (by a hash of the row's `key`, else of the row) is refused the
 *   first time it arrives, the others accepted: 200 `{ ok: true, errors: [{ index, message }] }`; sent
 *   again, it is accepted (a transient per-row failure, for retry tests)
 *
 * `failures` gives other endpoint names one of these behaviours.
 */
import { randomUUID } from 'node:crypto';
import { createReceivedLog } from '../received-log.js';
import type { InjectedFault, ReceivedRequest, SandboxRequest, VendorContext, VendorFake } from '../vendor-fake.js';
import { signatureProblem } from './webhook-signature.js';

/** The signing secret the sandbox's receiver checks by default (`WEBHOOK_SECRET`). */
export const WEBHOOK_SANDBOX_SECRET = 'whsec_sandbox_5b1c0e7a9d4f4e21a3c8';

/** Endpoint names with built-in failure behaviour (also the behaviours `failures` can give other names). */
export const WEBHOOK_FAILING_ENDPOINTS = ['fail-500', 'flaky', 'reject-odd', 'reject-some'] as const;

/** A failure behaviour. */
export type WebhookFailure = (typeof WEBHOOK_FAILING_ENDPOINTS)[number];

/** Options of the webhook fake. */
export interface WebhookFakeOptions {
  /** Signing secret (default WEBHOOK_SANDBOX_SECRET). */
  secret?: string;
  /** Answer 401 to unsigned requests too (default false: only wrong signatures are refused). */
  requireSignature?: boolean;
  /** Accepted distance between X-Basin-Timestamp and the wall clock, seconds (default 300). */
  toleranceSeconds?: number;
  /** Wall clock signatures' timestamps are checked against (default Date.now). */
  wallClock?: () => number;
  /** More endpoint names that fail, by behaviour (`{ 'crm-sync': 'flaky' }`). */
  failures?: Readonly<Record<string, WebhookFailure>>;
}

/** The webhook fake: a VendorFake plus typed access to what it accepted. */
export interface WebhookFake extends VendorFake {
  received(): readonly ReceivedRequest[];
  resetReceived(): void;
  /** Bodies accepted by `endpoint` (every endpoint when omitted), oldest first. */
  deliveries(endpoint?: string): unknown[];
  /** Rows accepted by `endpoint`, oldest first: the rows of accepted bodies minus those refused in an `errors` list. */
  acceptedRows(endpoint: string): unknown[];
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers });
}

function rowsOf(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  const b = body as { records?: unknown; rows?: unknown } | null;
  const rows = Array.isArray(b?.records) ? b.records : b?.rows;
  return Array.isArray(rows) ? rows : [body];
}

/** FNV-1a of a text: a stable small hash for picking rows. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Builds the webhook receiver fake. */
export function createWebhookFake(context: VendorContext, options: WebhookFakeOptions = {}): WebhookFake {
  const secret = options.secret ?? WEBHOOK_SANDBOX_SECRET;
  const wallClock = options.wallClock ?? Date.now;
  const tolerance = options.toleranceSeconds ?? 300;
  const log = createReceivedLog();
  const counts = new Map<string, number>();
  /** reject-some: row identities already refused once, per endpoint. */
  const refused = new Map<string, Set<string>>();
  /** Accepted rows per endpoint. */
  const accepted = new Map<string, unknown[]>();
  const logger = context.logger.child({ vendor: 'webhook' });

  const serve = (request: SandboxRequest, endpoint: string): Response => {
    if (request.method !== 'POST') return json(405, { error: `method ${request.method} not allowed; webhooks are POSTed` }, { allow: 'POST' });
    const signed = request.headers.has('x-basin-signature');
    if (signed || options.requireSignature) {
      const problem = signatureProblem(secret, request.headers, request.body, wallClock(), tolerance);
      if (problem) return json(401, { error: 'invalid signature', detail: problem });
    }
    let body: unknown;
    try {
      body = JSON.parse(request.body) as unknown;
    } catch {
      return json(400, { error: 'request body is not valid JSON' });
    }
    const count = (counts.get(endpoint) ?? 0) + 1;
    counts.set(endpoint, count);
    const failure = options.failures?.[endpoint] ?? (WEBHOOK_FAILING_ENDPOINTS as readonly string[]).find((f) => f === endpoint);
    if (failure === 'fail-500') return json(500, { error: 'internal server error' });
    if (failure === 'flaky' && count % 3 === 0) return json(503, { error: 'service unavailable' }, { 'retry-after': '1' });
    if (failure === 'reject-odd') {
      const errors = rowsOf(body).flatMap((_, index) => (index % 2 === 1 ? [{ index, message: `row ${index} rejected (odd index)` }] : []));
      if (errors.length > 0) return json(400, { errors });
    }
    const rows = rowsOf(body);
    let errors: Array<{ index: number; message: string }> = [];
    if (failure === 'reject-some') {
      const seen = refused.get(endpoint) ?? new Set<string>();
      refused.set(endpoint, seen);
      errors = rows.flatMap((row, index) => {
        const id = JSON.stringify((row as { key?: unknown } | null)?.key ?? row);
        if (fnv1a(id) % 5 !== 0 || seen.has(id)) return [];
        seen.add(id);
        return [{ index, message: `row ${id} refused: try again later` }];
      });
    }
    const refusedIndexes = new Set(errors.map((e) => e.index));
    accepted.set(endpoint, [...(accepted.get(endpoint) ?? []), ...rows.filter((_, i) => !refusedIndexes.has(i))]);
    logger.debug('webhook accepted', { endpoint, refused: errors.length });
    return json(200, errors.length > 0 ? { ok: true, id: randomUUID(), errors } : { ok: true, id: randomUUID() });
  };

  const endpointOf = (path: string): string | undefined => {
    const segments = path.split('/').filter((s) => s !== '');
    if (segments.length !== 1) return undefined;
    try {
      return decodeURIComponent(segments[0] ?? '');
    } catch {
      return undefined;
    }
  };

  return {
    name: 'webhook',
    prefix: 'webhook',
    credentials: { secret },
    handle(request) {
      const endpoint = endpointOf(request.path);
      if (endpoint === undefined) return undefined;
      const response = serve(request, endpoint);
      log.record(request, response.status);
      return Promise.resolve(response);
    },
    renderFault(fault: InjectedFault) {
      if (fault.kind === 'rate_limit') return json(429, { error: 'too many requests' }, { 'retry-after': String(fault.retryAfterSeconds) });
      return json(503, { error: 'service unavailable' });
    },
    received: () => log.list(),
    resetReceived: () => log.reset(),
    acceptedRows: (endpoint) => [...(accepted.get(endpoint) ?? [])],
    deliveries: (endpoint) => log.list().filter((r) => endpoint === undefined || r.path === `/${encodeURIComponent(endpoint)}`).map((r) => r.body),
  };
}
