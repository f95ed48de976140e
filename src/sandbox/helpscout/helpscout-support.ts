/**
 * Help Scout's view of the company's support requests (the same requests
 * HubSpot lists as tickets, `company/crm-facts.ts`): each request is an
 * email conversation from one of the organization's users (a customer) in
 * one of three mailboxes, assigned to an agent. Its threads are the
 * customer's message (at creation), an internal note and the agent's reply
 * (between creation and closing); it is `active` until it closes. Requests
 * an organization would file after its deletion never happen (as in HubSpot).
 */
import { SUPPORT_TOPICS, organizationDeletedAt, supportRequest, supportRequestCount, type SupportRequest } from '../company/crm-facts.js';
import type { SyntheticCompany } from '../company/synthetic-company.js';
import { unit } from '../prng.js';
import { helpScoutId, type SlotRef } from './helpscout-ids.js';
import { agentOf, mailboxOfTopic } from './helpscout-team.js';

/** Everything fixed about one conversation (times in epoch ms, whole seconds). */
export interface ConversationFacts {
  ref: SlotRef;
  id: number;
  /** The organization's signup. */
  orgCreatedAt: number;
  request: SupportRequest;
  /** The filing user's index (the customer is that user). */
  user: number;
  customerId: number;
  /** Index into `mailboxes()`. */
  mailbox: number;
  /** Index into `agents()`. */
  agent: number;
  createdAt: number;
  noteAt: number;
  replyAt: number;
  closedAt: number;
}

const second = (ms: number): number => Math.floor(ms / 1000) * 1000;

/** Whether support request `t` of organization `i` ever happens. */
function happens(company: SyntheticCompany, i: number, request: SupportRequest): boolean {
  const deletedAt = organizationDeletedAt(company, i);
  return deletedAt === undefined || request.createdAt < deletedAt;
}

/** Conversation `t` of organization `i`, whether or not it exists yet; undefined when it never does. */
export function conversationFacts(company: SyntheticCompany, i: number, t: number): ConversationFacts | undefined {
  if (i < 0 || t < 0 || t >= supportRequestCount(company, i)) return undefined;
  const request = supportRequest(company, i, t);
  if (!happens(company, i, request)) return undefined;
  const createdAt = second(request.createdAt);
  const closedAt = second(request.closedAt);
  const open = closedAt - createdAt;
  return {
    ref: { org: i, slot: t },
    id: helpScoutId('conversation', { org: i, slot: t }),
    orgCreatedAt: company.createdAt(i),
    request,
    user: request.user,
    customerId: helpScoutId('customer', { org: i, slot: request.user }),
    mailbox: mailboxOfTopic(request.topic),
    agent: agentOf(company, i, t),
    createdAt,
    noteAt: second(createdAt + open * (0.1 + 0.3 * unit(company.seed, 0x4e01, i, t))),
    replyAt: second(createdAt + open * (0.5 + 0.4 * unit(company.seed, 0x4e02, i, t))),
    closedAt,
  };
}

/** Whether the conversation exists at `now`. */
export function conversationVisible(f: ConversationFacts, now: number): boolean {
  return f.createdAt <= now && f.orgCreatedAt <= now;
}

/** Its last modification at `now` (creation, note, reply or closing): `userUpdatedAt`, and what `modifiedSince` filters on. */
export function conversationModifiedAt(f: ConversationFacts, now: number): number {
  if (now >= f.closedAt) return f.closedAt;
  if (now >= f.replyAt) return f.replyAt;
  if (now >= f.noteAt) return f.noteAt;
  return f.createdAt;
}

/** `active` while open, `closed` from `closedAt`. */
export function conversationStatus(f: ConversationFacts, now: number): 'active' | 'closed' {
  return now >= f.closedAt ? 'closed' : 'active';
}

/** The topic's text. */
export function topicOf(f: ConversationFacts): string {
  return SUPPORT_TOPICS[f.request.topic] ?? 'Question';
}

/** Organizations whose conversations and customers stay memoized (bounded: memory does not grow with scale). */
const MEMO_ORGANIZATIONS = 8192;

interface OrganizationSupport {
  conversations: ConversationFacts[];
  customers: CustomerFacts[];
}

const memos = new WeakMap<SyntheticCompany, Map<number, OrganizationSupport>>();

/** Organization `i`'s conversations and customers (facts do not depend on time, so they are memoized). */
function supportOf(company: SyntheticCompany, i: number): OrganizationSupport {
  let memo = memos.get(company);
  if (!memo) {
    memo = new Map();
    memos.set(company, memo);
  }
  const hit = memo.get(i);
  if (hit) return hit;
  const conversations: ConversationFacts[] = [];
  const n = supportRequestCount(company, i);
  for (let t = 0; t < n; t++) {
    const f = conversationFacts(company, i, t);
    if (f) conversations.push(f);
  }
  const value = { conversations, customers: customersFrom(company, i, conversations) };
  if (memo.size >= MEMO_ORGANIZATIONS) memo.clear();
  memo.set(i, value);
  return value;
}

/** Every conversation organization `i` ever has (some may not exist yet at a given time). Shared: do not mutate. */
export function conversationsOf(company: SyntheticCompany, i: number): readonly ConversationFacts[] {
  return supportOf(company, i).conversations;
}

/** A customer: a user of organization `org` who filed at least one request. */
export interface CustomerFacts {
  ref: SlotRef;
  id: number;
  /** The organization's signup. */
  orgCreatedAt: number;
  /** Their first conversation's creation (the customer is created with it). */
  createdAt: number;
  /** When the agent completed the profile (their first conversation's closing). */
  profiledAt: number;
}

/** The customers of an organization with `conversations`: one per user who filed one, by user index. */
function customersFrom(company: SyntheticCompany, i: number, conversations: readonly ConversationFacts[]): CustomerFacts[] {
  const first = new Map<number, ConversationFacts>();
  for (const f of conversations) {
    const seen = first.get(f.user);
    if (seen === undefined || f.createdAt < seen.createdAt) first.set(f.user, f);
  }
  return [...first.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([k, f]) => ({ ref: { org: i, slot: k }, id: helpScoutId('customer', { org: i, slot: k }), orgCreatedAt: company.createdAt(i), createdAt: f.createdAt, profiledAt: f.closedAt }));
}

/** Customer (organization `i`, user `k`), whether or not it exists yet; undefined when the user never writes in. */
export function customerFacts(company: SyntheticCompany, i: number, k: number): CustomerFacts | undefined {
  return i >= 0 ? supportOf(company, i).customers.find((c) => c.ref.slot === k) : undefined;
}

/** Every customer of organization `i` (ever), by user index. Shared: do not mutate. */
export function customersOf(company: SyntheticCompany, i: number): readonly CustomerFacts[] {
  return supportOf(company, i).customers;
}

/** Whether the customer exists at `now`. */
export function customerVisible(c: CustomerFacts, now: number): boolean {
  return c.createdAt <= now && c.orgCreatedAt <= now;
}

/** The customer's `updatedAt` at `now`. */
export function customerModifiedAt(c: CustomerFacts, now: number): number {
  return now >= c.profiledAt ? c.profiledAt : c.createdAt;
}
