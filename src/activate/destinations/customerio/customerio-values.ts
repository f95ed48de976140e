/**
 * Model values as the Track API wants them: timestamps as unix seconds (what
 * Customer.io treats as dates in segments and liquid), big integers as
 * numbers when exact (else text), binary as base64. `null` stays `null`,
 * which removes the attribute from the person, as a NULL in the model means.
 */

/** One value converted for Customer.io. */
export function customerIoValue(value: unknown): unknown {
  if (value instanceof Date) {
    const ms = value.getTime();
    return Number.isFinite(ms) ? Math.floor(ms / 1000) : null;
  }
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  return value;
}

/** Every value of `fields` converted, minus the names in `omit`. */
export function customerIoAttributes(fields: Readonly<Record<string, unknown>>, omit: ReadonlySet<string> = new Set()): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) if (!omit.has(name)) out[name] = customerIoValue(value);
  return out;
}
