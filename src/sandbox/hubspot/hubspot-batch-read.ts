/**
 * `POST /crm/v3/objects/{type}/batch/read`: records by id, or by the values of
 * a unique property (`idProperty`), at most 100 inputs, with the `properties`
 * asked. Live records only (archived ones read as missing). Ids or values no
 * live record has answer 207 with HubSpot's OBJECT_NOT_FOUND error listing
 * them; the others are in `results`. A read, so never in `received()`.
 */
import { HubSpotApiError, validationError } from './hubspot-errors.js';
import { crmTypeOf } from './hubspot-ids.js';
import { propertyList, renderRecord } from './hubspot-render.js';
import { BATCH_WRITE_LIMIT, batchReply, findByProperty, idPropertyOf, inputsOf, notFoundError, type WriteInput, type WriteReply } from './hubspot-write-routes.js';

function properties(raw: unknown): string[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw) || raw.some((p) => typeof p !== 'string')) throw validationError('Invalid input JSON: properties must be an array of strings');
  return propertyList(raw as string[]);
}

/** Answers a batch read, or undefined when the request is not one. */
export function routeBatchRead(input: WriteInput): WriteReply | undefined {
  const s = input.segments;
  if (input.method !== 'POST' || s.length !== 6 || s[0] !== 'crm' || s[1] !== 'v3' || s[2] !== 'objects' || s[4] !== 'batch' || s[5] !== 'read') return undefined;
  const type = crmTypeOf(s[3] ?? '');
  if (!type) throw new HubSpotApiError(400, 'OBJECT_NOT_FOUND', `Unable to infer object type from: ${s[3] ?? ''}`);
  const inputs = inputsOf(input.body, BATCH_WRITE_LIMIT);
  const body = JSON.parse(input.body) as { idProperty?: unknown; properties?: unknown };
  const idProperty = idPropertyOf(type, body.idProperty);
  const names = properties(body.properties);
  const ids = inputs.map((i) => String(i['id'] ?? ''));
  const found = findByProperty(input, type, idProperty, ids);
  const results: unknown[] = [];
  const missing: string[] = [];
  for (const id of new Set(ids)) {
    const record = found.get(id);
    if (record) results.push(renderRecord(record, { properties: names, now: input.now, company: input.company }));
    else missing.push(id);
  }
  return batchReply(200, results, missing.length > 0 ? [notFoundError(type, missing)] : [], input.now);
}
