import { listAll, isObject, type StripeObject, type StripeRuntime } from './stripe-api.js';

/**
 * The Stripe streams: what to list, which events update them, and how a
 * listed (or event) object becomes records.
 */
export interface StripeStreamSpec {
  /** Table name. */
  name: string;
  /** List path under /v1. */
  path: string;
  /** Extra list parameters (e.g. `status=all`). */
  params?: Record<string, string>;
  /** Backfill by `created` windows (false: one pass over a small catalog). */
  windowed: boolean;
  /** `object` of the listed items (events whose `data.object` is of another type are ignored). */
  object: string;
  /** Event types (wildcards allowed) that carry changes; undefined: incremental by `created` (append-only objects). */
  events?: string[];
  /** Event types that report a deletion (emitted as deletedKeys). */
  deletes?: string[];
  /** For streams without events: records that may still change (re-read until they settle, e.g. pending balance transactions). */
  mutable?: (record: StripeObject) => boolean;
  /** Listed object -> records (default: itself). */
  toRecords?: (rt: StripeRuntime, object: StripeObject, signal: AbortSignal) => Promise<StripeObject[]>;
}

/** Invoice lines come inside the invoice (`lines.data`); the rest, when `lines.has_more`, from /v1/invoices/{id}/lines. */
async function completeInvoice(rt: StripeRuntime, invoice: StripeObject, signal: AbortSignal): Promise<StripeObject[]> {
  const lines = invoice['lines'];
  if (!isObject(lines) || lines['has_more'] !== true || !Array.isArray(lines['data'])) return [invoice];
  const data = lines['data'].filter(isObject);
  const more = await listAll(rt, `invoices/${encodeURIComponent(String(invoice['id']))}/lines`, {}, signal, String(data.at(-1)?.['id'] ?? ''));
  return [{ ...invoice, lines: { ...lines, data: [...data, ...more], has_more: false } }];
}

/** A subscription's items (`items.data`, paged through /v1/subscription_items when `has_more`), each with its subscription id. */
async function subscriptionItems(rt: StripeRuntime, subscription: StripeObject, signal: AbortSignal): Promise<StripeObject[]> {
  const items = subscription['items'];
  if (!isObject(items) || !Array.isArray(items['data'])) return [];
  let data = items['data'].filter(isObject);
  if (items['has_more'] === true) {
    const more = await listAll(rt, 'subscription_items', { subscription: String(subscription['id']) }, signal, String(data.at(-1)?.['id'] ?? ''));
    data = [...data, ...more];
  }
  return data.map((item) => ({ subscription: subscription['id'], ...item }));
}

/** Every stream, in load order. */
export const STRIPE_STREAMS: readonly StripeStreamSpec[] = [
  { name: 'customers', path: 'customers', object: 'customer', windowed: true, events: ['customer.created', 'customer.updated', 'customer.deleted'], deletes: ['customer.deleted'] },
  { name: 'subscriptions', path: 'subscriptions', params: { status: 'all' }, object: 'subscription', windowed: true, events: ['customer.subscription.*'] },
  {
    name: 'subscription_items',
    path: 'subscriptions',
    params: { status: 'all' },
    object: 'subscription',
    windowed: true,
    events: ['customer.subscription.*'],
    toRecords: subscriptionItems,
  },
  { name: 'invoices', path: 'invoices', object: 'invoice', windowed: true, events: ['invoice.*'], deletes: ['invoice.deleted'], toRecords: completeInvoice },
  { name: 'charges', path: 'charges', object: 'charge', windowed: true, events: ['charge.*'] },
  { name: 'refunds', path: 'refunds', object: 'refund', windowed: true, mutable: (r) => r['status'] === 'pending' || r['status'] === 'requires_action' },
  { name: 'products', path: 'products', object: 'product', windowed: false, events: ['product.*'], deletes: ['product.deleted'] },
  { name: 'prices', path: 'prices', object: 'price', windowed: false, events: ['price.*'], deletes: ['price.deleted'] },
  { name: 'balance_transactions', path: 'balance_transactions', object: 'balance_transaction', windowed: true, mutable: (r) => r['status'] === 'pending' },
];
