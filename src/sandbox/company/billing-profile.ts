/**
 * A paying organization's billing life, fixed at signup by the seed: plan,
 * seats, trial outcome, an optional upgrade, when it cancels and whether it
 * is deleted afterwards. Everything happens at a fixed offset from signup in
 * some billing period, so a vendor fake can enumerate "all invoices of period
 * j" or "all cancellations in period j" as arithmetic over organization indexes.
 */
import { DAY, HOUR } from '../duration.js';

/** Length of the free trial every paid plan starts with. */
export const TRIAL_MS = 14 * DAY;
/** Length of a billing period (the sandbox bills every 30 days, not calendar months). */
export const PERIOD_MS = 30 * DAY;
/** Delay between an invoice's creation and its first payment attempt (Stripe finalizes after ~1 hour). */
export const FIRST_ATTEMPT_MS = HOUR;
/** Delay between a failed first attempt and the retry (which always succeeds). */
export const RETRY_MS = 3 * DAY;
/** Delay between a successful charge and its refund, for refunded charges. */
export const REFUND_MS = 2 * DAY;
/** Offset into a period at which upgrades happen. */
export const UPGRADE_IN_PERIOD_MS = 10 * DAY;
/** Offset into a period at which cancellations happen. */
export const CANCEL_IN_PERIOD_MS = 20 * DAY;
/** Delay between a cancellation and the customer's deletion, for deleted customers. */
export const DELETE_AFTER_CANCEL_MS = 30 * DAY;

/** Billing facts of one paying organization (times are offsets from its signup). */
export interface BillingProfile {
  /** Plan tier at signup (index into PLANS). */
  tier: number;
  seats: number;
  /** Whether the trial converts into a paid subscription. */
  converts: boolean;
  /** Period (>= 1) in which the plan is upgraded one tier, if it is. */
  upgradePeriod: number | undefined;
  /** Period in which the subscription is canceled: 0 = at trial end (did not convert). */
  cancelPeriod: number;
  /** Whether the customer is deleted DELETE_AFTER_CANCEL_MS after canceling. */
  deletedAfterCancel: boolean;
}

/** Offset from signup of the invoice of period `j` (0 = the trial's $0 invoice at signup). */
export function invoiceOffset(j: number): number {
  return j === 0 ? 0 : TRIAL_MS + (j - 1) * PERIOD_MS;
}

/** Offset from signup of the end of period `j`. */
export function periodEndOffset(j: number): number {
  return TRIAL_MS + j * PERIOD_MS;
}

/** Offset from signup of a cancellation in period `j` (0 = at trial end). */
export function cancelOffset(j: number): number {
  return j === 0 ? TRIAL_MS : invoiceOffset(j) + CANCEL_IN_PERIOD_MS;
}

/** Offset from signup of an upgrade in period `j` (>= 1). */
export function upgradeOffset(j: number): number {
  return invoiceOffset(j) + UPGRADE_IN_PERIOD_MS;
}

/** The period (0 = trial) that contains offset `offset` from signup. */
export function periodAt(offset: number): number {
  if (offset < TRIAL_MS) return 0;
  return Math.floor((offset - TRIAL_MS) / PERIOD_MS) + 1;
}
