/**
 * When the product's documents are created, updated and deleted, as pure
 * functions of the synthetic company: spaces appear within two months of
 * signup, collections within a month of their space; every document is
 * rewritten periodically (its own interval, 5 to 45 days) so `updatedAt`
 * moves as the clock does. When a churned organization is deleted
 * (`organizationDeletedAt`) its spaces and their collections are deleted
 * for good, its users are disabled and the organization document is
 * soft-deleted (`deletedAt`); none of them changes afterwards.
 */
import { organizationDeletedAt } from '../company/crm-facts.js';
import type { SyntheticCompany } from '../company/synthetic-company.js';
import { DAY, HOUR } from '../duration.js';
import { hashInts, pick, unit } from '../prng.js';
import { MAX_COLLECTIONS } from './firestore-ids.js';

const SALT = { spaceAt: 0xf501, colCount: 0xf502, colAt: 0xf503, every: 0xf504, ms: 0xf505 } as const;

/** Kinds of documents (a salt each, so their schedules differ). */
export const KIND = { organization: 1, user: 2, space: 3, collection: 4 } as const;

/** Creation time of space `k` of organization `i` (space 0 at signup). */
export function spaceCreatedAt(company: SyntheticCompany, i: number, k: number): number {
  const org = company.organization(i);
  if (k === 0) return org.createdAt + 5 * 60_000;
  return org.createdAt + HOUR + Math.floor(unit(company.seed, SALT.spaceAt, i, k) * 60 * DAY);
}

/** Number of collections space `k` of organization `i` ever gets (0 to 4). */
export function collectionCount(company: SyntheticCompany, i: number, k: number): number {
  return Math.min(MAX_COLLECTIONS, pick(5, company.seed, SALT.colCount, i, k));
}

/** Creation time of collection `c` of space `k` of organization `i`. */
export function collectionCreatedAt(company: SyntheticCompany, i: number, k: number, c: number): number {
  return spaceCreatedAt(company, i, k) + 10 * 60_000 + Math.floor(unit(company.seed, SALT.colAt, i, k, c) * 30 * DAY);
}

/** When organization `i` is deleted (its spaces vanish), if ever. */
export function deletedAt(company: SyntheticCompany, i: number): number | undefined {
  return organizationDeletedAt(company, i);
}

/** Where a document is in its life at read time `t`. */
export interface Revision {
  /** 0 at creation, +1 per rewrite. */
  revision: number;
  /** Time of the last write (epoch ms). */
  updatedAt: number;
}

/**
 * The revision of a document created at `createdAt` at time `t` (>= createdAt):
 * rewritten every 5-45 days (fixed per document), frozen at `frozenAt`
 * (a soft delete, which is itself the last write).
 */
export function revisionAt(seed: number, kind: number, key: readonly number[], createdAt: number, t: number, frozenAt?: number): Revision {
  const every = 5 * DAY + pick(40 * 24, seed, SALT.every, kind, ...key) * HOUR + (hashInts(seed, SALT.ms, kind, ...key) % 60_000);
  if (frozenAt !== undefined && t >= frozenAt) {
    return { revision: Math.floor((frozenAt - createdAt) / every) + 1, updatedAt: frozenAt };
  }
  const revision = Math.max(0, Math.floor((t - createdAt) / every));
  return { revision, updatedAt: createdAt + revision * every };
}
