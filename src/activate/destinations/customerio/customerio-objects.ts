/**
 * Custom objects (Track API v2 `type: "object"`) as a sync target, pure: the
 * sync's `object: object:<object_type_id>` (the type's numeric id in the
 * workspace, e.g. `object:1` for Companies), its key the `object_id`; an
 * upsert is `identify` (attributes merged, the object created when missing)
 * with the row's person as `cio_relationships` when a relationship field is
 * mapped, a delete is `delete` (Customer.io drops the object's relationships).
 */
import { BasinError } from '../../../core/errors.js';
import type { DestinationOp, DestinationRecord } from '../../destination.js';
import { identifierValue, type CioOperation, type OperationOrProblem } from './customerio-operations.js';
import { customerIoAttributes } from './customerio-values.js';

/** The prefix of an object target: `object:<object_type_id>`. */
export const OBJECT_TARGET_PREFIX = 'object:';

/** Fields naming the person a row's object is related to (not object attributes). */
export const RELATIONSHIP_FIELDS = { cio_relationship_id: 'id', cio_relationship_email: 'email' } as const;

/** Customer.io's limit of an object_id (characters). */
const OBJECT_ID_MAX_CHARS = 150;

/** Whether the sync's `object:` names a custom object type. */
export function isObjectTarget(object: string): boolean {
  return object.startsWith(OBJECT_TARGET_PREFIX);
}

/** The object type id of `object:<id>`; CONFIG_INVALID naming the field when it is not one. */
export function objectTypeIdOf(object: string, keyField: string | undefined): string {
  const typeId = object.slice(OBJECT_TARGET_PREFIX.length).trim();
  if (!/^[1-9]\d*$/.test(typeId)) {
    throw new BasinError('CONFIG_INVALID', `customerio object: "${object}" needs the object type's id, e.g. object:1 (Customer.io shows it under Data & Integrations > Objects)`);
  }
  if (keyField !== undefined && keyField !== 'object_id') {
    throw new BasinError('CONFIG_INVALID', `customerio ${object}: destination_key "${keyField}" is not an object identifier (use object_id)`);
  }
  return typeId;
}

/** The v2 operation for a record of an object type. */
export function objectOperation(op: DestinationOp, record: DestinationRecord, objectTypeId: string): OperationOrProblem {
  const objectId = identifierValue(record.key);
  if (objectId === undefined) return { problem: 'the key is empty: a Customer.io object needs a non-empty object_id' };
  if ([...objectId].length > OBJECT_ID_MAX_CHARS) return { problem: `the key is ${[...objectId].length} characters: Customer.io's object_id holds at most ${OBJECT_ID_MAX_CHARS}` };
  const identifiers = { object_type_id: objectTypeId, object_id: objectId };
  if (op === 'delete') return { operation: { type: 'object', identifiers, action: 'delete' } };
  // The person's id when mapped and set, else their email: one relationship per row.
  const related = Object.entries(RELATIONSHIP_FIELDS)
    .map(([field, identifier]) => [identifier, identifierValue(record.fields[field])] as const)
    .find(([, person]) => person !== undefined);
  const operation: CioOperation = {
    type: 'object',
    identifiers,
    action: 'identify',
    attributes: customerIoAttributes(record.fields, new Set(['object_id', ...Object.keys(RELATIONSHIP_FIELDS)])),
  };
  if (related) operation['cio_relationships'] = [{ identifiers: { [related[0]]: related[1] } }];
  return { operation };
}
