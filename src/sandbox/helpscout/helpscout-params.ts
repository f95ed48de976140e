/** Validation of the list endpoints' query parameters, with Help Scout's 400 bodies. */
import { badRequest } from './helpscout-errors.js';

/** An enumeration parameter (default when absent); 400 `EnumValue` for anything else. */
export function enumParam<T extends string>(url: URL, name: string, values: readonly T[], fallback: T): T {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return fallback;
  const found = values.find((v) => v.toLowerCase() === raw.toLowerCase());
  if (found === undefined) {
    throw badRequest({ path: name, message: `Expected one of these: ${values.map((v) => `'${v}'`).join(', ')}`, rejectedValue: raw, source: 'query', code: 'EnumValue' });
  }
  return found;
}

/** A date-time parameter as epoch ms (ISO 8601, e.g. 2019-06-19T12:05:00Z). */
export function dateParam(url: URL, name: string): number | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return undefined;
  const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(raw) ? Date.parse(raw) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw badRequest({ path: name, message: 'must be a date-time in ISO 8601 format, e.g. 2019-06-19T12:05:00Z', rejectedValue: raw, source: 'query', code: 'InvalidDateTime' });
  }
  return ms;
}

/** A comma-separated list of integers (`mailbox=1,2`). */
export function idsParam(url: URL, name: string): number[] | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return undefined;
  const parts = raw.split(',').map((s) => s.trim());
  if (!parts.every((p) => /^\d+$/.test(p))) throw badRequest({ path: name, message: 'must be a number or comma separated numbers', rejectedValue: raw, source: 'query', code: 'InvalidNumber' });
  return parts.map(Number);
}
