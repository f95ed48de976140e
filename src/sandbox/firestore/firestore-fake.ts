/**
 * The Firestore fake, mounted at `/firestore` and also at the server root
 * under `/v1/projects/basin-sandbox/databases/` (Google's client libraries
 * take a host, not a base path): the REST v1 read API of the product's
 * database (`organizations`, `users`, `spaces`, `spaces/{id}/collections`)
 * in project `basin-sandbox`, computed from the synthetic company at the
 * sandbox's time. Requests carry a Google bearer credential (an access token
 * from the sandbox's token endpoint, or a self-signed service-account JWT).
 */
import { GoogleApiError, googleErrorResponse, googleFaultResponse } from '../google/google-errors.js';
import { authorizeGoogleRequest } from '../google/google-tokens.js';
import { GOOGLE_SANDBOX_CLIENT_EMAIL, GOOGLE_SANDBOX_PROJECT } from '../google/sandbox-service-account.js';
import type { InjectedFault, SandboxRequest, VendorContext, VendorFake } from '../vendor-fake.js';
import { checkDatabase, DEFAULT_DATABASE, parseFirestorePath } from './firestore-paths.js';
import { routeFirestore } from './firestore-routes.js';

/** OAuth scopes Firestore accepts. */
export const FIRESTORE_SCOPES = ['https://www.googleapis.com/auth/datastore', 'https://www.googleapis.com/auth/cloud-platform'] as const;

/** The root path the fake also answers at, for clients that cannot take a base path. */
export const FIRESTORE_ROOT_PATH = `/v1/projects/${GOOGLE_SANDBOX_PROJECT}/databases/`;

/** Options of the Firestore fake. */
export interface FirestoreFakeOptions {
  /** Wall clock that credential expiry runs on (default Date.now). */
  wallClock?: () => number;
}

/** Builds the Firestore fake. */
export function createFirestoreFake(context: VendorContext, options: FirestoreFakeOptions = {}): VendorFake {
  const wallClock = options.wallClock ?? Date.now;
  const logger = context.logger.child({ vendor: 'firestore' });

  const serve = (request: SandboxRequest): Response | undefined => {
    const path = parseFirestorePath(request.path);
    if (!path) return undefined;
    try {
      authorizeGoogleRequest(request.headers, FIRESTORE_SCOPES, wallClock());
      checkDatabase(path);
      const body = routeFirestore({
        ctx: { company: context.company, root: path.root },
        path,
        method: request.method,
        url: request.url,
        body: request.body,
        now: request.now,
        malformed: request.malformed,
      });
      if (body === undefined) throw new GoogleApiError(404, 'Method not found.');
      return Response.json(body);
    } catch (err) {
      if (err instanceof GoogleApiError) return googleErrorResponse(err);
      logger.error('firestore fake failed', { path: request.path, error: (err as Error).message });
      return googleErrorResponse(new GoogleApiError(500, 'Internal error encountered.'));
    }
  };

  return {
    name: 'firestore',
    prefix: 'firestore',
    rootPaths: [FIRESTORE_ROOT_PATH],
    credentials: { project_id: GOOGLE_SANDBOX_PROJECT, database: DEFAULT_DATABASE, client_email: GOOGLE_SANDBOX_CLIENT_EMAIL },
    handle(request) {
      const response = serve(request);
      return response ? Promise.resolve(response) : undefined;
    },
    renderFault(fault: InjectedFault) {
      return googleFaultResponse(fault.kind, fault.retryAfterSeconds, 'firestore.googleapis.com');
    },
  };
}
