/**
 * The Firestore fake's read methods: runQuery (also on a parent document,
 * answering a JSON array of RunQueryResponse as REST does),
 * runAggregationQuery (count), get, list documents (`pageSize`,
 * `pageToken`, `orderBy`, `mask.fieldPaths`), listCollectionIds and
 * batchGet. Writes answer 403: the sandbox's service account is a viewer.
 */
import { GoogleApiError, invalidArgument, notFound } from '../google/google-errors.js';
import { collectionIdsUnder, findRow, scanRows } from './firestore-catalog.js';
import type { DocumentContext } from './firestore-documents.js';
import { parseFieldPath, type FieldPath } from './firestore-field-path.js';
import { fullName, relativeName, type FirestorePath } from './firestore-paths.js';
import { completeOrders, orderKeys, parseListOrderBy, parseStructuredQuery, renderRow, runQuery, type QueryPlan } from './firestore-query.js';
import { formatTimestamp, isValue, type FirestoreDocument, type FirestoreValue } from './firestore-values.js';

/** One request, routed. */
export interface FirestoreCall {
  ctx: DocumentContext;
  path: FirestorePath;
  method: string;
  url: URL;
  body: string;
  /** Sandbox time of the request. */
  now: number;
  malformed: boolean;
}

type Json = Record<string, unknown>;

const DEFAULT_LIST_PAGE = 100;

function parseBody(call: FirestoreCall): Json {
  if (call.body.trim() === '') return {};
  try {
    const v: unknown = JSON.parse(call.body);
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Json;
  } catch {
    // fall through
  }
  throw invalidArgument('Invalid JSON payload received.');
}

/** The read time: `readTime` when given (consistent reads at a past time), else now. */
function readTimeOf(call: FirestoreCall, given: unknown): number {
  if (given === undefined || given === null || given === '') return call.now;
  const t = Date.parse(String(given));
  if (Number.isNaN(t)) throw invalidArgument(`Invalid value at 'read_time' (type.googleapis.com/google.protobuf.Timestamp), Field 'readTime', Invalid time format: ${String(given)}`);
  if (t > call.now) throw invalidArgument('read_time cannot be in the future.');
  return t;
}

/** Emits a document without an empty `fields` (as Firestore does), corrupting it when asked. */
function emit(doc: FirestoreDocument, corrupt = false): Json {
  const fields: Record<string, FirestoreValue> = { ...doc.fields };
  if (corrupt) {
    // Schemaless data: one document holds a number written as a string by some client.
    const key = Object.keys(fields).find((k) => fields[k]?.integerValue !== undefined);
    if (key) fields[key] = { stringValue: fields[key]?.integerValue ?? '' };
  }
  const out: Json = { name: doc.name };
  if (Object.keys(fields).length > 0) out['fields'] = fields;
  out['createTime'] = doc.createTime;
  out['updateTime'] = doc.updateTime;
  return out;
}

function parentOf(call: FirestoreCall): string {
  const rel = call.path.segments.join('/');
  if (call.path.segments.length % 2 === 1) throw invalidArgument(`Document name "${fullName(call.path, rel)}" has odd number of segments.`);
  return rel;
}

function queryPlanOf(body: Json): QueryPlan {
  if (body['structuredQuery'] === undefined) throw invalidArgument('A query is required (structuredQuery).');
  return parseStructuredQuery(body['structuredQuery']);
}

function runQueryCall(call: FirestoreCall): Json[] {
  const parent = parentOf(call);
  const body = parseBody(call);
  const plan = queryPlanOf(body);
  const t = readTimeOf(call, body['readTime']);
  const result = runQuery(scanRows(call.ctx, t, parent, plan.collectionId, plan.allDescendants), plan);
  const readTime = formatTimestamp(t);
  const corruptAt = call.malformed ? Math.floor(result.rows.length / 2) : -1;
  const out: Json[] = result.rows.map((row, k) => ({ document: emit(renderRow(row, plan.select), k === corruptAt), readTime }));
  if (out.length === 0) out.push({ readTime });
  if (result.skipped > 0) (out[0] as Json)['skippedResults'] = result.skipped;
  return out;
}

function aggregationCall(call: FirestoreCall): Json[] {
  const parent = parentOf(call);
  const body = parseBody(call);
  const agg = body['structuredAggregationQuery'] as Json | undefined;
  if (!agg || typeof agg !== 'object') throw invalidArgument('A structuredAggregationQuery is required.');
  const plan = parseStructuredQuery(agg['structuredQuery']);
  const aggregations = Array.isArray(agg['aggregations']) ? (agg['aggregations'] as Json[]) : [];
  const t = readTimeOf(call, body['readTime']);
  const { rows } = runQuery(scanRows(call.ctx, t, parent, plan.collectionId, plan.allDescendants), plan);
  const aggregateFields: Record<string, FirestoreValue> = {};
  aggregations.forEach((a, k) => {
    const count = a['count'] as Json | undefined;
    if (!count) throw new GoogleApiError(501, 'The sandbox supports count aggregations only.');
    const upTo = Number((count['upTo'] as unknown) ?? Infinity);
    aggregateFields[typeof a['alias'] === 'string' ? a['alias'] : `field_${k + 1}`] = { integerValue: String(Math.min(rows.length, upTo)) };
  });
  return [{ result: { aggregateFields }, readTime: formatTimestamp(t) }];
}

function maskOf(url: URL): FieldPath[] | undefined {
  const paths = url.searchParams.getAll('mask.fieldPaths');
  return paths.length > 0 ? paths.map(parseFieldPath) : undefined;
}

function getCall(call: FirestoreCall): Json {
  const rel = call.path.segments.join('/');
  const t = readTimeOf(call, call.url.searchParams.get('readTime'));
  const row = findRow(call.ctx, t, rel);
  if (!row) throw notFound(`Document "${fullName(call.path, rel)}" not found.`);
  return emit(renderRow(row, maskOf(call.url)));
}

function encodeToken(keys: FirestoreValue[]): string {
  return Buffer.from(JSON.stringify(keys)).toString('base64url');
}

function decodeToken(token: string): FirestoreValue[] {
  try {
    const keys: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (Array.isArray(keys) && keys.every(isValue)) return keys;
  } catch {
    // fall through
  }
  throw invalidArgument('Invalid page token.');
}

function listCall(call: FirestoreCall): Json {
  const segments = call.path.segments;
  const collectionId = segments[segments.length - 1] ?? '';
  const parent = segments.slice(0, -1).join('/');
  const size = Number(call.url.searchParams.get('pageSize') ?? DEFAULT_LIST_PAGE) || DEFAULT_LIST_PAGE;
  if (!Number.isInteger(size) || size < 0) throw invalidArgument(`Invalid value at 'page_size' (TYPE_INT32), "${call.url.searchParams.get('pageSize') ?? ''}"`);
  const token = call.url.searchParams.get('pageToken');
  const orders = completeOrders(parseListOrderBy(call.url.searchParams.get('orderBy')), undefined);
  const plan: QueryPlan = {
    collectionId,
    allDescendants: false,
    where: undefined,
    orders,
    startAt: token ? { values: decodeToken(token), before: false } : undefined,
    endAt: undefined,
    offset: 0,
    limit: size + 1,
    select: maskOf(call.url),
  };
  const t = readTimeOf(call, call.url.searchParams.get('readTime'));
  const { rows } = runQuery(scanRows(call.ctx, t, parent, collectionId, false), plan);
  const page = rows.slice(0, size);
  const corruptAt = call.malformed ? Math.floor(page.length / 2) : -1;
  const out: Json = {};
  if (page.length > 0) out['documents'] = page.map((row, k) => emit(renderRow(row, plan.select), k === corruptAt));
  const last = page[page.length - 1];
  if (rows.length > size && last) out['nextPageToken'] = encodeToken(orderKeys(last, orders));
  return out;
}

function listCollectionIdsCall(call: FirestoreCall): Json {
  const parent = parentOf(call);
  const body = parseBody(call);
  const t = readTimeOf(call, body['readTime']);
  const size = Number(body['pageSize'] ?? 0) || Infinity;
  const after = typeof body['pageToken'] === 'string' ? Buffer.from(body['pageToken'], 'base64url').toString('utf8') : '';
  const ids = collectionIdsUnder(call.ctx, t, parent).filter((id) => id > after);
  const page = ids.slice(0, size);
  const out: Json = {};
  if (page.length > 0) out['collectionIds'] = page;
  if (ids.length > page.length) out['nextPageToken'] = Buffer.from(page[page.length - 1] ?? '').toString('base64url');
  return out;
}

function batchGetCall(call: FirestoreCall): Json[] {
  if (call.path.segments.length > 0) throw notFound('Method not found.');
  const body = parseBody(call);
  const names = Array.isArray(body['documents']) ? body['documents'] : [];
  const mask = body['mask'] as { fieldPaths?: unknown } | undefined;
  const select = Array.isArray(mask?.fieldPaths) ? mask.fieldPaths.map((p) => parseFieldPath(String(p))) : undefined;
  const t = readTimeOf(call, body['readTime']);
  const readTime = formatTimestamp(t);
  return names.map((n) => {
    const name = String(n);
    const rel = relativeName(call.path.root, name);
    if (rel === undefined) throw invalidArgument(`Document "${name}" is not in database "${call.path.root}".`);
    const row = findRow(call.ctx, t, rel);
    return row ? { found: emit(renderRow(row, select)), readTime } : { missing: name, readTime };
  });
}

const WRITE_VERBS = ['commit', 'batchWrite', 'beginTransaction', 'rollback', 'write', 'listen', 'partitionQuery'];

/** Answers a call; undefined when no method matches. */
export function routeFirestore(call: FirestoreCall): Json | Json[] | undefined {
  const { method, path } = call;
  const verb = path.verb;
  if (method === 'POST' && verb === 'runQuery') return runQueryCall(call);
  if (method === 'POST' && verb === 'runAggregationQuery') return aggregationCall(call);
  if (method === 'POST' && verb === 'listCollectionIds') return listCollectionIdsCall(call);
  if (method === 'POST' && verb === 'batchGet') return batchGetCall(call);
  if (verb !== undefined) {
    if (WRITE_VERBS.includes(verb)) throw new GoogleApiError(403, 'Missing or insufficient permissions.', 'PERMISSION_DENIED');
    return undefined;
  }
  const n = path.segments.length;
  if (method === 'GET' && n > 0) return n % 2 === 1 ? listCall(call) : getCall(call);
  if (['POST', 'PATCH', 'DELETE'].includes(method) && n > 0) throw new GoogleApiError(403, 'Missing or insufficient permissions.', 'PERMISSION_DENIED');
  return undefined;
}
