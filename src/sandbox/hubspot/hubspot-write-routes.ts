/**
 * The CRM write routes: `POST /crm/v3/objects/{type}/batch/create | update | upsert | archive`
 * (at most 100 inputs), `POST /crm/v4/associations/{from}/{to}/batch/create`
 * (and v3's) and v4 `batch/associate/default`. A request naming a property the type does not have, or a
 * read-only one, is refused whole with HubSpot's 400 VALIDATION_ERROR
 * ("Property values were not valid: [...]"); inputs that fail on their own
 * (no such record) leave the others applied and answer 207 with `errors`
 * and `numErrors`.
 */
import type { SyntheticCompany } from '../company/synthetic-company.js';
import { associationName, associationTypes } from './hubspot-associations.js';
import { HubSpotApiError, validationError } from './hubspot-errors.js';
import { CRM_TYPES, crmTypeOf, decodeCrmId, PORTAL_ID, PRODUCT_ORG_TYPE_ID, type CrmType } from './hubspot-ids.js';
import { listRecords } from './hubspot-list.js';
import { propertyDefinitions } from './hubspot-properties.js';
import { createdProperty, lastModifiedProperty, type CrmRecord } from './hubspot-records.js';
import { renderRecord } from './hubspot-render.js';
import type { CrmWrites } from './hubspot-writes.js';

/** Most inputs of one object batch write. */
export const BATCH_WRITE_LIMIT = 100;
/** Most inputs of one association batch create. */
export const ASSOCIATION_BATCH_LIMIT = 1000;

/** Properties an upsert can match on besides `hs_object_id`: email for contacts, and each type's unique-value custom id. */
export const UPSERT_ID_PROPERTIES: Readonly<Record<CrmType, readonly string[]>> = {
  contacts: ['email', 'product_user_id'],
  companies: ['organization_id'],
  deals: [],
  tickets: [],
  product_org: ['org_id'],
};

const OBJECT_TYPE_IDS: Readonly<Record<CrmType, string>> = { contacts: '0-1', companies: '0-2', deals: '0-3', tickets: '0-5', product_org: PRODUCT_ORG_TYPE_ID };
const UPPER: Readonly<Record<CrmType, string>> = { contacts: 'CONTACT', companies: 'COMPANY', deals: 'DEAL', tickets: 'TICKET', product_org: 'PRODUCT_ORG' };

/** What a write route sees. */
export interface WriteInput {
  company: SyntheticCompany;
  writes: CrmWrites;
  method: string;
  segments: string[];
  body: string;
  now: number;
}

/** A write route's answer. */
export interface WriteReply {
  status: number;
  body?: unknown;
}

/** One item of a 207's `errors`. */
export interface BatchError {
  status: 'error';
  category: string;
  message: string;
  context: Record<string, string[]>;
}

function match(segments: string[], ...pattern: string[]): boolean {
  return segments.length === pattern.length && pattern.every((p, k) => p.startsWith(':') || p === segments[k]);
}

function typeOf(name: string | undefined): CrmType {
  const type = name === undefined ? undefined : crmTypeOf(name);
  if (!type) throw new HubSpotApiError(400, 'OBJECT_NOT_FOUND', `Unable to infer object type from: ${name ?? ''}`);
  return type;
}

/** The `inputs` of a batch body; HubSpot's 400 when absent, malformed or over `limit`. */
export function inputsOf(body: string, limit: number): Record<string, unknown>[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body || '{}');
  } catch {
    throw validationError('Invalid input JSON on line 1: the request body is not valid JSON');
  }
  const inputs = (parsed as { inputs?: unknown } | null)?.inputs;
  if (!Array.isArray(inputs)) throw validationError('Invalid input JSON: inputs is required');
  if (inputs.length > limit) throw validationError(`Batch input limit exceeded: at most ${limit} inputs per request, got ${inputs.length}`);
  if (inputs.some((i) => typeof i !== 'object' || i === null || Array.isArray(i))) throw validationError('Invalid input JSON: each input must be an object');
  return inputs as Record<string, unknown>[];
}

interface PropertyProblem {
  isValid: false;
  message: string;
  error: string;
  name: string;
  localizedErrorMessage: string;
  portalId: number;
}

/** Checks every input's properties; throws HubSpot's 400 for unknown, read-only or off-list values. Returns them as strings. */
function checkedProperties(type: CrmType, inputs: Record<string, unknown>[], now: number): Record<string, string | null>[] {
  const defs = new Map(propertyDefinitions(type, new Date(now).toISOString()).map((d) => [d['name'] as string, d]));
  const readOnly = new Set(['hs_object_id', createdProperty(type), lastModifiedProperty(type)]);
  const problems: PropertyProblem[] = [];
  const problem = (name: string, error: string, message: string): void => {
    problems.push({ isValid: false, message, error, name, localizedErrorMessage: message, portalId: PORTAL_ID });
  };
  const out = inputs.map((input) => {
    const raw = input['properties'] ?? {};
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw validationError('Invalid input JSON: properties must be an object');
    const properties: Record<string, string | null> = {};
    for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
      const def = defs.get(name);
      if (!def) {
        problem(name, 'PROPERTY_DOESNT_EXIST', `Property "${name}" does not exist`);
        continue;
      }
      if (readOnly.has(name)) {
        problem(name, 'READ_ONLY_VALUE', `"${name}" is a read only property; its value cannot be set.`);
        continue;
      }
      const text = value === null || value === undefined ? null : typeof value === 'object' ? JSON.stringify(value) : String(value);
      const options = (def['options'] as { value: string }[]).map((o) => o.value);
      if (def['type'] === 'enumeration' && options.length > 0 && text !== null && text !== '' && !options.includes(text)) {
        problem(name, 'INVALID_OPTION', `${text} was not one of the allowed options: [${options.join(', ')}]`);
        continue;
      }
      if (def['type'] === 'number' && text !== null && text !== '' && !Number.isFinite(Number(text))) {
        problem(name, 'INVALID_DECIMAL', `${text} is not a valid decimal`);
        continue;
      }
      properties[name] = text;
    }
    return properties;
  });
  if (problems.length > 0) throw validationError(`Property values were not valid: ${JSON.stringify(problems)}`);
  return out;
}

function rejectDuplicates(ids: string[]): void {
  const seen = new Set<string>();
  const dupes = new Set(ids.filter((id) => (seen.has(id) ? true : (seen.add(id), false))));
  if (dupes.size > 0) throw validationError(`Duplicate IDs found in batch input: [${[...dupes].join(', ')}]. IDs must be unique`);
}

/** Finds live records of `type` by a unique property, for the values asked (one pass over the type's records). */
export function findByProperty(input: WriteInput, type: CrmType, property: string, values: readonly string[]): Map<string, CrmRecord> {
  const found = new Map<string, CrmRecord>();
  const wanted = new Set(values);
  if (wanted.size === 0) return found;
  if (property === 'hs_object_id') {
    for (const value of wanted) {
      const ref = decodeCrmId(type, value);
      const record = ref && input.writes.record(input.company, type, ref, input.now);
      if (record && record.archivedAt === undefined) found.set(value, record);
    }
    return found;
  }
  const consider = (r: CrmRecord): void => {
    const value = r.properties[property];
    if (r.archivedAt === undefined && value !== null && value !== undefined && wanted.has(value) && !found.has(value)) found.set(value, r);
  };
  let after: string | undefined;
  for (;;) {
    const page = listRecords(input.company, type, { limit: 10_000, after, archived: false, now: input.now });
    page.records.forEach((r) => consider(input.writes.overlay(r)));
    if (page.nextAfter === undefined) break;
    after = page.nextAfter;
  }
  input.writes.createdRecords(type, input.now).forEach(consider);
  return found;
}

/** The `idProperty` of an input (default `hs_object_id`); 400 when it is not a unique property of `type`. */
export function idPropertyOf(type: CrmType, value: unknown): string {
  const name = value === undefined || value === null || value === '' ? 'hs_object_id' : String(value);
  if (name !== 'hs_object_id' && !UPSERT_ID_PROPERTIES[type].includes(name)) {
    throw validationError(`${name} is not a unique property of ${type}; idProperty must be hs_object_id or a property with unique values (${UPSERT_ID_PROPERTIES[type].join(', ') || 'none'})`);
  }
  return name;
}

function rendered(record: CrmRecord, input: WriteInput, names: readonly string[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...renderRecord(record, { properties: names, now: input.now, company: input.company }), ...extra };
}

/** A batch answer: `status` with `results`, or 207 with `errors` and `numErrors` when some inputs failed. */
export function batchReply(status: number, results: unknown[], errors: BatchError[], now: number): WriteReply {
  const at = new Date(now).toISOString();
  const body: Record<string, unknown> = { status: 'COMPLETE', results, startedAt: at, completedAt: at };
  if (errors.length === 0) return { status, body };
  return { status: 207, body: { ...body, numErrors: errors.length, errors } };
}

/** HubSpot's OBJECT_NOT_FOUND item of a 207 for the inputs `ids`. */
export function notFoundError(type: CrmType, ids: string[]): BatchError {
  return {
    status: 'error',
    category: 'OBJECT_NOT_FOUND',
    message: `Could not get some ${UPPER[type]} objects, they may be deleted or not exist. Check that ids are valid.`,
    context: { ids },
  };
}

/** The records a batch/create input asks to associate with (`associations: [{ to: { id }, types }]`); 400 when one does not exist or a type does not fit. */
function createLinks(input: WriteInput, from: CrmType, value: unknown): { to: CrmType; id: string }[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw validationError('Invalid input JSON: associations must be an array');
  return value.map((a: { to?: { id?: unknown }; types?: { associationCategory?: unknown; associationTypeId?: unknown }[] }) => {
    const id = String(a?.to?.id ?? '');
    const spec = a?.types?.[0];
    const to = CRM_TYPES.find((t) => associationTypes(from, t).some((x) => x.category === spec?.associationCategory && x.typeId === Number(spec?.associationTypeId)));
    if (!to) throw validationError(`associations: ${String(spec?.associationCategory)}/${String(spec?.associationTypeId)} is not an association type of ${from}`);
    const ref = decodeCrmId(to, id);
    const record = ref && input.writes.record(input.company, to, ref, input.now);
    if (!record || record.archivedAt !== undefined) throw validationError(`associations: no ${UPPER[to]} with id ${id} exists`);
    return { to, id };
  });
}

function objectWrite(input: WriteInput, type: CrmType, action: string): WriteReply | undefined {
  const { writes, now } = input;
  const inputs = inputsOf(input.body, BATCH_WRITE_LIMIT);
  if (action === 'archive') {
    for (const item of inputs) {
      const id = String(item['id'] ?? '');
      const ref = decodeCrmId(type, id);
      const record = ref && writes.record(input.company, type, ref, now);
      if (record && record.archivedAt === undefined) writes.archive(type, id, now);
    }
    return { status: 204 };
  }
  if (action !== 'create' && action !== 'update' && action !== 'upsert') return undefined;
  const properties = checkedProperties(type, inputs, now);
  if (action === 'create') {
    const links = inputs.map((i) => createLinks(input, type, i['associations']));
    return batchReply(
      201,
      properties.map((p, k) => {
        const record = writes.create(type, p, now);
        for (const link of links[k] ?? []) writes.associate(type, record.id, link.to, link.id);
        return rendered(record, input, Object.keys(p));
      }),
      [],
      now,
    );
  }
  const ids = inputs.map((i) => String(i['id'] ?? ''));
  const idProperties = inputs.map((i) => idPropertyOf(type, i['idProperty']));
  rejectDuplicates(ids);
  const lookups = new Map<string, Map<string, CrmRecord>>();
  for (const property of new Set(idProperties)) {
    lookups.set(property, findByProperty(input, type, property, ids.filter((_, k) => idProperties[k] === property)));
  }
  const results: unknown[] = [];
  const missing: string[] = [];
  inputs.forEach((_, k) => {
    const id = ids[k] ?? '';
    const property = idProperties[k] ?? 'hs_object_id';
    const values = properties[k] ?? {};
    const existing = lookups.get(property)?.get(id);
    if (existing) {
      writes.update(type, existing.id, values, now);
      const after = writes.record(input.company, type, existing.ref, now) as CrmRecord;
      results.push(rendered(after, input, Object.keys(values), action === 'upsert' ? { new: false } : {}));
    } else if (action === 'upsert' && property !== 'hs_object_id') {
      const created = writes.create(type, { ...values, [property]: id }, now);
      results.push(rendered(created, input, [...Object.keys(values), property], { new: true }));
    } else {
      missing.push(id);
    }
  });
  return batchReply(200, results, missing.length > 0 ? [notFoundError(type, missing)] : [], now);
}

/** The 207 error of an association input whose record (either side) is missing or archived, if any. */
function missingRecord(input: WriteInput, from: CrmType, fromId: string, to: CrmType, toId: string): BatchError | undefined {
  const live = (type: CrmType, id: string): boolean => {
    const ref = decodeCrmId(type, id);
    const record = ref && input.writes.record(input.company, type, ref, input.now);
    return record !== undefined && record.archivedAt === undefined;
  };
  const fromLive = live(from, fromId);
  const absent = [...(fromLive ? [] : [fromId]), ...(live(to, toId) ? [] : [toId])];
  if (absent.length === 0) return undefined;
  return { status: 'error', category: 'OBJECT_NOT_FOUND', message: `No ${UPPER[fromLive ? to : from]} with id ${absent[0] ?? ''} exists`, context: { ids: absent } };
}

function associationCreate(input: WriteInput, from: CrmType, to: CrmType, v4: boolean): WriteReply {
  const { writes, now } = input;
  const inputs = inputsOf(input.body, ASSOCIATION_BATCH_LIMIT);
  const allowed = associationTypes(from, to);
  if (allowed.length === 0) throw validationError(`No association definitions exist between ${from} and ${to}`);
  const results: unknown[] = [];
  const errors: BatchError[] = [];
  for (const item of inputs) {
    const fromId = String((item['from'] as { id?: unknown } | undefined)?.id ?? '');
    const toId = String((item['to'] as { id?: unknown } | undefined)?.id ?? '');
    if (v4) {
      const types = item['types'];
      const ok =
        Array.isArray(types) &&
        types.length > 0 &&
        types.every((t: { associationCategory?: unknown; associationTypeId?: unknown }) =>
          allowed.some((a) => a.category === t?.associationCategory && a.typeId === Number(t?.associationTypeId)),
        );
      if (!ok) throw validationError(`types: each must be one of ${allowed.map((a) => `${a.category}/${a.typeId}`).join(', ')} for ${associationName(from, to)}`);
    } else if (item['type'] !== associationName(from, to)) {
      throw validationError(`type: must be ${associationName(from, to)}`);
    }
    const missing = missingRecord(input, from, fromId, to, toId);
    if (missing) {
      errors.push(missing);
      continue;
    }
    writes.associate(from, fromId, to, toId);
    results.push(
      v4
        ? { fromObjectTypeId: OBJECT_TYPE_IDS[from], fromObjectId: Number(fromId), toObjectTypeId: OBJECT_TYPE_IDS[to], toObjectId: Number(toId), labels: [] }
        : { from: { id: fromId }, to: { id: toId }, type: associationName(from, to) },
    );
  }
  return batchReply(201, results, errors, now);
}

/**
 * v4 `batch/associate/default`: the default (most generic, unlabeled) association of
 * each `{ from: { id }, to: { id } }`; inputs naming a missing record fail alone (207).
 */
function associationDefault(input: WriteInput, from: CrmType, to: CrmType): WriteReply {
  const { writes, now } = input;
  const inputs = inputsOf(input.body, ASSOCIATION_BATCH_LIMIT);
  const plain = associationTypes(from, to).find((t) => t.label === null);
  if (!plain) throw validationError(`No default association definition exists between ${from} and ${to}`);
  const results: unknown[] = [];
  const errors: BatchError[] = [];
  for (const item of inputs) {
    const fromId = String((item['from'] as { id?: unknown } | undefined)?.id ?? '');
    const toId = String((item['to'] as { id?: unknown } | undefined)?.id ?? '');
    const missing = missingRecord(input, from, fromId, to, toId);
    if (missing) {
      errors.push(missing);
      continue;
    }
    writes.associate(from, fromId, to, toId);
    results.push({ from: { id: fromId }, to: { id: toId }, associationSpec: { associationCategory: plain.category, associationTypeId: plain.typeId } });
  }
  return batchReply(200, results, errors, now);
}

/** Answers a write request, or undefined when it is not a write route. */
export function routeWrite(input: WriteInput): WriteReply | undefined {
  const s = input.segments;
  if (input.method !== 'POST') return undefined;
  if (match(s, 'crm', 'v3', 'objects', ':type', 'batch', ':action') && s[5] !== 'read') {
    return objectWrite(input, typeOf(s[3]), s[5] ?? '');
  }
  const v4 = match(s, 'crm', 'v4', 'associations', ':from', ':to', 'batch', 'create');
  if (v4 || match(s, 'crm', 'v3', 'associations', ':from', ':to', 'batch', 'create')) {
    return associationCreate(input, typeOf(s[3]), typeOf(s[4]), v4);
  }
  if (match(s, 'crm', 'v4', 'associations', ':from', ':to', 'batch', 'associate', 'default')) {
    return associationDefault(input, typeOf(s[3]), typeOf(s[4]));
  }
  return undefined;
}
