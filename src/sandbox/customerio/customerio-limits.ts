/**
 * The Track API's documented limits and the checks behind its 400s
 * ("Invalid API Requests": identify and track errors), as pure functions
 * returning the problems they find.
 */
import type { CioProblem } from './customerio-errors.js';

/** Limits from Customer.io's Track API documentation. */
export const CUSTOMERIO_LIMITS = {
  /** Bytes of one v1 request body, and of one item of a v2 batch. */
  requestBytes: 32 * 1024,
  /** Bytes of one v2 batch request. */
  batchBytes: 500 * 1024,
  /** Attributes one identify may set. */
  attributesPerRequest: 300,
  /** Bytes of an attribute name. */
  attributeNameBytes: 150,
  /** Bytes of an attribute value. */
  attributeValueBytes: 1000,
  /** Bytes of an event name. */
  eventNameBytes: 100,
} as const;

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

/** Whether `value` is a JSON object (a "hash"). */
export function isHash(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Problems with the attributes of an identify. */
export function attributeProblems(attributes: Record<string, unknown>, field = 'attributes'): CioProblem[] {
  const problems: CioProblem[] = [];
  const names = Object.keys(attributes);
  if (names.length > CUSTOMERIO_LIMITS.attributesPerRequest) {
    problems.push({ reason: 'too_many', field, message: `cannot identify more than ${CUSTOMERIO_LIMITS.attributesPerRequest} attributes in one request` });
  }
  for (const name of names) {
    if (bytes(name) > CUSTOMERIO_LIMITS.attributeNameBytes) {
      problems.push({ reason: 'too_long', field: `${field}.${name.slice(0, 20)}`, message: `attribute name cannot be longer than ${CUSTOMERIO_LIMITS.attributeNameBytes} bytes` });
      continue;
    }
    const value = attributes[name];
    const text = typeof value === 'string' ? value : JSON.stringify(value ?? null);
    if (bytes(text) > CUSTOMERIO_LIMITS.attributeValueBytes) {
      problems.push({ reason: 'too_long', field: `${field}.${name}`, message: `value for attribute '${name}' cannot be longer than ${CUSTOMERIO_LIMITS.attributeValueBytes} bytes` });
    }
  }
  const created = attributes['created_at'];
  if (created !== undefined && created !== null && created !== '' && !isUnixSeconds(created)) {
    problems.push({ reason: 'invalid', field: `${field}.created_at`, message: 'created_at must be a unix timestamp in seconds' });
  }
  return problems;
}

/**
 * Whether `value` is a unix timestamp in seconds (a number or numeric
 * string). Millisecond values (13 digits) are refused: the real API takes
 * them as dates tens of thousands of years ahead, a bug the sandbox surfaces.
 */
export function isUnixSeconds(value: unknown): boolean {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
  return Number.isFinite(n) && n >= 0 && n < 1e11;
}

/** Problems with an event's name, data and timestamp. */
export function eventProblems(name: unknown, data: unknown, timestamp: unknown, dataField = 'data'): CioProblem[] {
  const problems: CioProblem[] = [];
  if (typeof name !== 'string' || name.trim() === '') problems.push({ reason: 'required', field: 'name', message: 'event name must not be blank' });
  else if (bytes(name) > CUSTOMERIO_LIMITS.eventNameBytes) problems.push({ reason: 'too_long', field: 'name', message: `event name cannot be longer than ${CUSTOMERIO_LIMITS.eventNameBytes} bytes` });
  if (data !== undefined && data !== null && !isHash(data)) problems.push({ reason: 'invalid', field: dataField, message: 'event data must be a hash' });
  if (timestamp !== undefined && timestamp !== null && !isUnixSeconds(timestamp)) problems.push({ reason: 'invalid', field: 'timestamp', message: 'timestamp must be a unix timestamp in seconds' });
  return problems;
}
