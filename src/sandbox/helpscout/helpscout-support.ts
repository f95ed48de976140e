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
export function conversationVisible(company: SyntheticCompany, f: ConversationFacts, now: number): boolean {
  return f.createdAt <= now && company.createdAt(f.ref.org) <= now;
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

/** Every conversation organization `i` ever has (some may not exist yet at a given time). */
export function conversationsOf(company: SyntheticCompany, i: number): ConversationFacts[] {
  const out: ConversationFacts[] = [];
  const n = supportRequestCount(company, i);
  for (let t = 0; t < n; t++) {
    const f = conversationFacts(company, i, t);
    if (f) out.push(f);
  }
  return out;
}

/** A customer: a user of organization `org` who filed at least one request. */
export interface CustomerFacts {
  ref: SlotRef;
  id: number;
  /** Their first conversation's creation (the customer is created with it). */
  createdAt: number;
  /** When the agent completed the profile (their first conversation's closing). */
  profiledAt: number;
}

/** Customer (organization `i`, user `k`), whether or not it exists yet; undefined when the user never writes in. */
export function customerFacts(company: SyntheticCompany, i: number, k: number): CustomerFacts | undefined {
  let first: ConversationFacts | undefined;
  for (const f of conversationsOf(company, i)) {
    if (f.user === k && (first === undefined || f.createdAt < first.createdAt)) first = f;
  }
  if (!first) return undefined;
  return { ref: { org: i, slot: k }, id: helpScoutId('customer', { org: i, slot: k }), createdAt: first.createdAt, profiledAt: first.closedAt };
}

/** Every customer of organization `i` (ever), by user index. */
export function customersOf(company: SyntheticCompany, i: number): CustomerFacts[] {
  const users = new Set(conversationsOf(company, i).map((f) => f.user));
  return [...users]
    .sort((a, b) => a - b)
    .map((k) => customerFacts(company, i, k))
    .filter((c): c is CustomerFacts => c !== undefined);
}

/** Whether the customer exists at `now`. */
export function customerVisible(company: SyntheticCompany, c: CustomerFacts, now: number): boolean {
  return c.createdAt <= now && company.createdAt(c.ref.org) <= now;
}

/** The customer's `updatedAt` at `now`. */
export function customerModifiedAt(c: CustomerFacts, now: number): number {
  return now >= c.profiledAt ? c.profiledAt : c.createdAt;
}
