/** Test helper: GET a sandbox Stripe path with the sandbox key, returning status, headers and JSON. */
import { STRIPE_SANDBOX_KEY } from '../stripe/stripe-fake.js';

export interface StripeReply {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** GETs `path` (starting with /v1/) under `base`. */
export async function stripeGet(base: string, path: string, headers: Record<string, string> = {}): Promise<StripeReply> {
  const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${STRIPE_SANDBOX_KEY}`, ...headers } });
  return { status: res.status, headers: res.headers, body: await res.json() };
}

/** Follows `starting_after` through a whole list (at most `maxPages` pages), returning every object. */
export async function stripeListAll(base: string, path: string, maxPages = 1000): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let after = '';
  const sep = path.includes('?') ? '&' : '?';
  for (let page = 0; page < maxPages; page++) {
    const r = await stripeGet(base, `${path}${sep}limit=100${after}`);
    if (r.status !== 200) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`);
    out.push(...r.body.data);
    if (!r.body.has_more) return out;
    after = `&starting_after=${r.body.data[r.body.data.length - 1].id}`;
  }
  throw new Error(`${path}: more than ${maxPages} pages`);
}
