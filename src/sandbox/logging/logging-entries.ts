/**
 * The log entries of the synthetic company's product infrastructure, one per
 * logging slot: Cloud Run request logs of the product's API (two thirds),
 * structured application logs (`jsonPayload` with the organization and user),
 * uncaught errors with a stack trace in `textPayload`, and Cloud Storage
 * data-access audit logs of exports (`protoPayload` AuditLog). Organization
 * and user ids are the product ids every other fake uses, so logs join with
 * Stripe customers (`metadata.organization_id`) and HubSpot companies.
 */
import type { SyntheticCompany } from '../company/synthetic-company.js';
import { GOOGLE_SANDBOX_PROJECT } from '../google/sandbox-service-account.js';
import { choose, hashInts, mix32, pick, unit } from '../prng.js';
import type { LogEntryJson } from './logging-filter-eval.js';
import type { LogSlot } from './logging-timeline.js';
import { formatMicros } from './logging-time.js';

/** The product API's public host. */
export const PRODUCT_API_HOST = 'api.basin-sandbox.dev';
/** The Cloud Run service serving it. */
export const API_SERVICE = 'product-api';
const REGION = 'us-central1';
const EXPORT_BUCKET = `${GOOGLE_SANDBOX_PROJECT}-exports`;
const API_SERVICE_ACCOUNT = `${API_SERVICE}@${GOOGLE_SANDBOX_PROJECT}.iam.gserviceaccount.com`;
/** A new revision of the API is deployed every three days. */
const DEPLOY_EVERY_MS = 3 * 86_400_000;

/** Log names (the log id URL-encoded, as the API writes it). */
export const LOG_NAMES = {
  requests: `projects/${GOOGLE_SANDBOX_PROJECT}/logs/run.googleapis.com%2Frequests`,
  stdout: `projects/${GOOGLE_SANDBOX_PROJECT}/logs/run.googleapis.com%2Fstdout`,
  stderr: `projects/${GOOGLE_SANDBOX_PROJECT}/logs/run.googleapis.com%2Fstderr`,
  dataAccess: `projects/${GOOGLE_SANDBOX_PROJECT}/logs/cloudaudit.googleapis.com%2Fdata_access`,
} as const;

const SALT = {
  kind: 0x2001, route: 0x2002, status: 0x2003, latency: 0x2004, size: 0x2005, agent: 0x2006, user: 0x2007, id: 0x2008,
  trace: 0x2009, span: 0x200a, instance: 0x200b, event: 0x200c, error: 0x200d, sampled: 0x200e, debug: 0x200f,
} as const;

interface Route {
  method: string;
  path: string;
  event: string;
}

const ROUTES: readonly Route[] = [
  { method: 'GET', path: '/v1/spaces', event: 'space.listed' },
  { method: 'GET', path: '/v1/spaces/{space}/documents', event: 'document.listed' },
  { method: 'GET', path: '/v1/documents/{doc}', event: 'document.viewed' },
  { method: 'GET', path: '/v1/documents/{doc}', event: 'document.viewed' },
  { method: 'POST', path: '/v1/spaces/{space}/documents', event: 'document.created' },
  { method: 'PATCH', path: '/v1/documents/{doc}', event: 'document.updated' },
  { method: 'PATCH', path: '/v1/documents/{doc}', event: 'document.updated' },
  { method: 'DELETE', path: '/v1/documents/{doc}', event: 'document.deleted' },
  { method: 'GET', path: '/v1/members', event: 'member.listed' },
  { method: 'POST', path: '/v1/invitations', event: 'member.invited' },
  { method: 'GET', path: '/v1/search?q=roadmap', event: 'search.performed' },
  { method: 'POST', path: '/v1/exports', event: 'export.started' },
  { method: 'POST', path: '/v1/sessions', event: 'login.succeeded' },
];

const USER_AGENTS = [
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_2) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0',
  'product-sdk-js/2.4.1 node/20.10.0',
  'product-mobile/5.12.0 (iPhone; iOS 17.2)',
] as const;

const ERRORS = [
  {
    message: 'Error: connect ECONNRESET 10.8.0.3:5432',
    frames: ['at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)', 'at Pool.connect (/app/node_modules/pg-pool/index.js:45:11)', 'at DocumentRepository.find (/app/dist/documents/repository.js:88:27)'],
  },
  {
    message: "TypeError: Cannot read properties of undefined (reading 'ownerId')",
    frames: ['at SpaceService.assertMember (/app/dist/spaces/service.js:142:31)', 'at DocumentController.update (/app/dist/documents/controller.js:57:24)', 'at Layer.handle [as handle_request] (/app/node_modules/express/lib/router/layer.js:95:5)'],
  },
  {
    message: 'Error: Deadline exceeded after 10.001s while calling search index',
    frames: ['at SearchClient.query (/app/dist/search/client.js:61:13)', 'at async SearchController.search (/app/dist/search/controller.js:22:20)'],
  },
] as const;

const EVENT_SOURCES: Readonly<Record<string, { file: string; fn: string; line: number }>> = {
  document: { file: 'src/documents/service.ts', fn: 'DocumentService.handle', line: 118 },
  space: { file: 'src/spaces/service.ts', fn: 'SpaceService.list', line: 64 },
  member: { file: 'src/members/service.ts', fn: 'MemberService.handle', line: 91 },
  search: { file: 'src/search/service.ts', fn: 'SearchService.query', line: 37 },
  export: { file: 'src/exports/service.ts', fn: 'ExportService.start', line: 52 },
  login: { file: 'src/auth/sessions.ts', fn: 'SessionService.create', line: 29 },
};

/** `width` hex digits from one hash of `seed`, extended by cheap remixing. */
function hex(width: number, ...seed: number[]): string {
  let h = hashInts(...seed);
  let out = '';
  while (out.length < width) {
    out += h.toString(16).padStart(8, '0');
    h = mix32((h + 0x9e3779b9) >>> 0);
  }
  return out.slice(0, width);
}

/** Unique by construction: a scramble, then the bucket and slot in fixed-width base 36. */
function insertId(company: SyntheticCompany, slot: LogSlot): string {
  return `${hex(8, company.seed, SALT.id, slot.bucket, slot.slot)}${slot.bucket.toString(36).padStart(6, '0')}${slot.slot.toString(36).padStart(3, '0')}`;
}

function revisionName(ms: number, seed: number): string {
  const n = Math.floor(ms / DEPLOY_EVERY_MS);
  return `${API_SERVICE}-${String(n % 100000).padStart(5, '0')}-${hex(3, seed, n).replace(/[0-9]/g, (d) => 'abcdefghij'[Number(d)] ?? 'x')}`;
}

function runResource(company: SyntheticCompany, ms: number): Record<string, unknown> {
  return {
    type: 'cloud_run_revision',
    labels: {
      project_id: GOOGLE_SANDBOX_PROJECT,
      service_name: API_SERVICE,
      revision_name: revisionName(ms, company.seed),
      location: REGION,
      configuration_name: API_SERVICE,
    },
  };
}

function ipOf(i: number, k: number, seed: number): string {
  const h = hashInts(seed, 0x3001, i, k);
  return `${[34, 35, 82, 91, 104, 151, 185][h % 7]}.${(h >>> 8) % 256}.${(h >>> 16) % 256}.${1 + ((h >>> 24) % 254)}`;
}

function fill(path: string, company: SyntheticCompany, slot: LogSlot): string {
  return path
    .replace('{space}', company.productId('spc', slot.organization, pick(company.organization(slot.organization).spaceCount, company.seed, SALT.route, slot.bucket, slot.slot, 1)))
    .replace('{doc}', company.productId('doc', slot.organization, hashInts(company.seed, SALT.route, slot.bucket, slot.slot, 2) % 500));
}

/** The user acting in a slot: one who had joined by then (the owner otherwise). */
function actingUser(company: SyntheticCompany, slot: LogSlot): number {
  const org = company.organization(slot.organization);
  const k = pick(org.userCount, company.seed, SALT.user, slot.bucket, slot.slot);
  return company.user(slot.organization, k).createdAt * 1000 <= slot.micros ? k : 0;
}

function statusOf(roll: number, method: string): number {
  if (roll < 0.9) return method === 'POST' ? 201 : method === 'DELETE' ? 204 : 200;
  if (roll < 0.93) return 304;
  if (roll < 0.96) return 404;
  if (roll < 0.975) return 403;
  if (roll < 0.985) return 401;
  if (roll < 0.993) return 429;
  return roll < 0.997 ? 500 : 503;
}

function severityOf(status: number): string {
  return status >= 500 ? 'ERROR' : status >= 400 ? 'WARNING' : 'INFO';
}

function common(company: SyntheticCompany, slot: LogSlot, logName: string): LogEntryJson {
  return {
    insertId: insertId(company, slot),
    logName,
    timestamp: formatMicros(slot.micros),
    receiveTimestamp: formatMicros(slot.receiveMicros),
  };
}

function traceFields(company: SyntheticCompany, slot: LogSlot): LogEntryJson {
  return {
    trace: `projects/${GOOGLE_SANDBOX_PROJECT}/traces/${hex(32, company.seed, SALT.trace, slot.bucket, slot.slot)}`,
    spanId: hex(16, company.seed, SALT.span, slot.bucket, slot.slot),
    // proto3's JSON mapping leaves out false booleans: only sampled traces say so.
    ...(unit(company.seed, SALT.sampled, slot.bucket, slot.slot) < 0.1 ? { traceSampled: true } : {}),
  };
}

function instanceId(company: SyntheticCompany, slot: LogSlot): string {
  return `00${hex(62, company.seed, SALT.instance, Math.floor(slot.micros / 3_600_000_000), slot.organization % 4)}`;
}

function requestEntry(company: SyntheticCompany, slot: LogSlot): LogEntryJson {
  const ms = Math.floor(slot.micros / 1000);
  const route = choose(ROUTES, company.seed, SALT.route, slot.bucket, slot.slot);
  const user = actingUser(company, slot);
  const status = statusOf(unit(company.seed, SALT.status, slot.bucket, slot.slot), route.method);
  const latencyMicros = Math.floor(8000 + 400_000 * unit(company.seed, SALT.latency, slot.bucket, slot.slot) ** 3) + (status >= 500 ? 2_000_000 : 0);
  const size = status === 204 || status === 304 ? 0 : 180 + (hashInts(company.seed, SALT.size, slot.bucket, slot.slot) % 48_000);
  const httpRequest: Record<string, unknown> = {
    requestMethod: route.method,
    requestUrl: `https://${PRODUCT_API_HOST}${fill(route.path, company, slot)}`,
    status,
    responseSize: String(size),
    userAgent: choose(USER_AGENTS, company.seed, SALT.agent, slot.organization, user),
    remoteIp: ipOf(slot.organization, user, company.seed),
    serverIp: '216.239.32.53',
    latency: `${(latencyMicros / 1e6).toFixed(6)}s`,
    protocol: 'HTTP/1.1',
  };
  if (route.method === 'POST' || route.method === 'PATCH') httpRequest['requestSize'] = String(300 + (hashInts(company.seed, SALT.size, slot.bucket, slot.slot, 1) % 4000));
  return {
    ...common(company, slot, LOG_NAMES.requests),
    httpRequest,
    resource: runResource(company, ms),
    severity: severityOf(status),
    labels: { instanceId: instanceId(company, slot), organization_id: company.organization(slot.organization).id },
    ...traceFields(company, slot),
  };
}

function applicationEntry(company: SyntheticCompany, slot: LogSlot): LogEntryJson {
  const ms = Math.floor(slot.micros / 1000);
  const route = choose(ROUTES, company.seed, SALT.event, slot.bucket, slot.slot);
  const user = company.user(slot.organization, actingUser(company, slot));
  const org = company.organization(slot.organization);
  const debug = unit(company.seed, SALT.debug, slot.bucket, slot.slot) < 0.25;
  const area = route.event.split('.')[0] ?? 'document';
  const source = EVENT_SOURCES[area] ?? { file: 'src/server.ts', fn: 'handle', line: 1 };
  return {
    ...common(company, slot, LOG_NAMES.stdout),
    jsonPayload: {
      message: debug ? `cache ${route.event.endsWith('viewed') ? 'hit' : 'miss'} for ${area} of ${org.id}` : `${route.event} by ${user.id} in ${org.name}`,
      event: route.event,
      organizationId: org.id,
      userId: user.id,
      plan: org.paying ? 'paid' : 'free',
    },
    resource: runResource(company, ms),
    severity: debug ? 'DEBUG' : route.event === 'member.invited' || route.event === 'export.started' ? 'NOTICE' : 'INFO',
    labels: { instanceId: instanceId(company, slot) },
    sourceLocation: { file: source.file, line: String(source.line), function: source.fn },
    ...traceFields(company, slot),
  };
}

function errorEntry(company: SyntheticCompany, slot: LogSlot): LogEntryJson {
  const ms = Math.floor(slot.micros / 1000);
  const error = choose(ERRORS, company.seed, SALT.error, slot.bucket, slot.slot);
  return {
    ...common(company, slot, LOG_NAMES.stderr),
    textPayload: `${error.message}\n${error.frames.map((f) => `    ${f}`).join('\n')}`,
    resource: runResource(company, ms),
    severity: 'ERROR',
    labels: { instanceId: instanceId(company, slot), organization_id: company.organization(slot.organization).id },
    ...traceFields(company, slot),
  };
}

function auditEntry(company: SyntheticCompany, slot: LogSlot): LogEntryJson {
  const org = company.organization(slot.organization);
  const read = unit(company.seed, SALT.kind, slot.bucket, slot.slot, 1) < 0.5;
  const object = `exports/${org.id}/export-${Math.floor(slot.micros / 1_000_000)}.csv`;
  const method = read ? 'storage.objects.get' : 'storage.objects.create';
  return {
    ...common(company, slot, LOG_NAMES.dataAccess),
    protoPayload: {
      '@type': 'type.googleapis.com/google.cloud.audit.AuditLog',
      status: {},
      authenticationInfo: { principalEmail: API_SERVICE_ACCOUNT },
      requestMetadata: { callerIp: 'gce-internal-ip', callerSuppliedUserAgent: 'gcloud-node-storage/7.7.0,gzip(gfe)', requestAttributes: {}, destinationAttributes: {} },
      serviceName: 'storage.googleapis.com',
      methodName: method,
      authorizationInfo: [{ resource: `projects/_/buckets/${EXPORT_BUCKET}/objects/${object}`, permission: method, granted: true, resourceAttributes: {} }],
      resourceName: `projects/_/buckets/${EXPORT_BUCKET}/objects/${object}`,
      resourceLocation: { currentLocations: [REGION] },
    },
    resource: { type: 'gcs_bucket', labels: { project_id: GOOGLE_SANDBOX_PROJECT, bucket_name: EXPORT_BUCKET, location: REGION } },
    severity: 'INFO',
  };
}

/** The entry a logging slot writes. */
export function buildEntry(company: SyntheticCompany, slot: LogSlot): LogEntryJson {
  const roll = unit(company.seed, SALT.kind, slot.bucket, slot.slot);
  if (roll < 0.66) return requestEntry(company, slot);
  if (roll < 0.9) return applicationEntry(company, slot);
  if (roll < 0.94) return errorEntry(company, slot);
  return auditEntry(company, slot);
}
