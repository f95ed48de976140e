/**
 * Property filters of an event in the URL, pure: the filters of a step or
 * event `<prefix>` are parameters `<prefix>.<property>=<value>` (`step2.plan=pro`,
 * `start.plan=pro`), one per property, in URL order; and the request shape
 * of an event with its filters (the API's `{ event, where: { property: value } }`).
 */

export interface Filter {
  property: string;
  value: string;
}

/** An event and the property values it must have. */
export interface Matcher {
  event: string;
  where: Filter[];
}

/** URL changes: undefined or '' removes a parameter; a list repeats it. */
export type ParamChanges = Record<string, string | number | string[] | undefined>;

/** The filters of `prefix` in `query`, in URL order; of a repeated property the first wins; empty properties are ignored. */
export function readFilters(query: URLSearchParams, prefix: string): Filter[] {
  const head = `${prefix}.`;
  const out: Filter[] = [];
  for (const [name, value] of query) {
    if (!name.startsWith(head) || name.length === head.length) continue;
    const property = name.slice(head.length);
    if (!out.some((f) => f.property === property)) out.push({ property, value });
  }
  return out;
}

/** The URL changes replacing `prefix`'s filters `before` with `after` (a filter with an empty value is dropped). */
export function filterChanges(prefix: string, before: readonly Filter[], after: readonly Filter[], into: ParamChanges = {}): ParamChanges {
  for (const f of before) into[`${prefix}.${f.property}`] = undefined;
  for (const f of after) if (f.property !== '') into[`${prefix}.${f.property}`] = f.value;
  return into;
}

/** `filters` with `property = value` added (replacing an earlier value of the property, in its place). */
export function withFilter(filters: readonly Filter[], property: string, value: string): Filter[] {
  const at = filters.findIndex((f) => f.property === property);
  return at < 0 ? [...filters, { property, value }] : filters.map((f, i) => (i === at ? { property, value } : f));
}

/** A matcher as the API takes it: the name alone without filters, else `{ event, where }`. */
export function matcherRequest(m: Matcher): string | { event: string; where: Record<string, string> } {
  if (m.where.length === 0) return m.event;
  return { event: m.event, where: Object.fromEntries(m.where.map((f) => [f.property, f.value])) };
}
