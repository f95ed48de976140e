/**
 * Custom objects of the Track API v2 (`type: "object"`): objects keyed by
 * `{ object_type_id, object_id }` with attributes (merged as a person's are),
 * and relationships between objects and people (`cio_relationships`). Object
 * actions: identify, delete, add_relationships, delete_relationships; a
 * person's identify, add_relationships and delete_relationships name objects
 * in their `cio_relationships`. Checks return problems, as the other v2 checks do.
 */
import type { CioProblem } from './customerio-errors.js';
import { attributeProblems, isHash } from './customerio-limits.js';

/** Object actions the sandbox applies. */
export const V2_OBJECT_ACTIONS = ['identify', 'delete', 'add_relationships', 'delete_relationships'] as const;

/** Customer.io's limit of an object_id (characters). */
export const OBJECT_ID_MAX_CHARS = 150;

/** An object's identifiers: its type (the workspace's numeric type id, as text) and id. */
export interface CioObjectKey {
  object_type_id: string;
  object_id: string;
}

/** An object as the workspace holds it. */
export interface CioObject extends CioObjectKey {
  attributes: Record<string, unknown>;
  /** Sandbox times (epoch ms). */
  createdAt: number;
  updatedAt: number;
}

/** A relationship between an object and a person (by the person's cio_id). */
export interface CioRelationship extends CioObjectKey {
  cio_id: string;
  attributes: Record<string, unknown>;
}

/** A deleted object. */
export interface CioObjectDeletion extends CioObjectKey {
  at: number;
}

const keyOf = (k: CioObjectKey): string => `${k.object_type_id}\u0000${k.object_id}`;

function text(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const s = String(value);
  return s.trim() === '' ? undefined : s;
}

/** The object identifiers in `value`, or the problem with them (`field` names where they were). */
export function objectKeyOf(value: unknown, field = 'identifiers'): CioObjectKey | CioProblem {
  if (!isHash(value)) return { reason: 'required', field, message: `${field} is required` };
  const typeId = value['object_type_id'];
  if (typeId === undefined || typeId === null) return { reason: 'required', field: `${field}.object_type_id`, message: `${field}.object_type_id is required` };
  const type = text(typeId);
  if (type === undefined || !/^[1-9]\d*$/.test(type)) {
    return { reason: 'invalid', field: `${field}.object_type_id`, message: `${field}.object_type_id must be the id of an object type (a positive integer as a string)` };
  }
  const rawId = value['object_id'];
  if (rawId === undefined || rawId === null) return { reason: 'required', field: `${field}.object_id`, message: `${field}.object_id is required` };
  const id = text(rawId);
  if (id === undefined) return { reason: 'invalid', field: `${field}.object_id`, message: `${field}.object_id must be a non-empty string` };
  if ([...id].length > OBJECT_ID_MAX_CHARS) return { reason: 'too_long', field: `${field}.object_id`, message: `${field}.object_id cannot be longer than ${OBJECT_ID_MAX_CHARS} characters` };
  return { object_type_id: type, object_id: id };
}

/** Whether a parse result is a problem (identifiers never hold `reason` and `message`). */
export function isProblem(value: unknown): value is CioProblem {
  return isHash(value) && typeof value['reason'] === 'string' && typeof value['message'] === 'string';
}

/** One parsed `cio_relationships` item: the other side's identifiers and the relationship's attributes. */
export interface RelationshipItem<T> {
  identifiers: T;
  attributes: Record<string, unknown>;
}

/**
 * Parses `cio_relationships` (an array of `{ identifiers, relationship_attributes? }`),
 * each identifiers checked by `parse`; returns the items or the problems.
 */
export function relationshipsOf<T>(
  value: unknown,
  parse: (identifiers: unknown, field: string) => T | CioProblem,
  required: boolean,
): { items: Array<RelationshipItem<T>>; problems: CioProblem[] } {
  if (value === undefined || value === null) {
    return required ? { items: [], problems: [{ reason: 'required', field: 'cio_relationships', message: 'cio_relationships is required' }] } : { items: [], problems: [] };
  }
  if (!Array.isArray(value)) return { items: [], problems: [{ reason: 'invalid', field: 'cio_relationships', message: 'cio_relationships must be an array' }] };
  if (required && value.length === 0) return { items: [], problems: [{ reason: 'required', field: 'cio_relationships', message: 'cio_relationships must not be empty' }] };
  const items: Array<RelationshipItem<T>> = [];
  const problems: CioProblem[] = [];
  value.forEach((item: unknown, i) => {
    const field = `cio_relationships[${i}]`;
    if (!isHash(item)) {
      problems.push({ reason: 'invalid', field, message: `${field} must be an object with identifiers` });
      return;
    }
    const identifiers = parse(item['identifiers'], `${field}.identifiers`);
    if (isProblem(identifiers)) {
      problems.push(identifiers);
      return;
    }
    const attributes = item['relationship_attributes'];
    if (attributes !== undefined && attributes !== null && !isHash(attributes)) {
      problems.push({ reason: 'invalid', field: `${field}.relationship_attributes`, message: `${field}.relationship_attributes must be a hash` });
      return;
    }
    const found = attributeProblems(attributes ?? {}, `${field}.relationship_attributes`);
    if (found.length > 0) problems.push(...found);
    else items.push({ identifiers: identifiers as T, attributes: attributes ?? {} });
  });
  return { items, problems };
}

/** The workspace's objects and relationships. */
export class CioObjectStore {
  private readonly byKey = new Map<string, CioObject>();
  private readonly relations = new Map<string, CioRelationship>();
  private readonly deletionList: CioObjectDeletion[] = [];

  objects(): CioObject[] {
    return [...this.byKey.values()];
  }

  object(key: CioObjectKey): CioObject | undefined {
    return this.byKey.get(keyOf(key));
  }

  relationships(): CioRelationship[] {
    return [...this.relations.values()];
  }

  deletions(): readonly CioObjectDeletion[] {
    return this.deletionList;
  }

  /** Creates the object when missing and merges `attributes` (null or empty removes one). */
  identify(key: CioObjectKey, attributes: Record<string, unknown>, now: number): CioObject {
    let object = this.byKey.get(keyOf(key));
    if (!object) {
      object = { ...key, attributes: {}, createdAt: now, updatedAt: now };
      this.byKey.set(keyOf(key), object);
    }
    for (const [name, value] of Object.entries(attributes)) {
      if (value === null || value === '') delete object.attributes[name];
      else object.attributes[name] = value;
    }
    object.updatedAt = now;
    return object;
  }

  /** Deletes the object and its relationships, and records the deletion. */
  delete(key: CioObjectKey, now: number): void {
    this.byKey.delete(keyOf(key));
    this.forget((r) => keyOf(r) === keyOf(key));
    this.deletionList.push({ ...key, at: now });
  }

  /** Relates the object (created when missing) and the person; attributes merged into an existing relationship. */
  relate(key: CioObjectKey, cioId: string, attributes: Record<string, unknown>, now: number): void {
    if (!this.byKey.has(keyOf(key))) this.identify(key, {}, now);
    const id = `${keyOf(key)}\u0000${cioId}`;
    const existing = this.relations.get(id);
    this.relations.set(id, { object_type_id: key.object_type_id, object_id: key.object_id, cio_id: cioId, attributes: { ...existing?.attributes, ...attributes } });
  }

  unrelate(key: CioObjectKey, cioId: string): void {
    this.relations.delete(`${keyOf(key)}\u0000${cioId}`);
  }

  /** Removes the person's relationships (the person was deleted). */
  forgetPerson(cioId: string): void {
    this.forget((r) => r.cio_id === cioId);
  }

  private forget(match: (r: CioRelationship) => boolean): void {
    for (const [id, r] of this.relations) if (match(r)) this.relations.delete(id);
  }
}
