/**
 * The CRM calls the destination makes, over the writer's HTTP client: object
 * batch requests (`/crm/v3/objects/{type}/batch/{action}`), reads of ids by a
 * unique property, and v4 default associations. A 400 comes back as a
 * `Refusal` for the caller to judge; other failures throw the client's HttpError.
 */
import { HttpError, type HttpClient } from '../../../ingest/http/index.js';
import { batchErrorItems, parseBody, refusalOf, type BatchErrorItem, type Refusal } from './hubspot-errors.js';
import { HUBSPOT_ASSOCIATION_BATCH, HUBSPOT_MAX_BATCH } from './hubspot-config.js';
import { RECORD_ID } from './hubspot-target.js';

/** One record of a batch answer. */
export interface BatchRecord {
  id: string;
  properties: Record<string, string | null>;
}

/** A batch answer: what was done, and the inputs that failed on their own. */
export type BatchAnswer = { refused: false; results: BatchRecord[]; errors: BatchErrorItem[] } | { refused: true; refusal: Refusal; error: HttpError };

const path = (...segments: string[]): string => `/${segments.map(encodeURIComponent).join('/')}`;

/** POSTs a batch; `idempotent` when resending cannot duplicate anything (everything but create). */
export async function postBatch(http: HttpClient, url: string, body: unknown, options: { signal?: AbortSignal | undefined; idempotent: boolean }): Promise<BatchAnswer> {
  const response = await http.request({ method: 'POST', url, json: body }, { signal: options.signal, idempotent: options.idempotent, acceptStatuses: [400] });
  if (response.status === 400) {
    const refusal = refusalOf(response.text);
    const error = new HttpError('HTTP_STATUS', `POST ${response.url}: HubSpot refused the batch (400 ${refusal.category}): ${refusal.message}`, {
      url: response.url,
      method: 'POST',
      status: 400,
      bodyExcerpt: response.text.slice(0, 500),
    });
    return { refused: true, refusal, error };
  }
  const parsed = parseBody(response.text) as { results?: unknown } | undefined;
  const results = Array.isArray(parsed?.results)
    ? (parsed.results as Array<{ id?: unknown; properties?: Record<string, string | null> }>).map((r) => ({ id: String(r?.id ?? ''), properties: r?.properties ?? {} }))
    : [];
  return { refused: false, results, errors: batchErrorItems(parsed) };
}

/** The object batch endpoint of `action` (create, update, upsert, archive, read). */
export function objectBatchUrl(object: string, action: string): string {
  return path('crm', 'v3', 'objects', object, 'batch', action);
}

/** A value of a unique property as HubSpot compares it (emails are case-insensitive). */
export function normalizedKey(idProperty: string, value: string): string {
  return idProperty === 'email' ? value.trim().toLowerCase() : value;
}

/** Ids found by `idsByProperty`, or the refusal of the lookup (e.g. `idProperty` is not a unique property). */
export type IdLookup = { found: Map<string, string>; refused?: undefined } | { found?: undefined; refused: { refusal: Refusal; error: HttpError } };

/**
 * Record ids of `object` by the values of `idProperty` (normalized values ->
 * id); values no live record has are absent. `hs_object_id` values are their
 * own ids, unchecked.
 */
export async function idsByProperty(http: HttpClient, object: string, idProperty: string, values: readonly string[], signal: AbortSignal | undefined): Promise<IdLookup> {
  const found = new Map<string, string>();
  const unique = [...new Set(values)];
  if (idProperty === RECORD_ID) {
    for (const v of unique) found.set(v, v);
    return { found };
  }
  for (let i = 0; i < unique.length; i += HUBSPOT_MAX_BATCH) {
    const chunk = unique.slice(i, i + HUBSPOT_MAX_BATCH);
    const answer = await postBatch(http, objectBatchUrl(object, 'read'), { idProperty, properties: [idProperty], inputs: chunk.map((id) => ({ id })) }, { signal, idempotent: true });
    if (answer.refused) return { refused: { refusal: answer.refusal, error: answer.error } };
    for (const r of answer.results) {
      const value = r.properties[idProperty];
      if (typeof value === 'string') found.set(normalizedKey(idProperty, value), r.id);
    }
  }
  return { found };
}

/** One default association to create. */
export interface AssociationPair {
  from: string;
  to: string;
}

/** Creates the default association of each pair; returns the error items (by the ids they name). */
export async function associateDefault(
  http: HttpClient,
  from: string,
  to: string,
  pairs: readonly AssociationPair[],
  signal: AbortSignal | undefined,
): Promise<{ errors: BatchErrorItem[]; refusal?: Refusal }> {
  const errors: BatchErrorItem[] = [];
  for (let i = 0; i < pairs.length; i += HUBSPOT_ASSOCIATION_BATCH) {
    const chunk = pairs.slice(i, i + HUBSPOT_ASSOCIATION_BATCH);
    const url = path('crm', 'v4', 'associations', from, to, 'batch', 'associate', 'default');
    // Associating twice is a no-op: safe to resend.
    const answer = await postBatch(http, url, { inputs: chunk.map((p) => ({ from: { id: p.from }, to: { id: p.to } })) }, { signal, idempotent: true });
    if (answer.refused) return { errors, refusal: answer.refusal };
    errors.push(...answer.errors);
  }
  return { errors };
}
