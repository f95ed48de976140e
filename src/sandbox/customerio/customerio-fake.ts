/**
 * The Customer.io Track API fake, mounted at `/customerio`: v1 identify,
 * delete, events, anonymous events and the account region, v2 entity and batch, behind Basic auth
 * (site id : API key) and the 100 requests/second fair-use limit. It keeps
 * the workspace's people and events (`people()`, `events()`, `deletions()`),
 * custom objects and relationships (`objects()`, `object()`, `relationships()`,
 * `objectDeletions()`)
 * and the accepted requests (`received()`) for tests. customerio-node reaches
 * it with `new TrackClient(siteId, apiKey, { url: '<sandbox>/customerio/api/v1',
 * port, protocol: 'http:', agent: new http.Agent() })` (the client uses
 * `https.request` and keeps only the host and path of `url`).
 */
import { createReceivedLog } from '../received-log.js';
import type { InjectedFault, ReceivedRequest, SandboxRequest, VendorContext, VendorFake } from '../vendor-fake.js';
import { authenticate, CUSTOMERIO_REQUESTS_PER_SECOND, TrackRateLimiter } from './customerio-access.js';
import { CioApiError, cioErrorResponse } from './customerio-errors.js';
import type { CioObject, CioObjectDeletion, CioRelationship } from './customerio-objects.js';
import { CioStore, type CioDeletion, type CioEvent, type CioPerson } from './customerio-store.js';
import { routeV1 } from './customerio-v1.js';
import { routeV2 } from './customerio-v2.js';

/** The sandbox workspace's Track API site id. */
export const CUSTOMERIO_SANDBOX_SITE_ID = 'a1b2c3d4e5f6a7b8c9d0';
/** The sandbox workspace's Track API key. */
export const CUSTOMERIO_SANDBOX_API_KEY = 'cio-sandbox-0f9e8d7c6b5a49382716';

/** Options of the Customer.io fake. */
export interface CustomerIoFakeOptions {
  siteId?: string;
  apiKey?: string;
  /** Requests per second per workspace before 429 (default 100, Customer.io's fair-use limit). */
  requestsPerSecond?: number;
  /** Wall clock the rate limit runs on (default Date.now). */
  wallClock?: () => number;
}

/** The Customer.io fake: a VendorFake plus typed access to the workspace. */
export interface CustomerIoFake extends VendorFake {
  received(): readonly ReceivedRequest[];
  resetReceived(): void;
  /** People now in the workspace. */
  people(): CioPerson[];
  /** The person with this id (or email, or `cio_<cio_id>`), if any. */
  person(identifier: string): CioPerson | undefined;
  events(): readonly CioEvent[];
  deletions(): readonly CioDeletion[];
  /** Custom objects now in the workspace. */
  objects(): CioObject[];
  /** The object of this type id and object id, if any. */
  object(objectTypeId: string, objectId: string): CioObject | undefined;
  /** Relationships between objects and people (by the person's cio_id). */
  relationships(): CioRelationship[];
  objectDeletions(): readonly CioObjectDeletion[];
}

function segmentsOf(path: string): string[] {
  return path
    .split('/')
    .filter((s) => s !== '')
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
}

/** Builds the Customer.io fake. */
export function createCustomerIoFake(context: VendorContext, options: CustomerIoFakeOptions = {}): CustomerIoFake {
  const siteId = options.siteId ?? CUSTOMERIO_SANDBOX_SITE_ID;
  const apiKey = options.apiKey ?? CUSTOMERIO_SANDBOX_API_KEY;
  const limiter = new TrackRateLimiter(options.requestsPerSecond ?? CUSTOMERIO_REQUESTS_PER_SECOND, options.wallClock ?? Date.now);
  const store = new CioStore();
  const log = createReceivedLog();
  const logger = context.logger.child({ vendor: 'customerio' });

  const serve = (request: SandboxRequest): Response | undefined => {
    const [api, version, ...rest] = segmentsOf(request.path);
    if (api !== 'api' || (version !== 'v1' && version !== 'v2')) return undefined;
    try {
      const workspace = authenticate(request.headers, siteId, apiKey);
      limiter.admit(workspace);
      if (version === 'v1') {
        const body = routeV1({ method: request.method, segments: rest, body: request.body, now: request.now, store, trackUrl: `${request.url.origin}/customerio` });
        return body === undefined ? undefined : Response.json(body);
      }
      const answer = routeV2(request.method, rest, request.body, store, request.now);
      return answer === undefined ? undefined : Response.json(answer[1], { status: answer[0] });
    } catch (err) {
      if (err instanceof CioApiError) return cioErrorResponse(err, version);
      logger.error('customerio fake failed', { path: request.path, error: (err as Error).message });
      return cioErrorResponse(new CioApiError(500, [{ reason: 'invalid', message: 'internal error' }]), version);
    }
  };

  return {
    name: 'customerio',
    prefix: 'customerio',
    credentials: { site_id: siteId, api_key: apiKey },
    handle(request) {
      const response = serve(request);
      if (!response) return undefined;
      log.record(request, response.status);
      return Promise.resolve(response);
    },
    renderFault(fault: InjectedFault) {
      if (fault.kind === 'rate_limit') {
        return Response.json({ meta: { error: 'Too Many Requests: rate limit exceeded' } }, { status: 429, headers: { 'retry-after': String(fault.retryAfterSeconds) } });
      }
      return Response.json({ meta: { error: 'Service Unavailable' } }, { status: 503 });
    },
    received: () => log.list(),
    resetReceived: () => log.reset(),
    people: () => store.people(),
    person: (identifier) =>
      store.find(identifier.startsWith('cio_') ? { cio_id: identifier.slice(4) } : identifier.includes('@') ? { email: identifier } : { id: identifier }),
    events: () => store.events(),
    deletions: () => store.deletions(),
    objects: () => store.objects.objects(),
    object: (objectTypeId, objectId) => store.objects.object({ object_type_id: objectTypeId, object_id: objectId }),
    relationships: () => store.objects.relationships(),
    objectDeletions: () => store.objects.deletions(),
  };
}
