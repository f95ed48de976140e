/**
 * The Stripe read API over one StripeAccount: list and retrieve handlers for
 * customers, subscriptions, subscription items, invoices (+ lines), charges,
 * refunds, products, prices, balance transactions and events.
 */
import { decodeId } from '../id-codec.js';
import { listLanes, type Lane } from '../timeline/lane-list.js';
import { type StripeAccount, type StripeObject } from './stripe-account.js';
import {
  balanceTransactions,
  charges,
  customers,
  invoices,
  refunds,
  subscriptions,
  type Collection,
} from './stripe-collections.js';
import { StripeApiError, badParam, noSuch } from './stripe-errors.js';
import { buildEvent, eventExists, eventLanes, eventOffset, EVENT_RETENTION_MS } from './stripe-events.js';
import { expandObject } from './stripe-expand.js';
import { KIND, splitLane } from './stripe-ids.js';
import { LIST_PARAMS, listParams, parseParams, type ListParams, type StripeParams } from './stripe-params.js';

/** One GET, already authenticated. */
export interface StripeCall {
  account: StripeAccount;
  /** Path segments after `/v1/`. */
  segments: string[];
  search: URLSearchParams;
  now: number;
  /** Corrupt one record of a list page (fault injection). */
  malformed: boolean;
}

const NAMES: Record<number, string> = {
  [KIND.customer]: 'customer',
  [KIND.subscription]: 'subscription',
  [KIND.subscriptionItem]: 'subscription item',
  [KIND.invoice]: 'invoice',
  [KIND.charge]: 'charge',
  [KIND.retryCharge]: 'charge',
  [KIND.refund]: 'refund',
  [KIND.chargeTxn]: 'balance transaction',
  [KIND.retryChargeTxn]: 'balance transaction',
  [KIND.refundTxn]: 'balance transaction',
  [KIND.product]: 'product',
  [KIND.price]: 'price',
};

/** Any object by id at `now`, or undefined (used by GET and by `expand`). */
export function retrieve(account: StripeAccount, id: string, now: number): StripeObject | undefined {
  const company = account.company;
  if (id.startsWith('evt_')) {
    const e = account.ids.parseEvent(id);
    if (!e) return undefined;
    const offset = eventOffset(e.lane);
    if (offset === undefined || !eventExists(account, e.lane, e.index)) return undefined;
    const time = company.createdAt(e.index) + offset;
    if (time > now || time < now - EVENT_RETENTION_MS) return undefined;
    return buildEvent(account, e.lane, e.index);
  }
  const parsed = account.ids.parse(id, Object.keys(NAMES).map(Number));
  if (!parsed) return undefined;
  const { kind, period: j, index: i } = parsed;
  if (kind === KIND.product || kind === KIND.price) {
    if (j !== 0 || i >= account.catalogSize) return undefined;
    return kind === KIND.product ? account.product(i) : account.price(i);
  }
  if (!company.isPaying(i) || company.createdAt(i) > now) return undefined;
  switch (kind) {
    case KIND.customer:
      return j === 0 ? account.customer(i, now) : undefined;
    case KIND.subscription:
      return j === 0 ? account.subscription(i, now) : undefined;
    case KIND.subscriptionItem:
      return j === 0 ? account.subscriptionItem(i, now) : undefined;
    case KIND.invoice:
      return account.invoiceEver(i, j) && account.invoiceTime(i, j) <= now ? account.invoice(i, j, now) : undefined;
    case KIND.charge:
      return j > 0 && account.invoiceEver(i, j) && account.chargeTime(i, j, 0) <= now ? account.charge(i, j, 0, now) : undefined;
    case KIND.retryCharge:
    case KIND.retryChargeTxn:
      if (!(j > 0 && account.invoiceEver(i, j) && account.fails(i, j) && account.chargeTime(i, j, 1) <= now)) return undefined;
      return kind === KIND.retryCharge ? account.charge(i, j, 1, now) : account.balanceTransaction(kind, i, j, now);
    case KIND.chargeTxn:
      return j > 0 && account.invoiceEver(i, j) && !account.fails(i, j) && account.chargeTime(i, j, 0) <= now
        ? account.balanceTransaction(kind, i, j, now)
        : undefined;
    case KIND.refund:
    case KIND.refundTxn:
      if (!(account.refundEver(i, j) && account.refundTime(i, j) <= now)) return undefined;
      return kind === KIND.refund ? account.refund(i, j) : account.balanceTransaction(kind, i, j, now);
    default:
      return undefined;
  }
}

function list(url: string, data: StripeObject[], hasMore: boolean): StripeObject {
  return { object: 'list', data, has_more: hasMore, url };
}

/** Organization index named by an id of `kind` (404 with `param` when unknown). */
function indexOf(call: StripeCall, id: string, kind: number, param: string): number {
  const parsed = call.account.ids.parse(id, [kind]);
  if (!parsed || !call.account.company.isPaying(parsed.index) || call.account.company.createdAt(parsed.index) > call.now) {
    throw noSuch(NAMES[kind] ?? 'object', id, param);
  }
  return parsed.index;
}

function runLanes(call: StripeCall, collection: Collection, lp: ListParams, indexes?: [number, number], from?: number): StripeObject {
  const { account, now } = call;
  const company = account.company;
  const position = (id: string, param: string) => {
    const prefix = id.slice(0, Math.max(0, id.indexOf('_')));
    const decoded = decodeId(prefix, company.seed, id);
    const lane: Lane | undefined = decoded && collection.lanes.find((l) => l.key === decoded.lane);
    if (!decoded || !lane) throw noSuch('object', id, param);
    return { time: company.createdAt(decoded.index) + lane.offset, key: lane.key, index: decoded.index };
  };
  const page = listLanes(company, collection.lanes, {
    now,
    limit: lp.limit,
    from: from === undefined ? lp.from : Math.max(from, lp.from ?? -Infinity),
    to: lp.to,
    after: lp.startingAfter ? position(lp.startingAfter, 'starting_after') : undefined,
    before: lp.endingBefore ? position(lp.endingBefore, 'ending_before') : undefined,
    indexes,
  });
  return list(collection.url, page.items.map((item) => collection.build(item.key, item.index, now)), page.hasMore);
}

/** Pages a small in-memory list (catalog objects, sorted newest first). */
function runStatic(url: string, objects: StripeObject[], lp: ListParams): StripeObject {
  let items = objects
    .filter((o) => (lp.from === undefined || (o.created as number) * 1000 >= lp.from) && (lp.to === undefined || (o.created as number) * 1000 < lp.to))
    .sort((a, b) => (b.created as number) - (a.created as number));
  if (lp.startingAfter) {
    const k = items.findIndex((o) => o.id === lp.startingAfter);
    if (k < 0) throw noSuch('object', lp.startingAfter, 'starting_after');
    items = items.slice(k + 1);
    return list(url, items.slice(0, lp.limit), items.length > lp.limit);
  }
  if (lp.endingBefore) {
    const k = items.findIndex((o) => o.id === lp.endingBefore);
    if (k < 0) throw noSuch('object', lp.endingBefore, 'ending_before');
    items = items.slice(0, k);
    return list(url, items.slice(Math.max(0, items.length - lp.limit)), items.length > lp.limit);
  }
  return list(url, items.slice(0, lp.limit), items.length > lp.limit);
}

function bool(params: StripeParams, name: string): boolean | undefined {
  const v = params.get(name);
  if (v === undefined) return undefined;
  if (v !== 'true' && v !== 'false') throw badParam(name, `Invalid boolean: ${v}`);
  return v === 'true';
}

function corrupt(body: StripeObject): StripeObject {
  const data = body.data as StripeObject[];
  if (data.length === 0) return body;
  const k = Math.floor(data.length / 2);
  const copy = [...data];
  copy[k] = { ...data[k], created: 'not-a-timestamp', metadata: 'corrupted' };
  return { ...body, data: copy };
}

/** Handles `GET /v1/...`; throws StripeApiError, returns undefined for unknown paths. */
export function handleGet(call: StripeCall): StripeObject | undefined {
  const { account, segments, now } = call;
  const [resource, id, sub, ...extra] = segments;
  if (resource === undefined || extra.length > 0) return undefined;
  const resolve = (x: string) => retrieve(account, x, now);

  if (id !== undefined) {
    if (sub === 'lines' && resource === 'invoices') return invoiceLines(call, id);
    if (sub !== undefined) return undefined;
    const params = parseParams(call.search, ['expand']);
    const obj = retrieve(account, id, now);
    const kindOk = obj && RESOURCE_OBJECT[resource] !== undefined && RESOURCE_OBJECT[resource] === obj.object;
    if (!obj || !kindOk) {
      if (RESOURCE_OBJECT[resource] === undefined) return undefined;
      throw noSuch((RESOURCE_OBJECT[resource] ?? 'object').replace(/_/g, ' '), id);
    }
    return expandObject(obj, params.array('expand'), resolve);
  }

  const body = listResource(call, resource);
  if (!body) return undefined;
  const expanded = expandObject(body.result, body.expand, resolve);
  return call.malformed ? corrupt(expanded) : expanded;
}

const RESOURCE_OBJECT: Record<string, string> = {
  customers: 'customer',
  subscriptions: 'subscription',
  subscription_items: 'subscription_item',
  invoices: 'invoice',
  charges: 'charge',
  refunds: 'refund',
  products: 'product',
  prices: 'price',
  balance_transactions: 'balance_transaction',
  events: 'event',
};

function invoiceLines(call: StripeCall, id: string): StripeObject {
  const params = parseParams(call.search, [...LIST_PARAMS]);
  const lp = listParams(params);
  const invoice = retrieve(call.account, id, call.now);
  if (!invoice || invoice.object !== 'invoice') throw noSuch('invoice', id);
  const lines = (invoice.lines as StripeObject).data as StripeObject[];
  const url = `/v1/invoices/${id}/lines`;
  const body = runStatic(url, lines, { ...lp, from: undefined, to: undefined });
  return expandObject(body, lp.expand, (x) => retrieve(call.account, x, call.now));
}

function listResource(call: StripeCall, resource: string): { result: StripeObject; expand: string[] } | undefined {
  const { account, now } = call;
  const company = account.company;
  const parse = (extra: string[]) => {
    const params = parseParams(call.search, [...LIST_PARAMS, ...extra]);
    return { params, lp: listParams(params) };
  };
  const one = (i: number): [number, number] => [i, i + 1];
  switch (resource) {
    case 'customers': {
      const { params, lp } = parse(['email', 'test_clock']);
      const email = params.get('email');
      let indexes: [number, number] | undefined;
      let collection = customers(account);
      if (email !== undefined) {
        const m = /-([0-9a-z]+)\.com$/.exec(email.toLowerCase());
        const i = m?.[1] ? parseInt(m[1], 36) : -1;
        indexes = i >= 0 ? one(i) : [0, 0];
        const base = collection.lanes[0] as Lane;
        collection = { ...collection, lanes: [{ ...base, exists: (k, t) => base.exists(k, t) && company.user(k, 0).email === email.toLowerCase() }] };
      }
      return { result: runLanes(call, collection, lp, indexes), expand: lp.expand };
    }
    case 'subscriptions': {
      const { params, lp } = parse(['customer', 'price', 'status', 'collection_method', 'automatic_tax', 'current_period_end', 'current_period_start', 'test_clock']);
      const status = params.get('status');
      const allowed = ['active', 'past_due', 'unpaid', 'canceled', 'incomplete', 'incomplete_expired', 'trialing', 'paused', 'all', 'ended'];
      if (status !== undefined && !allowed.includes(status)) throw badParam('status', `Invalid status: must be one of ${allowed.join(', ')}`);
      const customer = params.get('customer');
      let collection = subscriptions(account, status);
      const price = params.get('price');
      if (price !== undefined) {
        const base = collection.lanes[0] as Lane;
        collection = {
          ...collection,
          lanes: [{ ...base, exists: (k, t) => base.exists(k, t) && account.ids.make(KIND.price, account.subscriptionState(k, t).tier) === price }],
        };
      }
      const indexes = customer ? one(indexOf(call, customer, KIND.customer, 'customer')) : undefined;
      return { result: runLanes(call, collection, lp, indexes), expand: lp.expand };
    }
    case 'subscription_items': {
      const { params, lp } = parse(['subscription']);
      const sub = params.get('subscription');
      if (!sub) throw new StripeApiError(400, 'invalid_request_error', 'Missing required param: subscription.', 'parameter_missing', 'subscription');
      const i = indexOf(call, sub, KIND.subscription, 'subscription');
      return { result: runStatic(`/v1/subscription_items`, [account.subscriptionItem(i, now)], lp), expand: lp.expand };
    }
    case 'invoices': {
      const { params, lp } = parse(['customer', 'subscription', 'status', 'collection_method', 'due_date']);
      const status = params.get('status');
      const allowed = ['draft', 'open', 'paid', 'uncollectible', 'void'];
      if (status !== undefined && !allowed.includes(status)) throw badParam('status', `Invalid status: must be one of ${allowed.join(', ')}`);
      const customer = params.get('customer');
      const subscription = params.get('subscription');
      let indexes: [number, number] | undefined;
      if (customer) indexes = one(indexOf(call, customer, KIND.customer, 'customer'));
      if (subscription) {
        const i = indexOf(call, subscription, KIND.subscription, 'subscription');
        indexes = indexes && indexes[0] !== i ? [0, 0] : one(i);
      }
      return { result: runLanes(call, invoices(account, now, status), lp, indexes), expand: lp.expand };
    }
    case 'charges': {
      const { params, lp } = parse(['customer', 'payment_intent', 'transfer_group']);
      const customer = params.get('customer');
      const indexes = customer ? one(indexOf(call, customer, KIND.customer, 'customer')) : undefined;
      const empty = params.get('payment_intent') !== undefined || params.get('transfer_group') !== undefined;
      return { result: runLanes(call, charges(account, now), lp, empty ? [0, 0] : indexes), expand: lp.expand };
    }
    case 'refunds': {
      const { params, lp } = parse(['charge', 'payment_intent']);
      let collection = refunds(account, now);
      let indexes: [number, number] | undefined;
      const charge = params.get('charge');
      if (charge) {
        const parsed = account.ids.parse(charge, [KIND.charge, KIND.retryCharge]);
        if (!parsed) throw noSuch('charge', charge, 'charge');
        indexes = one(parsed.index);
        collection = { ...collection, lanes: collection.lanes.filter((l) => splitLane(l.key).period === parsed.period && parsed.kind === KIND.charge) };
      }
      if (params.get('payment_intent') !== undefined) indexes = [0, 0];
      return { result: runLanes(call, collection, lp, indexes), expand: lp.expand };
    }
    case 'balance_transactions': {
      const { params, lp } = parse(['type', 'source', 'currency', 'payout']);
      const type = params.get('type');
      let collection = balanceTransactions(account, now, type === undefined ? undefined : type);
      let indexes: [number, number] | undefined;
      const source = params.get('source');
      if (source) {
        const parsed = account.ids.parse(source, [KIND.charge, KIND.retryCharge, KIND.refund]);
        if (!parsed) throw noSuch('object', source, 'source');
        const txnKind = parsed.kind === KIND.charge ? KIND.chargeTxn : parsed.kind === KIND.retryCharge ? KIND.retryChargeTxn : KIND.refundTxn;
        indexes = one(parsed.index);
        collection = { ...collection, lanes: collection.lanes.filter((l) => l.key === txnKind * 1024 + parsed.period) };
      }
      const currency = params.get('currency');
      if ((currency !== undefined && currency !== 'usd') || params.get('payout') !== undefined) indexes = [0, 0];
      return { result: runLanes(call, collection, lp, indexes), expand: lp.expand };
    }
    case 'events': {
      const { params, lp } = parse(['type', 'types', 'delivery_success']);
      const type = params.get('type');
      const types = params.array('types');
      if (type !== undefined && types.length > 0) {
        throw new StripeApiError(400, 'invalid_request_error', 'You may only specify one of these parameters: type, types.', 'parameter_invalid', 'types');
      }
      if (types.length > 20) throw badParam('types', 'You may only specify up to 20 types.');
      const matchOne = (pattern: string, t: string): boolean =>
        pattern.endsWith('*') ? t.startsWith(pattern.slice(0, -1)) : pattern === t;
      const accepts = (t: string): boolean =>
        type !== undefined ? matchOne(type, t) : types.length > 0 ? types.some((p) => matchOne(p, t)) : true;
      const collection: Collection = {
        url: '/v1/events',
        lanes: eventLanes(account, now, accepts),
        build: (key, i) => buildEvent(account, key, i),
      };
      return { result: runLanes(call, collection, lp, undefined, now - EVENT_RETENTION_MS), expand: lp.expand };
    }
    case 'products': {
      const { params, lp } = parse(['active', 'ids', 'shippable', 'url']);
      const active = bool(params, 'active');
      const ids = params.array('ids');
      const all = Array.from({ length: account.catalogSize }, (_, k) => account.product(k)).filter(
        (p) => (active === undefined || p.active === active) && (ids.length === 0 || ids.includes(p.id as string)),
      );
      return { result: runStatic('/v1/products', all, lp), expand: lp.expand };
    }
    case 'prices': {
      const { params, lp } = parse(['active', 'currency', 'lookup_keys', 'product', 'recurring', 'type']);
      const active = bool(params, 'active');
      const product = params.get('product');
      const type = params.get('type');
      const currency = params.get('currency');
      const lookup = params.array('lookup_keys');
      const all = Array.from({ length: account.catalogSize }, (_, k) => account.price(k)).filter(
        (p) =>
          (active === undefined || p.active === active) &&
          (product === undefined || p.product === product) &&
          (type === undefined || p.type === type) &&
          (currency === undefined || p.currency === currency) &&
          (lookup.length === 0 || lookup.includes(p.lookup_key as string)),
      );
      return { result: runStatic('/v1/prices', all, lp), expand: lp.expand };
    }
    default:
      return undefined;
  }
}
