/**
 * Stripe object ids in the sandbox encode (lane, organization index): the
 * lane key is `kind * 1024 + period`. The kinds below are stable: changing
 * one changes every id the fake serves.
 */
import { decodeId, encodeId } from '../id-codec.js';

/** Object kinds (< 64). Events have their own kinds (see stripe-events.ts). */
export const KIND = {
  customer: 1,
  subscription: 2,
  subscriptionItem: 3,
  invoice: 4,
  lineItem: 5,
  charge: 6,
  retryCharge: 7,
  refund: 8,
  chargeTxn: 9,
  retryChargeTxn: 10,
  refundTxn: 11,
  product: 60,
  price: 61,
} as const;

/** Lane key of kind `kind` in period `period`. */
export function laneKey(kind: number, period = 0): number {
  return kind * 1024 + period;
}

/** Kind and period of a lane key. */
export function splitLane(key: number): { kind: number; period: number } {
  return { kind: Math.floor(key / 1024), period: key % 1024 };
}

/** Id prefixes by kind. */
export const PREFIX: Record<number, string> = {
  [KIND.customer]: 'cus',
  [KIND.subscription]: 'sub',
  [KIND.subscriptionItem]: 'si',
  [KIND.invoice]: 'in',
  [KIND.lineItem]: 'il',
  [KIND.charge]: 'ch',
  [KIND.retryCharge]: 'ch',
  [KIND.refund]: 're',
  [KIND.chargeTxn]: 'txn',
  [KIND.retryChargeTxn]: 'txn',
  [KIND.refundTxn]: 'txn',
  [KIND.product]: 'prod',
  [KIND.price]: 'price',
};

/** Encodes and decodes the ids of one Stripe account (the seed scrambles them). */
export class StripeIds {
  constructor(private readonly key: number) {}

  /** The id of kind `kind`, period `period`, organization `index`. */
  make(kind: number, index: number, period = 0): string {
    const prefix = PREFIX[kind];
    if (!prefix) throw new Error(`no id prefix for kind ${kind}`);
    return encodeId(prefix, this.key, laneKey(kind, period), index);
  }

  /** An event id. */
  event(lane: number, index: number): string {
    return encodeId('evt', this.key, lane, index);
  }

  /** Decodes an id with one of the accepted kinds; undefined for anything else. */
  parse(id: string, kinds: readonly number[]): { kind: number; period: number; index: number } | undefined {
    const prefix = id.slice(0, id.indexOf('_'));
    const decoded = decodeId(prefix, this.key, id);
    if (!decoded) return undefined;
    const { kind, period } = splitLane(decoded.lane);
    if (!kinds.includes(kind) || PREFIX[kind] !== prefix) return undefined;
    return { kind, period, index: decoded.index };
  }

  /** Decodes an event id into its lane key and index. */
  parseEvent(id: string): { lane: number; index: number } | undefined {
    const decoded = decodeId('evt', this.key, id);
    return decoded ? { lane: decoded.lane, index: decoded.index } : undefined;
  }
}
