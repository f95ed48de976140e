/**
 * Derived facts the CRM and support fakes share, computed on demand from the
 * seed like everything else in the company: when an organization is deleted
 * (a churned customer removed a month after canceling, as Stripe deletes
 * it) and the support requests its users file (HubSpot tickets, later Help
 * Scout conversations).
 */
import { DAY, HOUR } from '../duration.js';
import { hashInts, pick, unit } from '../prng.js';
import { DELETE_AFTER_CANCEL_MS, cancelOffset } from './billing-profile.js';
import type { SyntheticCompany } from './synthetic-company.js';

/** Support requests are filed within this span after signup. */
export const SUPPORT_WINDOW_MS = 90 * DAY;
/** Longest time a support request stays open. */
export const SUPPORT_MAX_OPEN_MS = 72 * HOUR;
/** Most support requests per organization. */
export const MAX_SUPPORT_REQUESTS = 4;

const SALT = { count: 0x5c01, at: 0x5c02, open: 0x5c03, topic: 0x5c04, priority: 0x5c05, user: 0x5c06 } as const;

/** One support request of an organization. */
export interface SupportRequest {
  organization: number;
  /** Position within the organization (< supportRequestCount). */
  index: number;
  /** Index of the user who filed it (< userCount). */
  user: number;
  createdAt: number;
  closedAt: number;
  /** Index into SUPPORT_TOPICS. */
  topic: number;
  priority: 'LOW' | 'MEDIUM' | 'HIGH';
}

/** What support requests are about. */
export const SUPPORT_TOPICS = [
  'Cannot invite a teammate',
  'Question about my invoice',
  'Export to CSV fails',
  'How do I change my plan?',
  'SSO configuration',
  'Space permissions are confusing',
  'Sync seems slow',
  'Feature request: dark mode',
] as const;

/** When organization `i` is deleted (epoch ms): a quarter of churned customers, 30 days after canceling; else undefined. */
export function organizationDeletedAt(company: SyntheticCompany, i: number): number | undefined {
  if (!company.isPaying(i)) return undefined;
  const b = company.billing(i);
  if (!b.deletedAfterCancel) return undefined;
  return company.createdAt(i) + cancelOffset(b.cancelPeriod) + DELETE_AFTER_CANCEL_MS;
}

/** Number of support requests organization `i` ever files (paying organizations file more). */
export function supportRequestCount(company: SyntheticCompany, i: number): number {
  return pick(company.isPaying(i) ? MAX_SUPPORT_REQUESTS + 1 : 3, company.seed, SALT.count, i);
}

/** Support request `t` of organization `i` (t < supportRequestCount). */
export function supportRequest(company: SyntheticCompany, i: number, t: number): SupportRequest {
  const org = company.organization(i);
  const createdAt = org.createdAt + Math.floor(unit(company.seed, SALT.at, i, t) * SUPPORT_WINDOW_MS);
  const roll = unit(company.seed, SALT.priority, i, t);
  return {
    organization: i,
    index: t,
    user: pick(org.userCount, company.seed, SALT.user, i, t),
    createdAt,
    closedAt: createdAt + HOUR + (hashInts(company.seed, SALT.open, i, t) % (SUPPORT_MAX_OPEN_MS - HOUR)),
    topic: pick(SUPPORT_TOPICS.length, company.seed, SALT.topic, i, t),
    priority: roll < 0.6 ? 'LOW' : roll < 0.9 ? 'MEDIUM' : 'HIGH',
  };
}
