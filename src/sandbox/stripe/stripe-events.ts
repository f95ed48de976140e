/**
 * `/v1/events`: every change in the synthetic billing history, as Stripe
 * reports it. Each event kind is a family of lanes (one per billing period)
 * at a fixed offset from the organization's signup; `data.object` is the
 * object as it was at the event's time.
 */
import {
  DELETE_AFTER_CANCEL_MS,
  FIRST_ATTEMPT_MS,
  REFUND_MS,
  RETRY_MS,
  TRIAL_MS,
  cancelOffset,
  invoiceOffset,
  upgradeOffset,
} from '../company/billing-profile.js';
import { DAY } from '../duration.js';
import type { Lane } from '../timeline/lane-list.js';
import { periodsAt } from './stripe-collections.js';
import { laneKey, splitLane } from './stripe-ids.js';
import { sec, type StripeAccount, type StripeObject } from './stripe-account.js';

/** Events older than this are not served (Stripe keeps 30 days). */
export const EVENT_RETENTION_MS = 30 * DAY;
/** The API version events are rendered with. */
export const API_VERSION = '2023-08-16';

interface EventKind {
  kind: number;
  type: string;
  /** Periods the kind occurs in: only 0, or 1.. (billing periods), or all. */
  periods: 'trial' | 'billing' | 'all';
  offset(j: number): number;
  exists(a: StripeAccount, i: number, j: number): boolean;
  object(a: StripeAccount, i: number, j: number, t: number): StripeObject;
  previous?(a: StripeAccount, i: number, j: number, t: number): StripeObject;
}

const first = (j: number): number => invoiceOffset(j) + FIRST_ATTEMPT_MS;
const finalizedAt = (j: number): number => (j === 0 ? 0 : first(j));
/** Whether period j's first attempt fails (the subscription is past_due and the customer delinquent until the retry). */
const dunning = (a: StripeAccount, i: number, j: number): boolean => a.invoiceEver(i, j) && a.fails(i, j);

/** `previous_attributes`: the top-level fields of `before` that differ in `after`, with their old values. */
function changedFields(before: StripeObject, after: StripeObject): StripeObject {
  const out: StripeObject = {};
  for (const [k, v] of Object.entries(before)) if (JSON.stringify(v) !== JSON.stringify(after[k])) out[k] = v;
  return out;
}

/** An update event's previous attributes: what `object` changed between just before the event and its time. */
const diff =
  (object: (a: StripeAccount, i: number, t: number) => StripeObject) =>
  (a: StripeAccount, i: number, _j: number, t: number): StripeObject =>
    changedFields(object(a, i, t - 1), object(a, i, t));
const subscriptionAt = (a: StripeAccount, i: number, t: number): StripeObject => a.subscription(i, t);
const customerAt = (a: StripeAccount, i: number, t: number): StripeObject => a.customer(i, t);

/** Every event kind the fake emits. */
export const EVENT_KINDS: readonly EventKind[] = [
  { kind: 20, type: 'customer.created', periods: 'trial', offset: () => 0, exists: () => true, object: (a, i, _j, t) => a.customer(i, t) },
  { kind: 21, type: 'customer.subscription.created', periods: 'trial', offset: () => 0, exists: () => true, object: (a, i, _j, t) => a.subscription(i, t) },
  { kind: 22, type: 'invoice.created', periods: 'all', offset: invoiceOffset, exists: (a, i, j) => a.invoiceEver(i, j), object: (a, i, j, t) => a.invoice(i, j, t) },
  { kind: 23, type: 'invoice.finalized', periods: 'all', offset: finalizedAt, exists: (a, i, j) => a.invoiceEver(i, j), object: (a, i, j, t) => a.invoice(i, j, t) },
  { kind: 24, type: 'invoice.paid', periods: 'all', offset: finalizedAt, exists: (a, i, j) => a.invoiceEver(i, j) && !a.fails(i, j), object: (a, i, j, t) => a.invoice(i, j, t) },
  { kind: 25, type: 'invoice.payment_failed', periods: 'billing', offset: first, exists: (a, i, j) => a.invoiceEver(i, j) && a.fails(i, j), object: (a, i, j, t) => a.invoice(i, j, t) },
  { kind: 26, type: 'charge.succeeded', periods: 'billing', offset: first, exists: (a, i, j) => a.invoiceEver(i, j) && !a.fails(i, j), object: (a, i, j, t) => a.charge(i, j, 0, t) },
  { kind: 27, type: 'charge.failed', periods: 'billing', offset: first, exists: (a, i, j) => a.invoiceEver(i, j) && a.fails(i, j), object: (a, i, j, t) => a.charge(i, j, 0, t) },
  { kind: 28, type: 'charge.succeeded', periods: 'billing', offset: (j) => first(j) + RETRY_MS, exists: (a, i, j) => a.invoiceEver(i, j) && a.fails(i, j), object: (a, i, j, t) => a.charge(i, j, 1, t) },
  { kind: 29, type: 'invoice.paid', periods: 'billing', offset: (j) => first(j) + RETRY_MS, exists: (a, i, j) => a.invoiceEver(i, j) && a.fails(i, j), object: (a, i, j, t) => a.invoice(i, j, t) },
  {
    kind: 30, type: 'charge.refunded', periods: 'billing', offset: (j) => first(j) + REFUND_MS,
    exists: (a, i, j) => a.refundEver(i, j), object: (a, i, j, t) => a.charge(i, j, 0, t),
    previous: () => ({ amount_refunded: 0, refunded: false }),
  },
  {
    kind: 31, type: 'customer.subscription.updated', periods: 'trial', offset: () => TRIAL_MS,
    exists: (a, i) => a.company.billing(i).converts, object: (a, i, _j, t) => a.subscription(i, t),
    previous: (a, i) => {
      const c = a.company.createdAt(i);
      return { status: 'trialing', current_period_start: sec(c), current_period_end: sec(c + TRIAL_MS), latest_invoice: a.ids.make(4, i, 0) };
    },
  },
  {
    kind: 32, type: 'customer.subscription.updated', periods: 'billing', offset: upgradeOffset,
    exists: (a, i, j) => a.company.billing(i).upgradePeriod === j, object: (a, i, _j, t) => a.subscription(i, t),
    previous: (a, i, _j, t) => {
      const before = a.subscription(i, t - 1);
      return { items: before.items, plan: before.plan };
    },
  },
  {
    kind: 33, type: 'customer.subscription.deleted', periods: 'all', offset: cancelOffset,
    exists: (a, i, j) => a.company.billing(i).cancelPeriod === j, object: (a, i, _j, t) => a.subscription(i, t),
  },
  {
    kind: 34, type: 'customer.deleted', periods: 'all', offset: (j) => cancelOffset(j) + DELETE_AFTER_CANCEL_MS,
    exists: (a, i, j) => a.company.billing(i).cancelPeriod === j && a.company.billing(i).deletedAfterCancel,
    // The deleted customer's last state, as Stripe sends it.
    object: (a, i, _j, t) => ({ ...a.customer(i, t - 1), deleted: true }),
  },
  // Renewal of period j >= 2 (period 1 starts with the trial's end, kind 31): current_period_*, latest_invoice.
  {
    kind: 35, type: 'customer.subscription.updated', periods: 'billing', offset: invoiceOffset,
    exists: (a, i, j) => j >= 2 && a.invoiceEver(i, j), object: (a, i, _j, t) => a.subscription(i, t),
    previous: diff(subscriptionAt),
  },
  // A failed first attempt: the subscription turns past_due and the customer delinquent; the retry undoes both.
  {
    kind: 36, type: 'customer.subscription.updated', periods: 'billing', offset: first,
    exists: dunning, object: (a, i, _j, t) => a.subscription(i, t), previous: diff(subscriptionAt),
  },
  {
    kind: 37, type: 'customer.subscription.updated', periods: 'billing', offset: (j) => first(j) + RETRY_MS,
    exists: dunning, object: (a, i, _j, t) => a.subscription(i, t), previous: diff(subscriptionAt),
  },
  {
    kind: 38, type: 'customer.updated', periods: 'billing', offset: first,
    exists: dunning, object: (a, i, _j, t) => a.customer(i, t), previous: diff(customerAt),
  },
  {
    kind: 39, type: 'customer.updated', periods: 'billing', offset: (j) => first(j) + RETRY_MS,
    exists: dunning, object: (a, i, _j, t) => a.customer(i, t), previous: diff(customerAt),
  },
  // Each new invoice moves the customer's next_invoice_sequence ("any property of a customer changes").
  {
    kind: 40, type: 'customer.updated', periods: 'trial', offset: () => TRIAL_MS,
    exists: (a, i) => a.company.billing(i).converts, object: (a, i, _j, t) => a.customer(i, t), previous: diff(customerAt),
  },
  {
    kind: 41, type: 'customer.updated', periods: 'billing', offset: invoiceOffset,
    exists: (a, i, j) => j >= 2 && a.invoiceEver(i, j), object: (a, i, _j, t) => a.customer(i, t), previous: diff(customerAt),
  },
];

const BY_KIND = new Map(EVENT_KINDS.map((k) => [k.kind, k]));

/** Lanes of the events matching `accepts(type)`, for periods reachable at `now`. */
export function eventLanes(account: StripeAccount, now: number, accepts: (type: string) => boolean): Lane[] {
  const lanes: Lane[] = [];
  const periods = periodsAt(account, now);
  for (const kind of EVENT_KINDS) {
    if (!accepts(kind.type)) continue;
    const from = kind.periods === 'billing' ? 1 : 0;
    const to = kind.periods === 'trial' ? 0 : periods;
    for (let j = from; j <= to; j++) {
      lanes.push({
        key: laneKey(kind.kind, j),
        offset: kind.offset(j),
        exists: (i) => account.company.isPaying(i) && kind.exists(account, i, j),
      });
    }
  }
  return lanes;
}

/** Offset of an event lane, or undefined for keys that are not events. */
export function eventOffset(key: number): number | undefined {
  const { kind, period } = splitLane(key);
  return BY_KIND.get(kind)?.offset(period);
}

/** Whether the event (lane key, index) ever happens. */
export function eventExists(account: StripeAccount, key: number, i: number): boolean {
  const { kind, period } = splitLane(key);
  const def = BY_KIND.get(kind);
  if (!def || !account.company.isPaying(i)) return false;
  if (def.periods === 'trial' && period !== 0) return false;
  if (def.periods === 'billing' && period === 0) return false;
  return def.exists(account, i, period);
}

/** The event object for (lane key, index). */
export function buildEvent(account: StripeAccount, key: number, i: number): StripeObject {
  const { kind, period } = splitLane(key);
  const def = BY_KIND.get(kind);
  if (!def) throw new Error(`unknown event kind ${kind}`);
  const time = account.company.createdAt(i) + def.offset(period);
  const data: StripeObject = { object: def.object(account, i, period, time) };
  if (def.previous) data.previous_attributes = def.previous(account, i, period, time);
  return {
    id: account.ids.event(key, i),
    object: 'event',
    account: account.accountId,
    api_version: API_VERSION,
    created: sec(time),
    data,
    livemode: false,
    pending_webhooks: 0,
    request: { id: null, idempotency_key: null },
    type: def.type,
  };
}
