/**
 * Records as Track API v2 operations (`POST /api/v2/batch` items), pure:
 * a person upsert is `identify` (attributes merged into the person, created
 * when missing), a delete is `delete`, an event is `event` with a name, a
 * timestamp in unix seconds, the mapped fields as its attributes and a
 * deterministic ULID `id` so a resend is deduplicated. A record that cannot
 * be an operation (no identifier, no event name) is a problem, not a request.
 */
import type { DestinationOp, DestinationRecord } from '../../destination.js';
import type { CustomerIoIdentifier, CustomerIoObject } from './customerio-config.js';
import { eventUlid } from './customerio-event-id.js';
import { customerIoAttributes, customerIoValue } from './customerio-values.js';

/** One v2 operation. */
export type CioOperation = Record<string, unknown>;

/** An operation, or why the record cannot be sent. */
export type OperationOrProblem = { operation: CioOperation } | { problem: string };

/** Fields of an event record that are not event attributes. */
const EVENT_FIELDS = new Set(['name', 'timestamp']);

/** A record value as an identifier: non-empty text, or undefined. */
export function identifierValue(value: unknown): string | undefined {
  const converted = customerIoValue(value);
  if (typeof converted !== 'string' && typeof converted !== 'number') return undefined;
  const text = String(converted).trim();
  return text === '' ? undefined : text;
}

/** The v2 operation for a `person` record. */
export function personOperation(op: DestinationOp, record: DestinationRecord, identifier: CustomerIoIdentifier): OperationOrProblem {
  const id = identifierValue(record.key);
  if (id === undefined) return { problem: `the key is empty: Customer.io needs a non-empty ${identifier}` };
  const identifiers = { [identifier]: id };
  if (op === 'delete') return { operation: { type: 'person', identifiers, action: 'delete' } };
  return { operation: { type: 'person', identifiers, action: 'identify', attributes: customerIoAttributes(record.fields, new Set([identifier])) } };
}

/**
 * The v2 operation for an `event` record: the person is the record's
 * `identifier` field, the event `name` (a field or a constant), `timestamp`
 * (optional: Customer.io uses the time it receives the event) and the other
 * fields as the event's attributes.
 */
export function eventOperation(sync: string, record: DestinationRecord, identifier: CustomerIoIdentifier, nowMs: number): OperationOrProblem {
  const person = identifierValue(record.fields[identifier]);
  if (person === undefined) return { problem: `field ${identifier} is empty: an event needs the person it belongs to` };
  const name = record.fields['name'];
  if (typeof name !== 'string' || name.trim() === '') return { problem: 'field name is empty: an event needs a name (map a column or a constant to name)' };
  const ts = record.fields['timestamp'];
  const timestamp = customerIoValue(ts);
  const timestampMs = ts instanceof Date ? ts.getTime() : typeof timestamp === 'number' ? timestamp * 1000 : nowMs;
  const operation: CioOperation = {
    type: 'person',
    identifiers: { [identifier]: person },
    action: 'event',
    name,
    id: eventUlid(sync, record.key, timestampMs),
    attributes: customerIoAttributes(record.fields, new Set([...EVENT_FIELDS, identifier])),
  };
  if (timestamp !== null && timestamp !== undefined) operation['timestamp'] = timestamp;
  return { operation };
}

/** The operation for `record` written as `op` to `object`. */
export function operationFor(object: CustomerIoObject, op: DestinationOp, record: DestinationRecord, options: { sync: string; identifier: CustomerIoIdentifier; nowMs: number }): OperationOrProblem {
  return object === 'event' ? eventOperation(options.sync, record, options.identifier, options.nowMs) : personOperation(op, record, options.identifier);
}
