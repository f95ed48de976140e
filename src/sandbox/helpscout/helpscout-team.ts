/**
 * The fixed parts of the sandbox's Help Scout account: three mailboxes
 * (inboxes) and the support team (users), created before the company's
 * history starts. The support agents are the same people HubSpot lists as
 * support owners (same names and emails), plus two more.
 */
import type { SyntheticCompany } from '../company/synthetic-company.js';
import { DAY } from '../duration.js';
import { pick } from '../prng.js';

/** Timestamps as Help Scout writes them: ISO 8601 to the second, UTC. */
export function hsTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** One mailbox. */
export interface Mailbox {
  id: number;
  name: string;
  slug: string;
  email: string;
  createdAt: string;
  updatedAt: string;
}

/** One Help Scout user (an agent). */
export interface Agent {
  id: number;
  firstName: string;
  lastName: string;
  email: string;
  role: 'owner' | 'admin' | 'user';
  timezone: string;
  createdAt: string;
  updatedAt: string;
}

const DOMAIN = 'basin-sandbox.example';

const MAILBOXES = [
  { name: 'Support', slug: 'support' },
  { name: 'Billing', slug: 'billing' },
  { name: 'Feedback', slug: 'feedback' },
] as const;

const AGENTS = [
  ['Casey', 'Lindqvist', 'owner', 'Europe/Stockholm'],
  ['Drew', 'Okoro', 'admin', 'Africa/Lagos'],
  ['Jamie', 'Moreau', 'user', 'Europe/Paris'],
  ['Robin', 'Achterberg', 'user', 'Europe/Amsterdam'],
  ['Sam', 'Whitfield', 'user', 'America/New_York'],
] as const;

const MAILBOX_BASE = 310_001;
const AGENT_BASE = 610_001;

const teams = new WeakMap<SyntheticCompany, { mailboxes: Mailbox[]; agents: Agent[] }>();

function teamOf(company: SyntheticCompany): { mailboxes: Mailbox[]; agents: Agent[] } {
  let team = teams.get(company);
  if (!team) {
    team = { mailboxes: makeMailboxes(company), agents: makeAgents(company) };
    teams.set(company, team);
  }
  return team;
}

/** The mailboxes, oldest first. Shared: do not mutate. */
export function mailboxes(company: SyntheticCompany): readonly Mailbox[] {
  return teamOf(company).mailboxes;
}

/** The agents, oldest first. Shared: do not mutate. */
export function agents(company: SyntheticCompany): readonly Agent[] {
  return teamOf(company).agents;
}

function makeMailboxes(company: SyntheticCompany): Mailbox[] {
  return MAILBOXES.map((m, n) => {
    const at = hsTime(company.origin - 90 * DAY + n * 7 * DAY);
    const updated = hsTime(company.origin - 30 * DAY + n * DAY);
    return { id: MAILBOX_BASE + n, name: m.name, slug: m.slug, email: `${m.slug}@${DOMAIN}`, createdAt: at, updatedAt: updated };
  });
}

function makeAgents(company: SyntheticCompany): Agent[] {
  return AGENTS.map(([firstName, lastName, role, timezone], n) => {
    const at = hsTime(company.origin - 80 * DAY + n * 3 * DAY);
    return { id: AGENT_BASE + n, firstName, lastName, email: `${firstName}.${lastName}@${DOMAIN}`.toLowerCase(), role, timezone, createdAt: at, updatedAt: at };
  });
}

/** Mailbox (index into `mailboxes`) of a request about `topic` (SUPPORT_TOPICS index). */
export function mailboxOfTopic(topic: number): number {
  if (topic === 1 || topic === 3) return 1;
  if (topic === 7) return 2;
  return 0;
}

/** The agent (index into `agents`) assigned to support request `t` of organization `i`. */
export function agentOf(company: SyntheticCompany, i: number, t: number): number {
  return pick(AGENTS.length, company.seed, 0x45c0, i, t);
}

/** A mailbox as the API renders it. */
export function renderMailbox(m: Mailbox, api: string): Record<string, unknown> {
  return {
    ...m,
    _links: {
      fields: { href: `${api}/v2/mailboxes/${m.id}/fields` },
      folders: { href: `${api}/v2/mailboxes/${m.id}/folders` },
      self: { href: `${api}/v2/mailboxes/${m.id}` },
    },
  };
}

/** A user as the API renders it. */
export function renderAgent(a: Agent, api: string): Record<string, unknown> {
  return {
    id: a.id,
    firstName: a.firstName,
    lastName: a.lastName,
    email: a.email,
    role: a.role,
    timezone: a.timezone,
    photoUrl: `https://d33v4339jhl8k0.cloudfront.net/users/${a.id}.jpg`,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    type: 'user',
    mention: a.firstName.toLowerCase(),
    initials: `${a.firstName[0] ?? ''}${a.lastName[0] ?? ''}`,
    jobTitle: a.role === 'owner' ? 'Head of Support' : 'Support Engineer',
    phone: '',
    alternateEmails: [],
    _links: { self: { href: `${api}/v2/users/${a.id}` } },
  };
}

/** `{ id, type, first, last, email }`: how conversations and threads reference an agent. */
export function agentRef(a: Agent): Record<string, unknown> {
  return { id: a.id, type: 'user', first: a.firstName, last: a.lastName, email: a.email };
}
