/**
 * The Cloud Logging v2 fake, mounted at `/logging`: `POST /v2/entries:list`
 * over the synthetic company's product infrastructure logs (project
 * `basin-sandbox`), with Google OAuth bearer auth (tokens from the sandbox's
 * Google OAuth fake or self-signed service-account JWTs), Google's error
 * format, a subset of the Logging query language, the 24-hour default window,
 * 30-day retention, late-arriving entries, and the read quota (60 requests per
 * minute per project).
 */
import { GoogleApiError, googleErrorResponse, googleFaultResponse, invalidArgument } from '../google/google-errors.js';
import { authorizeGoogleRequest } from '../google/google-tokens.js';
import { GOOGLE_SANDBOX_CLIENT_EMAIL, GOOGLE_SANDBOX_PROJECT } from '../google/sandbox-service-account.js';
import type { InjectedFault, SandboxRequest, VendorContext, VendorFake } from '../vendor-fake.js';
import { compileFilter } from './logging-filter-eval.js';
import { FilterError, parseFilter } from './logging-filter-parse.js';
import { listEntries, type ListQuery } from './logging-list.js';
import { LOGGING_LIST_QUOTA, QuotaCounter, quotaExceededBody, type LoggingQuota } from './logging-quota.js';

/** Scopes that allow reading log entries (any one). */
export const LOGGING_READ_SCOPES = [
  'https://www.googleapis.com/auth/logging.read',
  'https://www.googleapis.com/auth/logging.admin',
  'https://www.googleapis.com/auth/cloud-platform',
  'https://www.googleapis.com/auth/cloud-platform.read-only',
] as const;

/** Largest page the API returns. */
export const MAX_PAGE_SIZE = 1000;
const DEFAULT_PAGE_SIZE = 50;
const REQUEST_FIELDS = new Set(['resourceNames', 'projectIds', 'filter', 'orderBy', 'pageSize', 'pageToken']);

/** Options of the Logging fake. */
export interface LoggingFakeOptions {
  /** The read quota (default 60 requests per minute per project); tests relax it. */
  quota?: Partial<LoggingQuota>;
  /** Wall clock for the quota and token expiry (default Date.now). */
  wallClock?: () => number;
}

function parseBody(body: string): Record<string, unknown> {
  let json: unknown;
  try {
    json = body.trim() === '' ? {} : JSON.parse(body);
  } catch {
    throw invalidArgument('Invalid JSON payload received. Unexpected token.');
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw invalidArgument('Invalid JSON payload received. Expected an object.');
  for (const key of Object.keys(json)) {
    if (!REQUEST_FIELDS.has(key)) throw invalidArgument(`Invalid JSON payload received. Unknown name "${key}": Cannot find field.`);
  }
  return json as Record<string, unknown>;
}

function stringList(value: unknown, field: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw invalidArgument(`Invalid value at '${field}': expected a list of strings.`);
  return value as string[];
}

/** The projects a request reads (`resourceNames`, plus deprecated `projectIds`); only the sandbox project exists. */
function resolveProjects(body: Record<string, unknown>): string[] {
  const names = [...stringList(body['resourceNames'], 'resource_names'), ...stringList(body['projectIds'], 'project_ids').map((p) => `projects/${p}`)];
  if (names.length === 0) throw invalidArgument('resource_names: at least one resource name is required.');
  if (names.length > 100) throw invalidArgument('resource_names: at most 100 resources may be specified.');
  for (const name of names) {
    const m = /^projects\/([^/]+)$/.exec(name);
    if (!m) throw invalidArgument(`Invalid resource name: ${name}. The sandbox serves projects/${GOOGLE_SANDBOX_PROJECT}.`);
    if (m[1] !== GOOGLE_SANDBOX_PROJECT) throw new GoogleApiError(403, `The caller does not have permission to read logs of ${name}.`, 'PERMISSION_DENIED');
  }
  return [...new Set(names)];
}

function toQuery(body: Record<string, unknown>, resources: string[]): ListQuery {
  const filterText = body['filter'] === undefined ? '' : body['filter'];
  if (typeof filterText !== 'string') throw invalidArgument("Invalid value at 'filter': expected a string.");
  const orderText = body['orderBy'] === undefined ? 'timestamp asc' : body['orderBy'];
  if (typeof orderText !== 'string') throw invalidArgument("Invalid value at 'order_by': expected a string.");
  const order = orderText.trim().replace(/\s+/g, ' ').toLowerCase();
  if (order !== '' && order !== 'timestamp asc' && order !== 'timestamp desc' && order !== 'timestamp') {
    throw invalidArgument(`Invalid order_by: "${orderText}". Only "timestamp asc" and "timestamp desc" are supported.`);
  }
  const rawSize = body['pageSize'] ?? DEFAULT_PAGE_SIZE;
  const size = typeof rawSize === 'string' && /^-?\d+$/.test(rawSize) ? Number(rawSize) : rawSize;
  if (typeof size !== 'number' || !Number.isInteger(size)) throw invalidArgument("Invalid value at 'page_size' (TYPE_INT32).");
  if (size < 0) throw invalidArgument('page_size must not be negative.');
  const pageToken = body['pageToken'];
  if (pageToken !== undefined && typeof pageToken !== 'string') throw invalidArgument("Invalid value at 'page_token': expected a string.");
  let filter;
  try {
    filter = compileFilter(parseFilter(filterText));
  } catch (err) {
    if (err instanceof FilterError) throw invalidArgument(err.message);
    throw err;
  }
  return {
    filter,
    fingerprint: JSON.stringify([filterText, order, resources]),
    descending: order === 'timestamp desc',
    pageSize: Math.min(size === 0 ? DEFAULT_PAGE_SIZE : size, MAX_PAGE_SIZE),
    pageToken: pageToken === '' ? undefined : pageToken,
  };
}

/** Builds the Cloud Logging fake. */
export function createLoggingFake(context: VendorContext, options: LoggingFakeOptions = {}): VendorFake {
  const wallClock = options.wallClock ?? Date.now;
  const quota = new QuotaCounter({ ...LOGGING_LIST_QUOTA, ...options.quota }, wallClock);
  const logger = context.logger.child({ vendor: 'logging' });

  const list = (request: SandboxRequest): Response => {
    try {
      if (request.method !== 'POST') throw new GoogleApiError(404, `The requested URL ${request.url.pathname} was not found (entries.list is POST).`);
      authorizeGoogleRequest(request.headers, LOGGING_READ_SCOPES, wallClock());
      const body = parseBody(request.body);
      const resources = resolveProjects(body);
      if (!quota.admit(GOOGLE_SANDBOX_PROJECT)) return Response.json(quotaExceededBody(GOOGLE_SANDBOX_PROJECT, quota.quota), { status: 429 });
      const page = listEntries(context.company, toQuery(body, resources), request.now);
      if (request.malformed && page.entries?.[0]) page.entries[0] = { ...page.entries[0], labels: 'corrupted' };
      return Response.json(page);
    } catch (err) {
      if (err instanceof GoogleApiError) return googleErrorResponse(err);
      logger.error('logging fake failed', { path: request.path, error: (err as Error).message });
      return googleErrorResponse(new GoogleApiError(500, 'Internal error encountered.'));
    }
  };

  return {
    name: 'logging',
    prefix: 'logging',
    rootPaths: ['/v2/entries'],
    credentials: { project_id: GOOGLE_SANDBOX_PROJECT, client_email: GOOGLE_SANDBOX_CLIENT_EMAIL },
    handle(request) {
      const path = decodeURIComponent(request.path);
      if (path !== '/v2/entries:list') return undefined;
      return Promise.resolve(list(request));
    },
    renderFault(fault: InjectedFault) {
      return googleFaultResponse(fault.kind, fault.retryAfterSeconds, 'logging.googleapis.com');
    },
  };
}
