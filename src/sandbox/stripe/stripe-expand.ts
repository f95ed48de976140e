/**
 * `expand[]`: replaces an id with the object it names, along dotted paths
 * (`customer`, `data.customer`, `latest_invoice.charge`, `items.data.price`).
 */
import { StripeApiError } from './stripe-errors.js';
import type { StripeObject } from './stripe-account.js';

/** Finds an object by id, or undefined. */
export type Resolver = (id: string) => StripeObject | undefined;

/** Stripe rejects expansions deeper than 4 levels. */
const MAX_DEPTH = 4;

function cannotExpand(path: string): StripeApiError {
  return new StripeApiError(400, 'invalid_request_error', `This property cannot be expanded (${path}).`, undefined, 'expand');
}

function expandAt(value: unknown, segments: readonly string[], path: string, resolve: Resolver): unknown {
  if (Array.isArray(value)) return value.map((v) => expandAt(v, segments, path, resolve));
  const [head, ...rest] = segments;
  if (head === undefined || value === null || typeof value !== 'object') return value;
  const obj = value as StripeObject;
  if (!(head in obj)) throw cannotExpand(path);
  let child = obj[head];
  if (typeof child === 'string' && (rest.length === 0 || head !== 'data')) {
    const found = resolve(child);
    if (!found) throw cannotExpand(path);
    child = found;
  } else if (rest.length === 0 && child !== null && typeof child !== 'object') {
    throw cannotExpand(path);
  }
  return { ...obj, [head]: rest.length === 0 ? child : expandAt(child, rest, path, resolve) };
}

/** Applies every `expand` path to `object`. */
export function expandObject(object: StripeObject, paths: readonly string[], resolve: Resolver): StripeObject {
  let out = object;
  for (const path of paths) {
    const segments = path.split('.');
    if (segments.length > MAX_DEPTH) {
      throw new StripeApiError(400, 'invalid_request_error', `You cannot expand more than ${MAX_DEPTH} levels of a property. Property: ${path}`, undefined, 'expand');
    }
    out = expandAt(out, segments, path, resolve) as StripeObject;
  }
  return out;
}
