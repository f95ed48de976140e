/**
 * The database's document tree, enumerated on demand at a read time `t`:
 * which documents exist under a parent in a collection (or a collection
 * group), and which document a path names. Rows are cheap (name and times);
 * a row builds its full document only when asked, so a query that filters
 * and orders on names, `createdAt` or `updatedAt` builds only the documents
 * it returns. Enumeration walks organizations in signup order; the query
 * engine orders the rows. A page therefore costs a pass over the collection
 * as of the read time (a few microseconds per document: its id and times),
 * with memory bounded by the matching rows, never a stored index.
 */
import { decodeCollectionDocId, decodeSpaceId } from './firestore-ids.js';
import {
  collectionDocument, collectionPath, documentName, organizationDocument, organizationPath, spaceDocument, spacePath,
  userDocument, type DocumentContext,
} from './firestore-documents.js';
import { KIND, collectionCount, collectionCreatedAt, deletedAt, revisionAt, spaceCreatedAt } from './firestore-lifecycle.js';
import type { FirestoreDocument } from './firestore-values.js';

/** One document that exists at the read time. */
export interface DocRow {
  /** Path below the documents root (`users/abc`). */
  path: string;
  /** Full resource name. */
  name: string;
  createTime: number;
  updateTime: number;
  /** The full document (computed on demand). */
  build(): FirestoreDocument;
}

/** Top-level collections, in the order listCollectionIds sorts them. */
export const ROOT_COLLECTIONS = ['organizations', 'spaces', 'users'] as const;
/** The subcollection of each space. */
export const SPACE_SUBCOLLECTION = 'collections';

function row(ctx: DocumentContext, path: string, createTime: number, updateTime: number, build: () => FirestoreDocument): DocRow {
  let cached: FirestoreDocument | undefined;
  return { path, name: documentName(ctx, path), createTime, updateTime, build: () => (cached ??= build()) };
}

function organizationRow(ctx: DocumentContext, i: number, t: number): DocRow {
  const created = ctx.company.organization(i).createdAt;
  const { updatedAt } = revisionAt(ctx.company.seed, KIND.organization, [i], created, t, deletedAt(ctx.company, i));
  return row(ctx, organizationPath(ctx, i), created, updatedAt, () => organizationDocument(ctx, i, t));
}

function userRow(ctx: DocumentContext, i: number, k: number, t: number, gone = deletedAt(ctx.company, i)): DocRow | undefined {
  const user = ctx.company.user(i, k);
  const created = user.createdAt;
  if (created > t || (gone !== undefined && created >= gone)) return undefined;
  const { updatedAt } = revisionAt(ctx.company.seed, KIND.user, [i, k], created, t, gone);
  return row(ctx, `users/${user.id}`, created, updatedAt, () => userDocument(ctx, i, k, t));
}

function spaceExists(ctx: DocumentContext, i: number, k: number, t: number): boolean {
  const gone = deletedAt(ctx.company, i);
  return spaceCreatedAt(ctx.company, i, k) <= t && (gone === undefined || t < gone);
}

function spaceRow(ctx: DocumentContext, i: number, k: number, t: number): DocRow | undefined {
  if (!spaceExists(ctx, i, k, t)) return undefined;
  const created = spaceCreatedAt(ctx.company, i, k);
  const { updatedAt } = revisionAt(ctx.company.seed, KIND.space, [i, k], created, t);
  return row(ctx, spacePath(ctx, i, k), created, updatedAt, () => spaceDocument(ctx, i, k, t));
}

function collectionRow(ctx: DocumentContext, i: number, k: number, c: number, t: number): DocRow | undefined {
  if (c >= collectionCount(ctx.company, i, k) || !spaceExists(ctx, i, k, t)) return undefined;
  const created = collectionCreatedAt(ctx.company, i, k, c);
  if (created > t) return undefined;
  const { updatedAt } = revisionAt(ctx.company.seed, KIND.collection, [i, k, c], created, t);
  return row(ctx, collectionPath(ctx, i, k, c), created, updatedAt, () => collectionDocument(ctx, i, k, c, t));
}

function* spaceCollections(ctx: DocumentContext, i: number, k: number, t: number): Generator<DocRow> {
  const n = collectionCount(ctx.company, i, k);
  for (let c = 0; c < n; c++) {
    const r = collectionRow(ctx, i, k, c, t);
    if (r) yield r;
  }
}

/** Every document of top-level collection (or collection group) `collectionId` at `t`. */
function* everywhere(ctx: DocumentContext, collectionId: string, group: boolean, t: number): Generator<DocRow> {
  const { company } = ctx;
  const n = company.countAt(t);
  for (let i = 0; i < n; i++) {
    const org = company.organization(i);
    if (collectionId === 'organizations') yield organizationRow(ctx, i, t);
    else if (collectionId === 'users') {
      const gone = deletedAt(company, i);
      for (let k = 0; k < org.userCount; k++) {
        const r = userRow(ctx, i, k, t, gone);
        if (r) yield r;
      }
    } else if (collectionId === 'spaces' || (group && collectionId === SPACE_SUBCOLLECTION)) {
      for (let k = 0; k < org.spaceCount; k++) {
        if (collectionId === 'spaces') {
          const r = spaceRow(ctx, i, k, t);
          if (r) yield r;
        } else yield* spaceCollections(ctx, i, k, t);
      }
    }
  }
}

/** The space a path (`spaces/{id}`) names, if it exists at `t`. */
function spaceAt(ctx: DocumentContext, segments: readonly string[], t: number): { i: number; k: number } | undefined {
  if (segments.length !== 2 || segments[0] !== 'spaces') return undefined;
  const d = decodeSpaceId(ctx.company.seed, segments[1] ?? '');
  if (!d || d.i >= ctx.company.countAt(t) || d.k >= ctx.company.organization(d.i).spaceCount) return undefined;
  return spaceExists(ctx, d.i, d.k, t) ? d : undefined;
}

/**
 * Documents in `collectionId` under `parentPath` ('' = the root) at `t`;
 * with `allDescendants`, in every collection of that id below the parent
 * (a collection-group query).
 */
export function* scanRows(ctx: DocumentContext, t: number, parentPath: string, collectionId: string, allDescendants: boolean): Generator<DocRow> {
  if (parentPath === '') {
    if ((ROOT_COLLECTIONS as readonly string[]).includes(collectionId) || allDescendants) yield* everywhere(ctx, collectionId, allDescendants, t);
    return;
  }
  const space = spaceAt(ctx, parentPath.split('/'), t);
  if (space && collectionId === SPACE_SUBCOLLECTION) yield* spaceCollections(ctx, space.i, space.k, t);
}

/** The document at `path` (below the root) if it exists at `t`. */
export function findRow(ctx: DocumentContext, t: number, path: string): DocRow | undefined {
  const segments = path.split('/');
  const [collection, id = ''] = segments;
  const { company } = ctx;
  if (segments.length === 2 && (collection === 'organizations' || collection === 'users')) {
    // Product ids do not decode: scan (cheap at sandbox scales).
    const n = company.countAt(t);
    for (let i = 0; i < n; i++) {
      if (collection === 'organizations') {
        if (company.organization(i).id === id) return organizationRow(ctx, i, t);
        continue;
      }
      const users = company.organization(i).userCount;
      for (let k = 0; k < users; k++) if (company.user(i, k).id === id) return userRow(ctx, i, k, t);
    }
    return undefined;
  }
  if (segments.length === 2) {
    const space = spaceAt(ctx, segments, t);
    return space ? spaceRow(ctx, space.i, space.k, t) : undefined;
  }
  if (segments.length === 4 && segments[2] === SPACE_SUBCOLLECTION) {
    const space = spaceAt(ctx, segments.slice(0, 2), t);
    const d = decodeCollectionDocId(company.seed, segments[3] ?? '');
    if (!space || !d || d.i !== space.i || d.k !== space.k) return undefined;
    return collectionRow(ctx, d.i, d.k, d.c, t);
  }
  return undefined;
}

/** Ids of the collections directly under `parentPath` ('' = the root) at `t`, sorted. */
export function collectionIdsUnder(ctx: DocumentContext, t: number, parentPath: string): string[] {
  if (parentPath === '') return ctx.company.countAt(t) > 0 ? [...ROOT_COLLECTIONS] : [];
  const space = spaceAt(ctx, parentPath.split('/'), t);
  if (!space) return [];
  return spaceCollections(ctx, space.i, space.k, t).next().done ? [] : [SPACE_SUBCOLLECTION];
}
