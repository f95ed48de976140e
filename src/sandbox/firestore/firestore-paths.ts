/**
 * Firestore REST paths: `/v1/projects/{project}/databases/{database}/documents[/{path}][:{verb}]`
 * split into the database, the document or collection path below it, and
 * the custom verb (`runQuery`, `batchGet`, `listCollectionIds`, ...). Checks
 * the project and database as Firestore answers for others.
 */
import { GoogleApiError, notFound } from '../google/google-errors.js';
import { GOOGLE_SANDBOX_PROJECT } from '../google/sandbox-service-account.js';

/** The only database the sandbox project has. */
export const DEFAULT_DATABASE = '(default)';

/** A parsed Firestore request path. */
export interface FirestorePath {
  project: string;
  database: string;
  /** `projects/{p}/databases/{d}/documents`. */
  root: string;
  /** Segments below `documents` (empty for the root). */
  segments: string[];
  /** The custom verb after `:`, if any. */
  verb: string | undefined;
}

/** Parses `path`; undefined when it is not a Firestore documents path. */
export function parseFirestorePath(path: string): FirestorePath | undefined {
  const raw = path.split('/').filter((s) => s !== '');
  if (raw.length < 6 || raw[0] !== 'v1' || raw[1] !== 'projects' || raw[3] !== 'databases') return undefined;
  let segments: string[];
  try {
    segments = raw.map(decodeURIComponent);
  } catch {
    return undefined;
  }
  const last = segments[segments.length - 1] ?? '';
  const colon = last.indexOf(':');
  let verb: string | undefined;
  if (colon >= 0) {
    verb = last.slice(colon + 1);
    segments[segments.length - 1] = last.slice(0, colon);
  }
  if (segments[5] !== 'documents') return undefined;
  const project = segments[2] ?? '';
  const database = segments[4] ?? '';
  return { project, database, root: `projects/${project}/databases/${database}/documents`, segments: segments.slice(6), verb };
}

/** Throws Firestore's answer for a project or database other than the sandbox's. */
export function checkDatabase(path: FirestorePath): void {
  if (path.project !== GOOGLE_SANDBOX_PROJECT) {
    throw new GoogleApiError(403, `Permission denied on resource project ${path.project}.`, 'PERMISSION_DENIED');
  }
  if (path.database !== DEFAULT_DATABASE) {
    throw notFound(
      `The database ${path.database} does not exist for project ${path.project} Please visit https://console.cloud.google.com/datastore/setup?project=${path.project} to add a Cloud Datastore or Cloud Firestore database.`,
    );
  }
}

/** The full name of a path below the root. */
export function fullName(path: FirestorePath, relative: string): string {
  return relative === '' ? path.root : `${path.root}/${relative}`;
}

/** The path below the root that a full document name names, or undefined when it is in another database. */
export function relativeName(root: string, name: string): string | undefined {
  return name.startsWith(`${root}/`) ? name.slice(root.length + 1) : undefined;
}
