/**
 * The `query` parameter of the list endpoints, Help Scout's search syntax in
 * the subset the fake understands: `(field:"value")` terms joined by `AND`
 * and `OR` (AND binds tighter), a bare value meaning an email, e.g.
 * `(email:"john@x.com" OR firstName:"John" AND lastName:"Appleseed")`.
 * An email names its organization (domains end in `-<index base 36>.com`),
 * so a query by email reads one organization instead of all of them.
 */
import { badRequest } from './helpscout-errors.js';

/** One `field:"value"` term (field lower-cased). */
export interface QueryTerm {
  field: string;
  value: string;
}

/** OR of AND-groups. */
export type ParsedQuery = QueryTerm[][];

/** Parses `query`; 400 when it is not of the understood form or names a field outside `fields`. */
export function parseQuery(text: string, fields: readonly string[]): ParsedQuery {
  const inner = text.trim().replace(/^\(/, '').replace(/\)$/, '').trim();
  const fail = (message: string) => badRequest({ path: 'query', message, rejectedValue: text, source: 'query', code: 'InvalidQuery' });
  if (inner === '') throw fail('may not be empty');
  return inner.split(/\s+OR\s+/).map((group) =>
    group.split(/\s+AND\s+/).map((raw) => {
      const m = /^(?:([A-Za-z]+):)?"?([^"]*)"?$/.exec(raw.trim());
      if (!m || m[2] === undefined || m[2] === '') throw fail(`cannot parse '${raw}'`);
      const field = (m[1] ?? 'email').toLowerCase();
      if (!fields.includes(field)) throw fail(`unsupported field '${m[1] ?? ''}' (supported: ${fields.join(', ')})`);
      return { field, value: m[2] };
    }),
  );
}

/** Whether `match(term)` holds for every term of some group. */
export function matchesQuery(query: ParsedQuery, match: (term: QueryTerm) => boolean): boolean {
  return query.some((group) => group.every(match));
}

/** The organization an email of the synthetic company belongs to, from its domain. */
export function organizationOfEmail(email: string): number | undefined {
  const m = /-([0-9a-z]+)\.com$/.exec(email.trim().toLowerCase());
  if (!m?.[1]) return undefined;
  const i = parseInt(m[1], 36);
  return Number.isSafeInteger(i) ? i : undefined;
}

/** The organizations a query can match when every group names an email; undefined when it can match anyone. */
export function organizationsOfQuery(query: ParsedQuery): number[] | undefined {
  const out = new Set<number>();
  for (const group of query) {
    const email = group.find((t) => t.field === 'email');
    const org = email ? organizationOfEmail(email.value) : undefined;
    if (org === undefined) return undefined;
    out.add(org);
  }
  return [...out].sort((a, b) => a - b);
}
