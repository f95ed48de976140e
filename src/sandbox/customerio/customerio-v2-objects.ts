/**
 * Track API v2 operations of `type: "object"`, and the relationships of a
 * person operation: `{ type: 'object', identifiers: { object_type_id, object_id },
 * action, attributes?, cio_relationships? }` with action identify (creates or
 * merges; `cio_relationships` relates people), delete (the object and its
 * relationships), add_relationships or delete_relationships (a non-empty
 * `cio_relationships` of people's identifiers).
 */
import type { CioProblem } from './customerio-errors.js';
import { attributeProblems, isHash } from './customerio-limits.js';
import { isProblem, objectKeyOf, relationshipsOf, V2_OBJECT_ACTIONS, type CioObjectKey } from './customerio-objects.js';
import type { CioIdentifiers, CioStore } from './customerio-store.js';

/** Parses a person's identifiers (`field` names where they were). */
export type PersonIdentifiersParser = (value: unknown, field: string) => CioIdentifiers | CioProblem;

/** The cio_id of the person with `identifiers`, created when new (as an event's person is). */
function personOf(store: CioStore, identifiers: CioIdentifiers, now: number): string | undefined {
  return (store.find(identifiers) ?? store.identify(identifiers, {}, now))?.cio_id;
}

/** Checks one object operation and, when valid, applies it; returns its problems. */
export function applyObjectOperation(operation: Record<string, unknown>, store: CioStore, now: number, personIdentifiers: PersonIdentifiersParser): CioProblem[] {
  const action = operation['action'];
  if (action === undefined) return [{ reason: 'required', field: 'action', message: 'action is required' }];
  if (!(V2_OBJECT_ACTIONS as readonly unknown[]).includes(action)) {
    return [{ reason: 'invalid', field: 'action', message: `action ${JSON.stringify(action)} is not one of ${V2_OBJECT_ACTIONS.join(', ')} for an object` }];
  }
  const key = objectKeyOf(operation['identifiers']);
  if (isProblem(key)) return [key];
  const attributes = operation['attributes'];
  if (attributes !== undefined && !isHash(attributes)) return [{ reason: 'invalid', field: 'attributes', message: 'attributes must be a hash' }];
  if (action === 'delete') {
    store.objects.delete(key, now);
    return [];
  }
  const relationships = relationshipsOf(operation['cio_relationships'], personIdentifiers, action !== 'identify');
  const problems = [...(action === 'identify' ? attributeProblems(attributes ?? {}) : []), ...relationships.problems];
  if (problems.length > 0) return problems;
  if (action === 'identify') store.objects.identify(key, attributes ?? {}, now);
  for (const item of relationships.items) {
    if (action === 'delete_relationships') {
      const person = store.find(item.identifiers);
      if (person) store.objects.unrelate(key, person.cio_id);
      continue;
    }
    const cioId = personOf(store, item.identifiers, now);
    if (cioId !== undefined) store.objects.relate(key, cioId, item.attributes, now);
  }
  return [];
}

/**
 * Checks the `cio_relationships` of a person operation (objects' identifiers);
 * `required` for add_relationships and delete_relationships. Returns a function
 * that applies them once the person exists, or the problems.
 */
export function personRelationships(
  operation: Record<string, unknown>,
  action: string,
  store: CioStore,
): { problems: CioProblem[]; apply: (identifiers: CioIdentifiers, now: number) => void } {
  const required = action === 'add_relationships' || action === 'delete_relationships';
  const { items, problems } = relationshipsOf<CioObjectKey>(operation['cio_relationships'], objectKeyOf, required);
  return {
    problems,
    apply(identifiers, now) {
      if (action === 'delete_relationships') {
        const person = store.find(identifiers);
        if (person) for (const item of items) store.objects.unrelate(item.identifiers, person.cio_id);
        return;
      }
      const cioId = personOf(store, identifiers, now);
      if (cioId !== undefined) for (const item of items) store.objects.relate(item.identifiers, cioId, item.attributes, now);
    },
  };
}
