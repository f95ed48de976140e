// A custom Basin source in TypeScript, run without a build step.
//
// It stands in for a shop's API: it generates customers and orders from a
// seeded random generator, so every run anywhere yields the same rows, and it
// pages through orders day by day with a checkpoint after every page, like a
// real incremental API source would (see docs/sources/custom.md).
import { defineSource, type StreamState } from 'basin/source';

interface Customer {
  id: number;
  email: string;
  country: string;
  plan: 'free' | 'team' | 'business';
  created_at: string;
  updated_at: string;
}

interface OrderLine {
  sku: string;
  quantity: number;
  unit_price_cents: number;
}

interface Order {
  id: string;
  customer_id: number;
  ordered_at: string;
  status: 'paid' | 'refunded';
  shipping: { country: string; method: 'standard' | 'express' };
  lines: OrderLine[];
}

type Random = () => number;

const COUNTRIES = ['US', 'DE', 'FR', 'GB', 'NL', 'CA'] as const;
const PLANS = ['free', 'team', 'business'] as const;
const CATALOG: ReadonlyArray<{ sku: string; price: number }> = [
  { sku: 'mug', price: 1200 },
  { sku: 'tee', price: 2500 },
  { sku: 'hoodie', price: 5900 },
  { sku: 'sticker', price: 300 },
];
const START = Date.UTC(2025, 0, 1);
const DAY_MS = 86_400_000;

/** mulberry32: a tiny deterministic generator, seeded per (seed, stream, day). */
function random(...seeds: number[]): Random {
  let a = seeds.reduce((h, s) => Math.imul(h ^ s, 2654435761) >>> 0, 0x9e3779b9);
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rand: Random, items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
const iso = (ms: number): string => new Date(ms).toISOString();

function customer(seed: number, id: number): Customer {
  const rand = random(seed, 1, id);
  const created = START - Math.floor(rand() * 90) * DAY_MS;
  return {
    id,
    email: `customer${id}@example.com`,
    country: pick(rand, COUNTRIES),
    plan: pick(rand, PLANS),
    created_at: iso(created),
    updated_at: iso(created + Math.floor(rand() * 30) * DAY_MS),
  };
}

function ordersOfDay(seed: number, day: number, perDay: number, customers: number): Order[] {
  const rand = random(seed, 2, day);
  return Array.from({ length: perDay }, (_, n) => {
    const lines = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => {
      const item = pick(rand, CATALOG);
      return { sku: item.sku, quantity: 1 + Math.floor(rand() * 3), unit_price_cents: item.price };
    });
    return {
      id: `ord_${day}_${n}`,
      customer_id: 1 + Math.floor(rand() * customers),
      ordered_at: iso(START + day * DAY_MS + Math.floor(rand() * DAY_MS)),
      status: rand() < 0.05 ? 'refunded' : 'paid',
      shipping: { country: pick(rand, COUNTRIES), method: rand() < 0.2 ? 'express' : 'standard' },
      lines,
    };
  });
}

/** The day to resume from, as the last committed checkpoint recorded it. */
function nextDay(state: StreamState | undefined): number {
  return typeof state?.next_day === 'number' ? state.next_day : 0;
}

export default defineSource({
  type: 'shop_generator',
  description: 'Deterministic shop data: customers and orders with line items.',

  // Validates `config:` of sources/shop.yml. `z` is Basin's zod: the project
  // installs nothing. Values from ${env:...} arrive as strings, hence coerce.
  config: (z) =>
    z.object({
      customers: z.coerce.number().int().min(1).max(100_000),
      days: z.coerce.number().int().min(1).max(3650),
      orders_per_day: z.coerce.number().int().min(0).default(5),
      seed: z.coerce.number().int().default(1),
      api_token: z.string().min(1),
    }),

  streams: (config, ctx) => [
    {
      name: 'customers',
      primaryKey: 'id',
      cursorField: 'updated_at',
      write: 'merge',
      async *read({ logger }) {
        const all = Array.from({ length: config.customers }, (_, i) => customer(config.seed, i + 1));
        logger.info('generated customers', { count: all.length, connection: ctx.connection });
        yield all;
      },
    },
    {
      name: 'orders',
      primaryKey: 'id',
      cursorField: 'ordered_at',
      write: 'merge',
      async *read({ state, settings, signal, logger }) {
        const pageDays = typeof settings.page_days === 'number' ? settings.page_days : 1;
        for (let day = nextDay(state); day < config.days; day += pageDays) {
          if (signal.aborted) return;
          const last = Math.min(day + pageDays, config.days);
          const records: Order[] = [];
          for (let d = day; d < last; d++) records.push(...ordersOfDay(config.seed, d, config.orders_per_day, config.customers));
          logger.debug('orders page', { from_day: day, to_day: last - 1, records: records.length });
          // A checkpoint: these records and `next_day` are committed together.
          yield { records, state: { next_day: last } };
        }
      },
    },
  ],

  // `basin sources check`: a real source would call a cheap endpoint here.
  check(config) {
    return { ok: true, message: `generator ready: ${config.customers} customers, ${config.days} days` };
  },
});
