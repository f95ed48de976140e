import { silentLogger, type Logger } from '../../../../core/logger.js';
import { STRIPE_SANDBOX_KEY } from '../../../../sandbox/index.js';
import type { RecordsBatch, Source, Stream, StreamState } from '../../../source.js';
import { stripeConfigSchema } from '../stripe-config.js';
import { createStripeSource } from '../stripe-source.js';

/** Test helpers: open a Stripe source on a sandbox, read streams, and list what the sandbox serves. */
export const context = { projectDir: '/tmp', connection: 'stripe', streams: {}, logger: silentLogger };

export function openStripe(baseUrl: string, extra: Record<string, unknown> = {}): Source {
  const config = stripeConfigSchema.parse({ api_key: STRIPE_SANDBOX_KEY, base_url: baseUrl, start_date: '2022-06-01', rate_limit: 2000, ...extra });
  return createStripeSource({ retry: { baseDelayMs: 2, maxDelayMs: 10, maxAttempts: 12 } }).create(config, context);
}

export async function streamsOf(source: Source): Promise<Map<string, Stream>> {
  return new Map((await source.streams(new AbortController().signal)).map((s) => [s.definition.name, s]));
}

/** Reads a stream; stops after `limit` batches (a simulated crash). */
export async function readBatches(stream: Stream, state?: StreamState, limit = Infinity, logger: Logger = silentLogger): Promise<RecordsBatch[]> {
  const out: RecordsBatch[] = [];
  const ctx = { state, fullRefresh: false, signal: new AbortController().signal, logger };
  for await (const batch of stream.read(ctx)) {
    if (batch.kind !== 'records') throw new Error('expected records');
    out.push(batch);
    if (out.length >= limit) break;
  }
  return out;
}

/** What a merge load leaves: latest record per id, minus deleted ids. */
export function applyMerge(table: Map<string, Record<string, unknown>>, batches: RecordsBatch[]): Map<string, Record<string, unknown>> {
  for (const b of batches) {
    for (const r of b.records) table.set(String(r['id']), r);
    for (const k of b.deletedKeys ?? []) table.delete(String(k[0]));
  }
  return table;
}

type Obj = Record<string, unknown>;

async function getList(baseUrl: string, path: string, query: Record<string, string> = {}): Promise<Obj[]> {
  const out: Obj[] = [];
  let after: string | undefined;
  for (;;) {
    const url = new URL(`${baseUrl}/v1/${path}`);
    for (const [k, v] of Object.entries({ ...query, limit: '100', ...(after ? { starting_after: after } : {}) })) url.searchParams.set(k, v);
    const res = await fetch(url, { headers: { authorization: `Bearer ${STRIPE_SANDBOX_KEY}` } });
    if (!res.ok) throw new Error(`${url}: ${res.status}`);
    const body = (await res.json()) as { data: Obj[]; has_more: boolean };
    out.push(...body.data);
    if (!body.has_more) return out;
    after = String(body.data.at(-1)?.['id']);
  }
}

/** Every object the sandbox serves now, per stream (subscription items from the subscriptions). */
export async function sandboxContents(baseUrl: string): Promise<Map<string, Obj[]>> {
  const out = new Map<string, Obj[]>();
  const paths: Record<string, [string, Record<string, string>]> = {
    customers: ['customers', {}],
    subscriptions: ['subscriptions', { status: 'all' }],
    invoices: ['invoices', {}],
    charges: ['charges', {}],
    refunds: ['refunds', {}],
    products: ['products', {}],
    prices: ['prices', {}],
    balance_transactions: ['balance_transactions', {}],
  };
  for (const [name, [path, query]] of Object.entries(paths)) out.set(name, await getList(baseUrl, path, query));
  out.set('subscription_items', (out.get('subscriptions') ?? []).flatMap((s) => ((s['items'] as { data: Obj[] }).data ?? []).map((i) => ({ subscription: s['id'], ...i }))));
  return out;
}
