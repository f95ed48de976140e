/**
 * `GET /v2/customers`: filters `mailbox` (customers with a conversation in
 * it), `firstName`, `lastName`, `modifiedSince`, `query`; `sortField`
 * (`createdAt` default, `firstName`, `lastName`, `modifiedAt`, `score`) and
 * `sortOrder` (default `desc`).
 */
import type { SyntheticCompany } from '../company/synthetic-company.js';
import { firstOrganization, organizationsFrom, sortRecords, type ResultCache, type SortKey } from './helpscout-list.js';
import { dateParam, enumParam, idsParam } from './helpscout-params.js';
import { matchesQuery, organizationsOfQuery, parseQuery, type QueryTerm } from './helpscout-query.js';
import {
  conversationVisible,
  conversationsOf,
  customerModifiedAt,
  customerVisible,
  customersOf,
  type CustomerFacts,
} from './helpscout-support.js';
import { mailboxes } from './helpscout-team.js';

export const CUSTOMER_SORT_FIELDS = ['createdAt', 'firstName', 'lastName', 'modifiedAt', 'score'] as const;
const QUERY_FIELDS = ['email', 'firstname', 'lastname'] as const;

/** Every customer matching the request's filters at `now`, in the requested order. */
export function listCustomers(company: SyntheticCompany, cache: ResultCache, url: URL, now: number): CustomerFacts[] {
  const sortField = enumParam(url, 'sortField', CUSTOMER_SORT_FIELDS, 'createdAt');
  const desc = enumParam(url, 'sortOrder', ['asc', 'desc'] as const, 'desc') === 'desc';
  const since = dateParam(url, 'modifiedSince');
  const mailboxIds = idsParam(url, 'mailbox');
  const firstName = url.searchParams.get('firstName')?.toLowerCase() || undefined;
  const lastName = url.searchParams.get('lastName')?.toLowerCase() || undefined;
  const rawQuery = url.searchParams.get('query');
  const query = rawQuery ? parseQuery(rawQuery, QUERY_FIELDS) : undefined;
  const key = JSON.stringify(['customers', now, sortField, desc, mailboxIds, firstName, lastName, query]);
  const only = query ? organizationsOfQuery(query) : undefined;

  const rows = cache.get(key, firstOrganization(company, { since }), (from) => {
    const boxes = mailboxes(company);
    const out: CustomerFacts[] = [];
    for (const i of organizationsFrom(company, only, from, now)) {
      for (const c of customersOf(company, i)) {
        if (!customerVisible(c, now)) continue;
        const user = firstName !== undefined || lastName !== undefined || query ? company.user(i, c.ref.slot) : undefined;
        if (firstName !== undefined && user?.firstName.toLowerCase() !== firstName) continue;
        if (lastName !== undefined && user?.lastName.toLowerCase() !== lastName) continue;
        if (mailboxIds) {
          const inMailbox = conversationsOf(company, i).some(
            (f) => f.user === c.ref.slot && conversationVisible(f, now) && mailboxIds.includes(boxes[f.mailbox]?.id ?? -1),
          );
          if (!inMailbox) continue;
        }
        if (query && user) {
          const match = (t: QueryTerm): boolean => {
            const v = t.value.toLowerCase();
            if (t.field === 'email') return user.email === v;
            if (t.field === 'firstname') return user.firstName.toLowerCase() === v;
            return user.lastName.toLowerCase() === v;
          };
          if (!matchesQuery(query, match)) continue;
        }
        out.push(c);
      }
    }
    const sortKey = (c: CustomerFacts): SortKey => {
      if (sortField === 'firstName') return company.user(c.ref.org, c.ref.slot).firstName;
      if (sortField === 'lastName') return company.user(c.ref.org, c.ref.slot).lastName;
      if (sortField === 'modifiedAt') return customerModifiedAt(c, now);
      return c.createdAt;
    };
    return sortRecords(out, sortKey, (c) => c.id, desc);
  });
  return since === undefined ? rows : rows.filter((c) => customerModifiedAt(c, now) >= since);
}
