/**
 * When log entries happen. Time is cut into one-minute buckets; bucket `b`
 * holds a seeded number of slots proportional to the organizations signed up
 * at its start (with a daily rhythm), each slot a moment in the minute and a
 * randomly picked organization. A slot whose organization is no longer
 * active (its subscription canceled, or deleted) logs nothing, so volume
 * follows the active organizations. Everything is a pure function of
 * (seed, bucket, slot): a page costs the buckets it spans, at any scale.
 */
import { cancelOffset } from '../company/billing-profile.js';
import { organizationDeletedAt } from '../company/crm-facts.js';
import type { SyntheticCompany } from '../company/synthetic-company.js';
import { DAY, MINUTE } from '../duration.js';
import { hashInts, pick, unit } from '../prng.js';

/** Length of a bucket. */
export const BUCKET_MS = MINUTE;
/** Slots per signed-up organization per day (about 2,000 entries a day at scale 1). */
export const SLOTS_PER_ORG_PER_DAY = 5;
/** Longest delay between an entry's timestamp and its receipt (entries land late). */
export const MAX_RECEIVE_DELAY_MS = 4 * MINUTE;

const SALT = { count: 0x1061, at: 0x1062, org: 0x1063, delay: 0x1064, late: 0x1065 } as const;

/** One slot that logs: when, who, and its seeded identity. */
export interface LogSlot {
  bucket: number;
  slot: number;
  /** Entry timestamp (µs since the epoch). */
  micros: number;
  /** Receive timestamp (µs): a little later, sometimes minutes later. */
  receiveMicros: number;
  organization: number;
}

/** Relative traffic by hour of day (UTC): quiet at night, busy in working hours. */
function rhythm(ms: number): number {
  const hour = (ms % DAY) / 3_600_000;
  return 1 + 0.6 * Math.sin(((hour - 9) / 24) * 2 * Math.PI);
}

/** Whether organization `i` still uses the product at `ms`. */
export function isActive(company: SyntheticCompany, i: number, ms: number): boolean {
  const deleted = organizationDeletedAt(company, i);
  if (deleted !== undefined && deleted <= ms) return false;
  if (!company.isPaying(i)) return true;
  return company.createdAt(i) + cancelOffset(company.billing(i).cancelPeriod) > ms;
}

/** Number of slots in bucket `b`. */
export function slotCount(company: SyntheticCompany, bucket: number): number {
  const start = bucket * BUCKET_MS;
  const orgs = company.countAt(start);
  if (orgs === 0) return 0;
  const expected = ((orgs * SLOTS_PER_ORG_PER_DAY * BUCKET_MS) / DAY) * rhythm(start);
  return Math.floor(expected + unit(company.seed, SALT.count, bucket));
}

/** The slots of bucket `b` that log something (active organizations), in slot order. */
export function bucketSlots(company: SyntheticCompany, bucket: number): LogSlot[] {
  const start = bucket * BUCKET_MS;
  const n = slotCount(company, bucket);
  const orgs = company.countAt(start);
  const out: LogSlot[] = [];
  for (let s = 0; s < n; s++) {
    const micros = start * 1000 + (hashInts(company.seed, SALT.at, bucket, s) % (BUCKET_MS * 1000));
    const organization = pick(orgs, company.seed, SALT.org, bucket, s);
    if (!isActive(company, organization, Math.floor(micros / 1000))) continue;
    const late = unit(company.seed, SALT.late, bucket, s) < 0.05;
    const delay = late
      ? 5_000_000 + (hashInts(company.seed, SALT.delay, bucket, s) % (MAX_RECEIVE_DELAY_MS * 1000 - 5_000_000))
      : 20_000 + (hashInts(company.seed, SALT.delay, bucket, s) % 880_000);
    out.push({ bucket, slot: s, micros, receiveMicros: micros + delay, organization });
  }
  return out;
}
