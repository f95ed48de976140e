/**
 * Conversations, threads and customers as the Mailbox API 2.0 returns them
 * (field names and nesting of its documented examples). Every value is a
 * function of the facts and of `now` only through the events that happened
 * by then, so an unchanged record renders identically at any later time.
 */
import type { SyntheticCompany } from '../company/synthetic-company.js';
import { conversationNumber, threadId } from './helpscout-ids.js';
import {
  conversationModifiedAt,
  conversationStatus,
  customerModifiedAt,
  topicOf,
  type ConversationFacts,
  type CustomerFacts,
} from './helpscout-support.js';
import { agentRef, agents, hsTime, mailboxes } from './helpscout-team.js';

type Json = Record<string, unknown>;

const TOPIC_DETAIL = [
  'When I invite a colleague the invitation email never arrives.',
  'The amount on my last invoice does not match the number of seats we use.',
  'Exporting a space to CSV stops with an error after a few seconds.',
  'We would like to move to another plan. What happens to our data?',
  'We are setting up SSO with our identity provider and the login fails.',
  'I cannot tell who can edit which space. Can you explain the roles?',
  'Changes take minutes to show up for my teammates.',
  'Would you consider adding a dark mode? Our team works late.',
];
const TOPIC_REPLY = [
  'I re-sent the invitation and whitelisted your domain; it should arrive within a minute.',
  'You were billed for the seats active at renewal; I attached a breakdown to your account.',
  'We found a timeout on large exports and raised the limit for your workspace.',
  'You can change plans from Settings > Billing at any time; nothing is lost.',
  'The ACS URL was missing a trailing slash; after fixing it the login works.',
  'Editors can change a space, viewers only read it; owners manage members.',
  'One of our sync workers was lagging; it is back to normal now.',
  'Thanks for the idea! I added your vote to our roadmap item.',
];

const plain = (html: string): string => html.replace(/<br>/g, ' ').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
const FRIENDLY = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });

function customerRef(company: SyntheticCompany, f: ConversationFacts): Json {
  const u = company.user(f.ref.org, f.user);
  return { id: f.customerId, type: 'customer', first: u.firstName, last: u.lastName, email: u.email };
}

/** One thread of a conversation: 0 customer message, 1 note, 2 reply. */
interface ThreadFacts {
  k: number;
  at: number;
  type: 'customer' | 'note' | 'reply';
  body: string;
}

function threadFacts(company: SyntheticCompany, f: ConversationFacts): ThreadFacts[] {
  const org = company.organization(f.ref.org);
  const user = company.user(f.ref.org, f.user);
  const agent = agents(company)[f.agent];
  const t = f.request.topic;
  return [
    { k: 0, at: f.createdAt, type: 'customer', body: `<p>Hi team,</p><p>${TOPIC_DETAIL[t] ?? topicOf(f)}</p><p>Thanks,<br>${user.firstName} (${org.name})</p>` },
    { k: 1, at: f.noteAt, type: 'note', body: `<p>Checked ${org.name} (${org.domain}), priority ${f.request.priority.toLowerCase()}.</p>` },
    { k: 2, at: f.replyAt, type: 'reply', body: `<p>Hi ${user.firstName},</p><p>${TOPIC_REPLY[t] ?? 'We are on it.'}</p><p>Best,<br>${agent?.firstName ?? 'Support'}</p>` },
  ];
}

/** The threads visible at `now`, newest first. */
export function renderThreads(company: SyntheticCompany, f: ConversationFacts, now: number, api: string): Json[] {
  const agent = agents(company)[f.agent];
  const customer = customerRef(company, f);
  const agentJson = agent ? agentRef(agent) : null;
  return threadFacts(company, f)
    .filter((t) => t.at <= now)
    .reverse()
    .map((t) => {
      const byCustomer = t.type === 'customer';
      return {
        id: threadId(f.ref, t.k),
        type: t.type,
        status: t.type === 'note' ? 'nochange' : 'active',
        state: 'published',
        action: null,
        body: t.body,
        source: { type: 'email', via: byCustomer ? 'customer' : 'user' },
        customer,
        createdBy: byCustomer ? customer : agentJson,
        assignedTo: agentJson,
        savedReplyId: 0,
        to: t.type === 'reply' ? [customer['email']] : [],
        cc: [],
        bcc: [],
        createdAt: hsTime(t.at),
        _embedded: { attachments: [] },
        _links: {
          [byCustomer ? 'createdByCustomer' : 'createdByUser']: { href: byCustomer ? `${api}/v2/customers/${f.customerId}` : `${api}/v2/users/${agent?.id ?? 0}` },
          assignedTo: { href: `${api}/v2/users/${agent?.id ?? 0}` },
          customer: { href: `${api}/v2/customers/${f.customerId}` },
        },
      };
    });
}

/** A conversation at `now`; `threads` embeds them (`embed=threads`). */
export function renderConversation(company: SyntheticCompany, f: ConversationFacts, now: number, api: string, threads: boolean): Json {
  const agent = agents(company)[f.agent];
  const mailbox = mailboxes(company)[f.mailbox];
  const status = conversationStatus(f, now);
  const customer = customerRef(company, f);
  const visible = threadFacts(company, f).filter((t) => t.at <= now);
  const latest = [...visible].reverse().find((t) => t.type !== 'note') ?? visible[0];
  const billing = f.mailbox === 1;
  const out: Json = {
    id: f.id,
    number: conversationNumber(f.ref),
    threads: visible.length,
    type: 'email',
    folderId: (mailbox?.id ?? 0) * 10 + (status === 'closed' ? 4 : 2),
    status,
    state: 'published',
    subject: topicOf(f),
    preview: plain(latest?.body ?? '').slice(0, 185),
    mailboxId: mailbox?.id,
    assignee: agent ? agentRef(agent) : null,
    createdBy: customer,
    createdAt: hsTime(f.createdAt),
    ...(status === 'closed' ? { closedBy: agent?.id, closedByUser: agent ? agentRef(agent) : null, closedAt: hsTime(f.closedAt) } : { closedBy: 0, closedAt: null }),
    userUpdatedAt: hsTime(conversationModifiedAt(f, now)),
    customerWaitingSince: {
      time: hsTime(f.createdAt),
      friendly: FRIENDLY.format(f.createdAt),
      latestReplyFrom: now >= f.replyAt ? 'user' : 'customer',
    },
    source: { type: 'email', via: 'customer' },
    tags: [{ id: billing ? 9102 : 9101, color: billing ? '#f6a623' : '#4ea0f2', tag: billing ? 'billing' : 'product' }],
    cc: [],
    bcc: [],
    primaryCustomer: customer,
    customFields: [{ id: 8801, name: 'Priority', value: String(['LOW', 'MEDIUM', 'HIGH'].indexOf(f.request.priority) + 1), text: f.request.priority.toLowerCase() }],
  };
  if (threads) out['_embedded'] = { threads: renderThreads(company, f, now, api) };
  out['_links'] = {
    self: { href: `${api}/v2/conversations/${f.id}` },
    mailbox: { href: `${api}/v2/mailboxes/${mailbox?.id ?? 0}` },
    primaryCustomer: { href: `${api}/v2/customers/${f.customerId}` },
    createdByCustomer: { href: `${api}/v2/customers/${f.customerId}` },
    assignee: { href: `${api}/v2/users/${agent?.id ?? 0}` },
    threads: { href: `${api}/v2/conversations/${f.id}/threads` },
    web: { href: `https://secure.helpscout.net/conversation/${f.id}/${conversationNumber(f.ref)}/` },
  };
  return out;
}

/** A customer at `now`. */
export function renderCustomer(company: SyntheticCompany, c: CustomerFacts, now: number, api: string): Json {
  const org = company.organization(c.ref.org);
  const user = company.user(c.ref.org, c.ref.slot);
  const profiled = now >= c.profiledAt;
  const self = `${api}/v2/customers/${c.id}`;
  return {
    id: c.id,
    firstName: user.firstName,
    lastName: user.lastName,
    gender: 'Unknown',
    jobTitle: profiled ? (c.ref.slot === 0 ? 'Account owner' : 'Team member') : '',
    location: org.country,
    organization: org.name,
    photoType: 'unknown',
    photoUrl: '',
    age: '',
    background: profiled ? `Product organization ${org.id}` : '',
    createdAt: hsTime(c.createdAt),
    updatedAt: hsTime(customerModifiedAt(c, now)),
    _embedded: {
      emails: [{ id: 10_000_000_000 + c.id * 4 + 1, value: user.email, type: 'work' }],
      phones: [],
      chats: [],
      social_profiles: [],
      websites: [{ id: 10_000_000_000 + c.id * 4 + 2, value: `https://www.${org.domain}` }],
    },
    _links: {
      address: { href: `${self}/address` },
      chats: { href: `${self}/chats` },
      emails: { href: `${self}/emails` },
      phones: { href: `${self}/phones` },
      'social-profiles': { href: `${self}/social-profiles` },
      websites: { href: `${self}/websites` },
      self: { href: self },
    },
  };
}
