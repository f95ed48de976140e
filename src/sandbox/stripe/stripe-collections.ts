/**
 * Each listable Stripe resource as a set of lanes (see timeline/lane-list.ts)
 * plus a builder that turns a listed position into the object.
 */
import { FIRST_ATTEMPT_MS, REFUND_MS, RETRY_MS, invoiceOffset, periodAt } from '../company/billing-profile.js';
import type { Lane } from '../timeline/lane-list.js';
import { KIND, laneKey } from './stripe-ids.js';
import type { StripeAccount, StripeObject } from './stripe-account.js';

/** A listable resource. */
export interface Collection {
  /** List URL (`/v1/invoices`). */
  url: string;
  /** Every lane of the resource at the time the collection was made. */
  lanes: Lane[];
  /** The object at a listed position, as of `now`. */
  build(key: number, index: number, now: number): StripeObject;
}

/** Number of billing periods any organization can have reached at `now`. */
export function periodsAt(account: StripeAccount, now: number): number {
  return periodAt(now - account.company.createdAt(0)) + 1;
}

function lanesByPeriod(
  account: StripeAccount,
  now: number,
  kind: number,
  offset: (j: number) => number,
  exists: (i: number, j: number, now: number) => boolean,
  firstPeriod = 0,
): Lane[] {
  const lanes: Lane[] = [];
  const periods = periodsAt(account, now);
  for (let j = firstPeriod; j <= periods; j++) {
    lanes.push({ key: laneKey(kind, j), offset: offset(j), exists: (i, t) => exists(i, j, t) });
  }
  return lanes;
}

/** Customers (deleted ones are not listed). */
export function customers(account: StripeAccount): Collection {
  return {
    url: '/v1/customers',
    lanes: [{ key: laneKey(KIND.customer), offset: 0, exists: (i, t) => account.customerLive(i, t) }],
    build: (_key, i, now) => account.customer(i, now),
  };
}

/** Subscriptions; `status` filters by the status at `now` ('all' = every one, default = not canceled). */
export function subscriptions(account: StripeAccount, status: string | undefined): Collection {
  const company = account.company;
  const matches = (i: number, t: number): boolean => {
    if (!company.isPaying(i)) return false;
    if (status === 'all') return true;
    const s = account.subscriptionState(i, t).status;
    if (status === undefined) return s !== 'canceled';
    if (status === 'ended') return s === 'canceled';
    return s === status;
  };
  return {
    url: '/v1/subscriptions',
    lanes: [{ key: laneKey(KIND.subscription), offset: 0, exists: matches }],
    build: (_key, i, now) => account.subscription(i, now),
  };
}

/** Invoices; `status` filters by the status at `now`. */
export function invoices(account: StripeAccount, now: number, status: string | undefined): Collection {
  return {
    url: '/v1/invoices',
    lanes: lanesByPeriod(account, now, KIND.invoice, invoiceOffset, (i, j, t) => {
      if (!account.invoiceEver(i, j)) return false;
      return status === undefined || account.invoice(i, j, t).status === status;
    }),
    build: (key, i, t) => account.invoice(i, key % 1024, t),
  };
}

/** Charges: first attempts, then retries of failed ones. */
export function charges(account: StripeAccount, now: number): Collection {
  const first = (j: number): number => invoiceOffset(j) + FIRST_ATTEMPT_MS;
  return {
    url: '/v1/charges',
    lanes: [
      ...lanesByPeriod(account, now, KIND.charge, first, (i, j) => account.invoiceEver(i, j), 1),
      ...lanesByPeriod(account, now, KIND.retryCharge, (j) => first(j) + RETRY_MS, (i, j) => account.invoiceEver(i, j) && account.fails(i, j), 1),
    ],
    build: (key, i, t) => account.charge(i, key % 1024, Math.floor(key / 1024) === KIND.charge ? 0 : 1, t),
  };
}

/** Refunds. */
export function refunds(account: StripeAccount, now: number): Collection {
  return {
    url: '/v1/refunds',
    lanes: lanesByPeriod(account, now, KIND.refund, (j) => invoiceOffset(j) + FIRST_ATTEMPT_MS + REFUND_MS, (i, j) => account.refundEver(i, j), 1),
    build: (key, i) => account.refund(i, key % 1024),
  };
}

/** Balance transactions; `type` = 'charge' | 'refund' narrows them. */
export function balanceTransactions(account: StripeAccount, now: number, type: string | undefined): Collection {
  const first = (j: number): number => invoiceOffset(j) + FIRST_ATTEMPT_MS;
  const lanes: Lane[] = [];
  if (type === undefined || type === 'charge') {
    lanes.push(...lanesByPeriod(account, now, KIND.chargeTxn, first, (i, j) => account.invoiceEver(i, j) && !account.fails(i, j), 1));
    lanes.push(...lanesByPeriod(account, now, KIND.retryChargeTxn, (j) => first(j) + RETRY_MS, (i, j) => account.invoiceEver(i, j) && account.fails(i, j), 1));
  }
  if (type === undefined || type === 'refund') {
    lanes.push(...lanesByPeriod(account, now, KIND.refundTxn, (j) => first(j) + REFUND_MS, (i, j) => account.refundEver(i, j), 1));
  }
  return {
    url: '/v1/balance_transactions',
    lanes,
    build: (key, i, t) => account.balanceTransaction(Math.floor(key / 1024), i, key % 1024, t),
  };
}
