/**
 * Firestore's REST `runQuery`, as the connector calls it: one POST per page
 * on the collection's parent (`.../documents` or a document path), a
 * structured query in, the documents of the JSON array of
 * RunQueryResponse out.
 */
import type { Logger } from '../../../core/logger.js';
import { fullJitterDelay } from '../../http/backoff.js';
import type { HttpClient } from '../../http/http-client.js';
import { HttpError } from '../../http/http-error.js';
import { sleep } from '../../http/sleep.js';
import type { FirestoreCollectionConfig } from './firestore-config.js';

type Json = Record<string, unknown>;

/** What every stream of one connection shares. */
export interface FirestoreRuntime {
  client: HttpClient;
  /** `projects/{p}/databases/{d}/documents`. */
  root: string;
  pageSize: number;
  /** Retries of a query that failed in a way the HTTP client does not retry for a POST. */
  readRetry: { attempts: number; baseDelayMs: number; maxDelayMs: number };
  logger: Logger;
}

/** Where a configured collection is queried: the parent below the root, the collection id, and whether it is a group. */
export interface CollectionTarget {
  parent: string;
  collectionId: string;
  allDescendants: boolean;
}

/** The query target of a configured collection. */
export function targetOf(c: FirestoreCollectionConfig): CollectionTarget {
  const segments = c.name.split('/');
  return { parent: segments.slice(0, -1).join('/'), collectionId: segments[segments.length - 1] ?? c.name, allDescendants: c.collection_group };
}

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Whether a failed query is worth sending again. runQuery is a read, so it is
 * safe to repeat; the HTTP client retries POSTs only on 429 and 503, so
 * dropped connections, timeouts and Google's other transient statuses
 * (500 INTERNAL, 502, 504 DEADLINE_EXCEEDED, 409 ABORTED) are retried here.
 */
function transient(err: unknown): boolean {
  if (!(err instanceof HttpError)) return false;
  if (err.code === 'HTTP_NETWORK' || err.code === 'HTTP_TIMEOUT') return true;
  return err.code === 'HTTP_STATUS' && [409, 500, 502, 504].includes(err.status ?? 0);
}

/** Runs a structured query; resolves to the documents in order. */
export async function runQuery(rt: FirestoreRuntime, target: CollectionTarget, query: Json, signal: AbortSignal): Promise<Json[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await runQueryOnce(rt, target, query, signal);
    } catch (err) {
      if (!transient(err) || attempt >= rt.readRetry.attempts || signal.aborted) throw err;
      rt.logger.warn('firestore query failed; retrying', { attempt, error: (err as Error).message });
      await sleep(fullJitterDelay(attempt, rt.readRetry), signal);
    }
  }
}

async function runQueryOnce(rt: FirestoreRuntime, target: CollectionTarget, query: Json, signal: AbortSignal): Promise<Json[]> {
  const parent = target.parent === '' ? rt.root : `${rt.root}/${target.parent}`;
  const structuredQuery = { from: [{ collectionId: target.collectionId, allDescendants: target.allDescendants }], ...query };
  const response = await rt.client.request({ method: 'POST', url: `/v1/${parent}:runQuery`, json: { structuredQuery } }, { signal });
  const body = response.json<unknown>();
  if (!Array.isArray(body)) {
    throw new HttpError('HTTP_RESPONSE', `${response.url}: runQuery did not answer an array of results`, { url: response.url, method: 'POST', status: response.status });
  }
  return body.filter(isObj).flatMap((item) => (isObj(item['document']) ? [item['document']] : []));
}
