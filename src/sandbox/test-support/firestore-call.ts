/**
 * Test helper: calls the Firestore fake with an access token the sandbox's
 * Google token endpoint would issue, and decodes Firestore values for
 * assertions.
 */
import { issueAccessToken } from '../google/google-tokens.js';
import { GOOGLE_SANDBOX_CLIENT_EMAIL } from '../google/sandbox-service-account.js';
import type { FirestoreDocument } from '../firestore/firestore-values.js';

const SCOPE = 'https://www.googleapis.com/auth/datastore';

/** `projects/basin-sandbox/databases/(default)/documents`. */
export const FIRESTORE_ROOT = 'projects/basin-sandbox/databases/(default)/documents';

/** A response: status and parsed JSON body. */
export interface FirestoreReply<T> {
  status: number;
  body: T;
}

/** Sends `method path` (below `<base>/v1/`) with a valid bearer token. */
export async function firestoreCall<T = unknown>(base: string, method: string, path: string, body?: unknown, token?: string): Promise<FirestoreReply<T>> {
  const auth = token ?? issueAccessToken(GOOGLE_SANDBOX_CLIENT_EMAIL, [SCOPE], Date.now());
  const res = await fetch(`${base}/v1/${path}`, {
    method,
    headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

/** One element of runQuery's array. */
export interface RunQueryItem {
  document?: FirestoreDocument;
  readTime: string;
  skippedResults?: number;
}

/** Runs a structured query on `parent` (below the root; '' for the root). */
export async function runQuery(base: string, structuredQuery: unknown, parent = ''): Promise<FirestoreReply<RunQueryItem[]>> {
  const name = parent === '' ? FIRESTORE_ROOT : `${FIRESTORE_ROOT}/${parent}`;
  return firestoreCall<RunQueryItem[]>(base, 'POST', `${name}:runQuery`, { structuredQuery });
}

/** The documents of a runQuery reply. */
export function documentsOf(reply: FirestoreReply<RunQueryItem[]>): FirestoreDocument[] {
  if (reply.status !== 200) throw new Error(`runQuery failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body.flatMap((r) => (r.document ? [r.document] : []));
}

/** Every document of a collection (or group), paging by name with startAt cursors. */
export async function queryAll(base: string, collectionId: string, allDescendants = false, pageSize = 300): Promise<FirestoreDocument[]> {
  const out: FirestoreDocument[] = [];
  for (;;) {
    const last = out[out.length - 1];
    const docs = documentsOf(
      await runQuery(base, {
        from: [{ collectionId, allDescendants }],
        orderBy: [{ field: { fieldPath: '__name__' }, direction: 'ASCENDING' }],
        ...(last ? { startAt: { values: [{ referenceValue: last.name }], before: false } } : {}),
        limit: pageSize,
      }),
    );
    out.push(...docs);
    if (docs.length < pageSize) return out;
  }
}
