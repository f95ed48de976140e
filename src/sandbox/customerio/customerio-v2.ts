/**
 * Track API v2: `POST /api/v2/entity` (one operation) and `POST /api/v2/batch`
 * (`{ batch: [...] }`, at most 500 KB, each item at most 32 KB). An operation
 * is `{ type: 'person', identifiers: { id | email | cio_id }, action, attributes?,
 * name?, timestamp? }` with action identify, delete, event, page, screen,
 * suppress, unsuppress, add_relationships or delete_relationships (identify
 * may carry `cio_relationships` too); `type: 'object'` operations are in
 * customerio-v2-objects.ts. An event's optional `id` must be a ULID, and an
 * event whose id was seen before is not recorded again (Customer.io's
 * deduplication). A refused entity answers 400 `{ errors }`; a batch
 * with refused items applies the others and answers 207 `{ errors }`, each
 * error carrying its `batch_index`.
 */
import { badRequest, CioApiError, type CioProblem } from './customerio-errors.js';
import { attributeProblems, CUSTOMERIO_LIMITS, eventProblems, isHash } from './customerio-limits.js';
import type { CioIdentifiers, CioStore } from './customerio-store.js';
import { applyObjectOperation, personRelationships } from './customerio-v2-objects.js';

/** A ULID: 26 Crockford base32 characters, the first at most 7 (128 bits). */
const ULID = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;

/** Person actions the sandbox applies. */
export const V2_PERSON_ACTIONS = ['identify', 'delete', 'event', 'page', 'screen', 'suppress', 'unsuppress', 'add_relationships', 'delete_relationships'] as const;

function identifiersOf(value: unknown, field = 'identifiers'): CioIdentifiers | CioProblem {
  if (!isHash(value)) return { reason: 'required', field, message: `${field} is required` };
  const keys = Object.keys(value).filter((k) => value[k] !== undefined && value[k] !== null);
  const known = keys.filter((k) => k === 'id' || k === 'email' || k === 'cio_id');
  if (known.length !== 1 || keys.length !== 1) {
    return { reason: 'invalid', field, message: `${field} must hold exactly one of id, email or cio_id` };
  }
  const key = known[0] as 'id' | 'email' | 'cio_id';
  const raw = value[key];
  if ((typeof raw !== 'string' && typeof raw !== 'number') || String(raw).trim() === '') {
    return { reason: 'invalid', field: `${field}.${key}`, message: `${field}.${key} must be a non-empty string` };
  }
  return { [key]: String(raw) };
}

/** Checks one operation and, when valid, applies it; returns its problems. */
export function applyOperation(operation: unknown, store: CioStore, now: number): CioProblem[] {
  if (!isHash(operation)) return [{ reason: 'invalid', message: 'each operation must be a JSON object' }];
  if (Buffer.byteLength(JSON.stringify(operation), 'utf8') > CUSTOMERIO_LIMITS.requestBytes) {
    return [{ reason: 'too_long', message: `an operation cannot be larger than ${CUSTOMERIO_LIMITS.requestBytes} bytes` }];
  }
  if (operation['type'] === undefined) return [{ reason: 'required', field: 'type', message: 'type is required' }];
  if (operation['type'] === 'object') return applyObjectOperation(operation, store, now, identifiersOf);
  if (operation['type'] !== 'person') {
    return [{ reason: 'unsupported', field: 'type', message: `type ${JSON.stringify(operation['type'])} is not supported by the sandbox (person and object only)` }];
  }
  const action = operation['action'];
  if (action === undefined) return [{ reason: 'required', field: 'action', message: 'action is required' }];
  if (!(V2_PERSON_ACTIONS as readonly unknown[]).includes(action)) {
    return [{ reason: 'invalid', field: 'action', message: `action ${JSON.stringify(action)} is not one of ${V2_PERSON_ACTIONS.join(', ')}` }];
  }
  const identifiers = identifiersOf(operation['identifiers']);
  if ('reason' in identifiers) return [identifiers];
  const attributes = operation['attributes'];
  if (attributes !== undefined && !isHash(attributes)) return [{ reason: 'invalid', field: 'attributes', message: 'attributes must be a hash' }];
  switch (action) {
    case 'identify':
    case 'add_relationships':
    case 'delete_relationships': {
      const relationships = personRelationships(operation, String(action), store);
      const problems = [...(action === 'identify' ? attributeProblems(attributes ?? {}) : []), ...relationships.problems];
      if (problems.length > 0) return problems;
      if (action === 'identify') store.identify(identifiers, attributes ?? {}, now);
      relationships.apply(identifiers, now);
      return [];
    }
    case 'delete':
      store.delete(identifiers, now);
      return [];
    case 'suppress':
    case 'unsuppress':
      store.suppress(identifiers, action === 'suppress', now);
      return [];
    default: {
      const problems = eventProblems(operation['name'], attributes, operation['timestamp'], 'attributes');
      const id = operation['id'];
      if (id !== undefined && (typeof id !== 'string' || !ULID.test(id))) problems.push({ reason: 'invalid', field: 'id', message: 'id must be a valid ULID' });
      if (problems.length > 0) return problems;
      const timestamp = operation['timestamp'];
      store.track(
        identifiers,
        {
          type: action === 'event' ? 'event' : String(action),
          name: String(operation['name']),
          data: attributes ?? {},
          timestamp: timestamp === undefined || timestamp === null ? Math.floor(now / 1000) : Number(timestamp),
          ...(typeof operation['id'] === 'string' ? { id: operation['id'] } : {}),
        },
        now,
      );
      return [];
    }
  }
}

function parse(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw badRequest({ reason: 'invalid', message: 'request body is not valid JSON' });
  }
}

/** Answers a v2 request: [status, body], or undefined for an unknown route. */
export function routeV2(method: string, segments: string[], body: string, store: CioStore, now: number): [number, unknown] | undefined {
  if (method !== 'POST' || segments.length !== 1) return undefined;
  if (segments[0] === 'entity') {
    const problems = applyOperation(parse(body), store, now);
    if (problems.length > 0) throw new CioApiError(400, problems);
    return [200, {}];
  }
  if (segments[0] === 'batch') {
    if (Buffer.byteLength(body, 'utf8') > CUSTOMERIO_LIMITS.batchBytes) {
      throw badRequest({ reason: 'too_long', field: 'batch', message: `request body must be smaller than ${CUSTOMERIO_LIMITS.batchBytes / 1024}kb` });
    }
    const parsed = parse(body);
    const batch = isHash(parsed) ? parsed['batch'] : undefined;
    if (!Array.isArray(batch)) throw badRequest({ reason: 'required', field: 'batch', message: 'batch must be an array of operations' });
    const errors = batch.flatMap((operation, batchIndex) => applyOperation(operation, store, now).map((p) => ({ batch_index: batchIndex, ...p })));
    return errors.length > 0 ? [207, { errors }] : [200, {}];
  }
  return undefined;
}
