/**
 * The one synthetic company behind every vendor fake: a product-led SaaS whose
 * organizations sign up over time, invite users, create spaces, and (some)
 * pay through Stripe. Every fact is a pure function of (seed, index), so any
 * vendor can compute any organization on demand: nothing is materialized and
 * memory does not grow with `scale`. Organizations are numbered in signup
 * order and signup time is strictly increasing in the index, which lets
 * vendors answer "created between t1 and t2" by binary search.
 */
import { COMPANY_WORDS_A, COMPANY_WORDS_B, COUNTRIES, FIRST_NAMES, INDUSTRIES, LAST_NAMES } from './names.js';
import type { Organization, OrganizationUser } from './organization.js';
import type { BillingProfile } from './billing-profile.js';
import { DAY } from '../duration.js';
import { choose, hashInts, pick, unit } from '../prng.js';

/** Organizations signed up before the clock start, at scale 1. */
export const BASE_ORGANIZATIONS = 500;
/** How far back the company's history goes from the clock start. */
export const HISTORY_MS = 730 * DAY;
/** Users other than the first join within this span after their organization signs up. */
export const USER_JOIN_SPAN_MS = 20 * DAY;
/** Share of organizations that start a paid plan (and become Stripe customers). */
export const PAYING_SHARE = 0.6;

/** How to build a SyntheticCompany. */
export interface SyntheticCompanyOptions {
  /** Seed of every random choice (default 1). */
  seed?: number;
  /** Volume multiplier (default 1 = 500 organizations, about 300 paying). */
  scale?: number;
  /** The sandbox clock's start, epoch ms: the history ends here and new signups continue after it. */
  start: number;
}

// Salts: one per independent random attribute.
const S = {
  jitter: 1, paying: 2, nameA: 3, nameB: 4, country: 5, industry: 6, users: 7, spaces: 8, tier: 9, seats: 10,
  converts: 11, upgrade: 12, upgradePeriod: 13, cancel: 14, deleted: 15, attempt: 16, refund: 17, first: 18,
  last: 19, userJoin: 20, id: 21,
} as const;

/** Monthly churn of converted subscriptions. */
const MONTHLY_CHURN = 0.035;

const MEMO_SIZE = 4096;

function memo<T>(map: Map<number, T>, key: number, make: () => T): T {
  const hit = map.get(key);
  if (hit !== undefined) return hit;
  if (map.size >= MEMO_SIZE) map.clear();
  const value = make();
  map.set(key, value);
  return value;
}

export class SyntheticCompany {
  /** The seed. */
  readonly seed: number;
  /** The volume multiplier. */
  readonly scale: number;
  /** The clock start (epoch ms). */
  readonly start: number;
  /** Signup time of organization 0 (epoch ms). */
  readonly origin: number;
  /** Mean time between two signups (ms). */
  readonly signupInterval: number;
  /** Organizations signed up before `start`. */
  readonly initialOrganizations: number;

  // Small bounded memos: a page touches the same organizations many times.
  private readonly orgMemo = new Map<number, Organization>();
  private readonly billingMemo = new Map<number, BillingProfile>();

  constructor(options: SyntheticCompanyOptions) {
    this.seed = (options.seed ?? 1) >>> 0;
    this.scale = options.scale ?? 1;
    if (!(this.scale > 0) || !Number.isFinite(this.scale)) throw new RangeError(`scale must be > 0, got ${this.scale}`);
    this.start = options.start;
    this.initialOrganizations = Math.max(1, Math.round(BASE_ORGANIZATIONS * this.scale));
    this.origin = this.start - HISTORY_MS;
    this.signupInterval = HISTORY_MS / this.initialOrganizations;
  }

  /** Signup time of organization `i` (epoch ms); strictly increasing in `i`. */
  createdAt(i: number): number {
    return Math.floor(this.origin + (i + 0.9 * unit(this.seed, S.jitter, i)) * this.signupInterval);
  }

  /** Number of organizations signed up at or before `t` (epoch ms): the indexes 0..n-1. */
  countAt(t: number): number {
    if (t < this.origin) return 0;
    let n = Math.floor((t - this.origin) / this.signupInterval) + 1;
    while (n > 0 && this.createdAt(n - 1) > t) n--;
    while (this.createdAt(n) <= t) n++;
    return n;
  }

  /** Whether organization `i` ever pays (is a Stripe customer). */
  isPaying(i: number): boolean {
    return unit(this.seed, S.paying, i) < PAYING_SHARE;
  }

  /** Organization `i` (any index >= 0; those past `countAt(now)` have not signed up yet). Shared: do not mutate. */
  organization(i: number): Organization {
    return memo(this.orgMemo, i, () => this.makeOrganization(i));
  }

  private makeOrganization(i: number): Organization {
    const a = choose(COMPANY_WORDS_A, this.seed, S.nameA, i);
    const b = choose(COMPANY_WORDS_B, this.seed, S.nameB, i);
    const paying = this.isPaying(i);
    const seats = paying ? this.billing(i).seats : 0;
    return {
      index: i,
      id: this.productId('org', i, 0),
      name: `${a} ${b}`,
      domain: `${a}${b}-${i.toString(36)}.com`.toLowerCase(),
      country: choose(COUNTRIES, this.seed, S.country, i),
      industry: choose(INDUSTRIES, this.seed, S.industry, i),
      createdAt: this.createdAt(i),
      userCount: Math.max(seats, 1 + pick(4, this.seed, S.users, i)),
      spaceCount: 1 + pick(paying ? 12 : 3, this.seed, S.spaces, i),
      paying,
    };
  }

  /** User `k` (< organization(i).userCount) of organization `i`; user 0 is the one who signed up. */
  user(i: number, k: number): OrganizationUser {
    const org = this.organization(i);
    const firstName = choose(FIRST_NAMES, this.seed, S.first, i, k);
    const lastName = choose(LAST_NAMES, this.seed, S.last, i, k);
    return {
      organization: i,
      index: k,
      id: this.productId('usr', i, k),
      firstName,
      lastName,
      email: `${firstName}.${lastName}${k > 0 ? k : ''}@${org.domain}`.toLowerCase(),
      createdAt: this.userCreatedAt(i, k),
    };
  }

  /** When user `k` of organization `i` joined (epoch ms): `user(i, k).createdAt` without building the user. */
  userCreatedAt(i: number, k: number): number {
    return this.createdAt(i) + (k === 0 ? 0 : Math.floor(unit(this.seed, S.userJoin, i, k) * USER_JOIN_SPAN_MS));
  }

  /** The billing life of organization `i` (meaningful when it is paying). Shared: do not mutate. */
  billing(i: number): BillingProfile {
    return memo(this.billingMemo, i, () => this.makeBilling(i));
  }

  private makeBilling(i: number): BillingProfile {
    const tierRoll = unit(this.seed, S.tier, i);
    const tier = tierRoll < 0.55 ? 0 : tierRoll < 0.88 ? 1 : 2;
    const seatRoll = unit(this.seed, S.seats, i);
    const converts = unit(this.seed, S.converts, i) < 0.78;
    const churnRoll = Math.max(unit(this.seed, S.cancel, i), 1e-12);
    const cancelPeriod = converts ? 1 + Math.floor(Math.log(churnRoll) / Math.log(1 - MONTHLY_CHURN)) : 0;
    const upgradePeriod =
      converts && tier < 2 && unit(this.seed, S.upgrade, i) < 0.3 ? 1 + pick(12, this.seed, S.upgradePeriod, i) : undefined;
    return {
      tier,
      seats: 1 + Math.floor(seatRoll * seatRoll * seatRoll * 60),
      converts,
      upgradePeriod: upgradePeriod !== undefined && upgradePeriod < cancelPeriod ? upgradePeriod : undefined,
      cancelPeriod,
      deletedAfterCancel: unit(this.seed, S.deleted, i) < 0.25,
    };
  }

  /** Whether the first payment attempt of period `j`'s invoice of organization `i` fails (then a retry succeeds). */
  firstAttemptFails(i: number, j: number): boolean {
    return unit(this.seed, S.attempt, i, j) < 0.05;
  }

  /** Whether the successful charge of period `j` of organization `i` is refunded. */
  refunded(i: number, j: number): boolean {
    return unit(this.seed, S.refund, i, j) < 0.03;
  }

  /** A stable, opaque product-side id (20 characters, like a Firestore auto-id). */
  productId(kind: string, i: number, k: number): string {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    let out = '';
    const salt = kind.length * 131 + (kind.charCodeAt(0) || 0);
    for (let c = 0; c < 20; c++) out += alphabet[hashInts(this.seed, S.id, salt, i, k, c) % 62];
    return out;
  }
}
