/**
 * `GET /v2/conversations`: filters `status` (default `active`; `all`,
 * `closed`, `open`, `pending`, `spam`), `mailbox` (ids, comma-separated),
 * `tag`, `assigned_to`, `number`, `modifiedSince`, `query`; `sortField`
 * (default `createdAt`) and `sortOrder` (default `desc`).
 */
import type { SyntheticCompany } from '../company/synthetic-company.js';
import { conversationNumber } from './helpscout-ids.js';
import { firstOrganization, organizationsFrom, sortRecords, SUPPORT_LIFE_MS, type ResultCache, type SortKey } from './helpscout-list.js';
import { dateParam, enumParam, idsParam } from './helpscout-params.js';
import { matchesQuery, organizationsOfQuery, parseQuery, type QueryTerm } from './helpscout-query.js';
import {
  conversationModifiedAt,
  conversationStatus,
  conversationVisible,
  conversationsOf,
  topicOf,
  type ConversationFacts,
} from './helpscout-support.js';
import { agents, mailboxes } from './helpscout-team.js';

export const CONVERSATION_STATUSES = ['active', 'all', 'closed', 'open', 'pending', 'spam'] as const;
export const CONVERSATION_SORT_FIELDS = [
  'createdAt', 'customerEmail', 'customerName', 'mailboxid', 'modifiedAt', 'number', 'score', 'status', 'subject', 'waitingSince',
] as const;
const QUERY_FIELDS = ['email', 'subject', 'customerids', 'number', 'mailboxid', 'status', 'tag'] as const;

type SortField = (typeof CONVERSATION_SORT_FIELDS)[number];

const tagOf = (f: ConversationFacts): string => (f.mailbox === 1 ? 'billing' : 'product');

/** Every conversation matching the request's filters at `now`, in the requested order. */
export function listConversations(company: SyntheticCompany, cache: ResultCache, url: URL, now: number): ConversationFacts[] {
  const status = enumParam(url, 'status', CONVERSATION_STATUSES, 'active');
  const sortField: SortField = enumParam(url, 'sortField', CONVERSATION_SORT_FIELDS, 'createdAt');
  const desc = enumParam(url, 'sortOrder', ['asc', 'desc'] as const, 'desc') === 'desc';
  const since = dateParam(url, 'modifiedSince');
  const mailboxIds = idsParam(url, 'mailbox');
  const assigned = idsParam(url, 'assigned_to');
  const numbers = idsParam(url, 'number');
  const tags = url.searchParams.get('tag')?.split(',').map((t) => t.trim().toLowerCase()).filter((t) => t !== '');
  const rawQuery = url.searchParams.get('query');
  const query = rawQuery ? parseQuery(rawQuery, QUERY_FIELDS) : undefined;
  const key = JSON.stringify(['conversations', now, status, sortField, desc, mailboxIds, assigned, numbers, tags, query]);
  const open = status === 'active' || status === 'open' || status === 'pending';
  const only = query ? organizationsOfQuery(query) : undefined;
  const lo = firstOrganization(company, { since, signedUpAfter: open ? now - SUPPORT_LIFE_MS : undefined });

  const rows = cache.get(key, lo, (from) => {
    const boxes = mailboxes(company);
    const team = agents(company);
    const email = (f: ConversationFacts): string => company.user(f.ref.org, f.user).email;
    const termMatches = (f: ConversationFacts) => (t: QueryTerm): boolean => {
      const v = t.value.toLowerCase();
      switch (t.field) {
        case 'email':
          return email(f) === v;
        case 'subject':
          return topicOf(f).toLowerCase().includes(v);
        case 'customerids':
          return v.split(',').map((x) => x.trim()).includes(String(f.customerId));
        case 'number':
          return String(conversationNumber(f.ref)) === v;
        case 'mailboxid':
          return String(boxes[f.mailbox]?.id) === v;
        case 'status':
          return conversationStatus(f, now) === v;
        default:
          return tagOf(f) === v;
      }
    };
    const out: ConversationFacts[] = [];
    if (status === 'spam' || status === 'pending') return out;
    for (const i of organizationsFrom(company, only, from, now)) {
      for (const f of conversationsOf(company, i)) {
        if (!conversationVisible(f, now)) continue;
        const st = conversationStatus(f, now);
        if ((status === 'active' || status === 'open') && st !== 'active') continue;
        if (status === 'closed' && st !== 'closed') continue;
        if (mailboxIds && !mailboxIds.includes(boxes[f.mailbox]?.id ?? -1)) continue;
        if (assigned && !assigned.includes(team[f.agent]?.id ?? -1)) continue;
        if (numbers && !numbers.includes(conversationNumber(f.ref))) continue;
        if (tags && !tags.includes(tagOf(f))) continue;
        if (query && !matchesQuery(query, termMatches(f))) continue;
        out.push(f);
      }
    }
    const sortKey = (f: ConversationFacts): SortKey => {
      switch (sortField) {
        case 'modifiedAt':
          return conversationModifiedAt(f, now);
        case 'number':
          return conversationNumber(f.ref);
        case 'mailboxid':
          return boxes[f.mailbox]?.id ?? 0;
        case 'status':
          return conversationStatus(f, now);
        case 'subject':
          return topicOf(f);
        case 'customerEmail':
          return email(f);
        case 'customerName': {
          const u = company.user(f.ref.org, f.user);
          return `${u.firstName} ${u.lastName}`;
        }
        default:
          return f.createdAt;
      }
    };
    return sortRecords(out, sortKey, (f) => f.id, desc);
  });
  return since === undefined ? rows : rows.filter((f) => conversationModifiedAt(f, now) >= since);
}
