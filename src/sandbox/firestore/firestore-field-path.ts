/**
 * Firestore field paths (`a.b`, `` `odd key`.c ``, `__name__`): parsing, and
 * reading a field of a document row (`__name__` is the document's name as a
 * reference; `createdAt` / `updatedAt` come from the row's times without
 * building the document, as every document of the fake mirrors them).
 */
import { invalidArgument } from '../google/google-errors.js';
import type { DocRow } from './firestore-catalog.js';
import { refV, tsV, type FirestoreValue } from './firestore-values.js';

/** A parsed field path: its segments. */
export type FieldPath = readonly string[];

export const NAME_FIELD = '__name__';

/** Parses a field path string; throws 400 INVALID_ARGUMENT when malformed. */
export function parseFieldPath(text: string): FieldPath {
  const segments: string[] = [];
  let k = 0;
  const bad = () => invalidArgument(`Invalid property path "${text}".`);
  while (k < text.length) {
    if (text[k] === '`') {
      let seg = '';
      k++;
      while (k < text.length && text[k] !== '`') {
        if (text[k] === '\\') k++;
        seg += text[k] ?? '';
        k++;
      }
      if (text[k] !== '`' || seg === '') throw bad();
      segments.push(seg);
      k++;
    } else {
      const m = /^[A-Za-z_][A-Za-z_0-9]*/.exec(text.slice(k));
      if (!m) throw bad();
      segments.push(m[0]);
      k += m[0].length;
    }
    if (k < text.length) {
      if (text[k] !== '.' || k === text.length - 1) throw bad();
      k++;
    }
  }
  if (segments.length === 0) throw bad();
  return segments;
}

/** Whether a path is the document name. */
export function isNamePath(path: FieldPath): boolean {
  return path.length === 1 && path[0] === NAME_FIELD;
}

/** Reads `path` in a map of fields; undefined when absent. */
export function valueIn(fields: Record<string, FirestoreValue> | undefined, path: FieldPath): FirestoreValue | undefined {
  let current: Record<string, FirestoreValue> | undefined = fields;
  for (let k = 0; k < path.length; k++) {
    const v: FirestoreValue | undefined = current?.[path[k] ?? ''];
    if (k === path.length - 1) return v;
    current = v?.mapValue?.fields;
  }
  return undefined;
}

/** The value of `path` in a row's document (undefined when the field is missing). */
export function rowValue(row: DocRow, path: FieldPath): FirestoreValue | undefined {
  if (path.length === 1) {
    if (path[0] === NAME_FIELD) return refV(row.name);
    if (path[0] === 'createdAt') return tsV(row.createTime);
    if (path[0] === 'updatedAt') return tsV(row.updateTime);
  }
  return valueIn(row.build().fields, path);
}

/** Copies the fields named by `paths` out of `fields` (a projection). */
export function project(fields: Record<string, FirestoreValue>, paths: readonly FieldPath[]): Record<string, FirestoreValue> {
  const out: Record<string, FirestoreValue> = {};
  for (const path of paths) {
    if (isNamePath(path)) continue;
    const v = valueIn(fields, path);
    if (v === undefined) continue;
    let target = out;
    for (let k = 0; k < path.length - 1; k++) {
      const key = path[k] ?? '';
      const next: FirestoreValue = target[key] ?? { mapValue: { fields: {} } };
      target[key] = next;
      next.mapValue ??= { fields: {} };
      next.mapValue.fields ??= {};
      target = next.mapValue.fields;
    }
    target[path[path.length - 1] ?? ''] = v;
  }
  return out;
}
