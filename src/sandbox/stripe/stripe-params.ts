/**
 * Query parameters of Stripe's GET endpoints: form-encoded brackets
 * (`created[gte]=...`, `expand[]=...`, `types[0]=...`), unknown-parameter
 * errors, and the list parameters every list endpoint shares.
 */
import { badParam, StripeApiError } from './stripe-errors.js';

/** Parsed query: plain values by name, bracketed values by name then key. */
export interface StripeParams {
  /** A plain `name=value` parameter. */
  get(name: string): string | undefined;
  /** Values of `name[]=` / `name[0]=` / repeated `name=`. */
  array(name: string): string[];
  /** `name[key]=value` pairs. */
  map(name: string): Record<string, string>;
}

/** Parses `search`, rejecting parameters outside `allowed` as Stripe does. */
export function parseParams(search: URLSearchParams, allowed: readonly string[]): StripeParams {
  const plain = new Map<string, string>();
  const arrays = new Map<string, string[]>();
  const maps = new Map<string, Record<string, string>>();
  for (const [rawName, value] of search) {
    const m = /^([A-Za-z_]+)(?:\[([^\]]*)\])?$/.exec(rawName);
    const name = m?.[1] ?? rawName;
    if (!allowed.includes(name)) {
      throw new StripeApiError(400, 'invalid_request_error', `Received unknown parameter: ${name}`, 'parameter_unknown', name);
    }
    const sub = m?.[2];
    if (sub === undefined) {
      plain.set(name, value);
      arrays.set(name, [...(arrays.get(name) ?? []), value]);
    } else if (sub === '' || /^\d+$/.test(sub)) {
      arrays.set(name, [...(arrays.get(name) ?? []), value]);
    } else {
      maps.set(name, { ...maps.get(name), [sub]: value });
    }
  }
  return {
    get: (name) => plain.get(name),
    array: (name) => arrays.get(name) ?? [],
    map: (name) => maps.get(name) ?? {},
  };
}

/** The shared list parameters. */
export interface ListParams {
  limit: number;
  startingAfter: string | undefined;
  endingBefore: string | undefined;
  /** Created at or after (ms). */
  from: number | undefined;
  /** Created before (ms). */
  to: number | undefined;
  expand: string[];
}

/** Parameter names every list endpoint accepts. */
export const LIST_PARAMS = ['limit', 'starting_after', 'ending_before', 'created', 'expand'] as const;

function integer(param: string, value: string): number {
  if (!/^-?\d+$/.test(value)) throw badParam(param, `Invalid integer: ${value}`);
  return Number(value);
}

/** Reads limit, cursors, `created` and `expand`. */
export function listParams(params: StripeParams): ListParams {
  const rawLimit = params.get('limit');
  const limit = rawLimit === undefined ? 10 : integer('limit', rawLimit);
  if (limit < 1) throw badParam('limit', 'This value must be greater than or equal to 1.');
  if (limit > 100) throw badParam('limit', 'This value must be less than or equal to 100.');
  const startingAfter = params.get('starting_after') || undefined;
  const endingBefore = params.get('ending_before') || undefined;
  if (startingAfter && endingBefore) {
    throw new StripeApiError(400, 'invalid_request_error', 'You may only specify one of these parameters: ending_before, starting_after.', 'parameter_invalid', 'ending_before');
  }
  let from: number | undefined;
  let to: number | undefined;
  const exact = params.get('created');
  if (exact !== undefined) {
    const s = integer('created', exact);
    from = s * 1000;
    to = (s + 1) * 1000;
  }
  for (const [op, value] of Object.entries(params.map('created'))) {
    const s = integer(`created[${op}]`, value);
    if (op === 'gte') from = Math.max(from ?? -Infinity, s * 1000);
    else if (op === 'gt') from = Math.max(from ?? -Infinity, (s + 1) * 1000);
    else if (op === 'lte') to = Math.min(to ?? Infinity, (s + 1) * 1000);
    else if (op === 'lt') to = Math.min(to ?? Infinity, s * 1000);
    else throw new StripeApiError(400, 'invalid_request_error', `Received unknown parameter: created[${op}]`, 'parameter_unknown', `created[${op}]`);
  }
  return { limit, startingAfter, endingBefore, from, to, expand: params.array('expand') };
}
