/**
 * Validates what the Stripe fake serves against Stripe's own OpenAPI spec
 * (../shared/api-specs/stripe/spec3.2023-09-12.yaml, API 2023-08-16).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startSandbox, type Sandbox } from '../start-sandbox.js';
import { stripeGet } from '../test-support/stripe-get.js';

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let k = 0; k < 10 && !existsSync(join(dir, 'package.json')); k++) dir = dirname(dir);
  return dir;
}
const SPEC_PATH = join(repoRoot(), '..', 'shared', 'api-specs', 'stripe', 'spec3.2023-09-12.yaml');

type Json = Record<string, unknown>;

/** OpenAPI 3.0 schema -> JSON Schema: `nullable` becomes a null alternative, refs point into the spec document. */
function translate(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(translate);
  if (node === null || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node as Json)) {
    if (k.startsWith('x-') || k === 'nullable') continue;
    out[k] = k === 'properties' ? Object.fromEntries(Object.entries(v as Json).map(([p, s]) => [p, translate(s)])) : translate(v);
  }
  if (typeof out.$ref === 'string') out.$ref = `stripe-spec${out.$ref}`;
  return (node as Json).nullable === true ? { anyOf: [out, { type: 'null' }] } : out;
}

let sandbox: Sandbox;
let base: string;
let ajv: Ajv;
let spec: { paths: Record<string, Json>; components: { schemas: Record<string, unknown> } };

beforeAll(async () => {
  spec = parse(readFileSync(SPEC_PATH, 'utf8')) as typeof spec;
  ajv = new Ajv({ strict: false, validateFormats: false, allErrors: false });
  ajv.addSchema({ $id: 'stripe-spec', components: { schemas: translate(spec.components.schemas) } });
  sandbox = await startSandbox({ seed: 3 });
  sandbox.advance({ days: 3 });
  base = sandbox.baseUrl('stripe');
}, 30_000);
afterAll(async () => {
  await sandbox.close();
});

function schemaOf(name: string): ValidateFunction {
  const v = ajv.getSchema(`stripe-spec#/components/schemas/${name}`);
  if (!v) throw new Error(`no schema ${name}`);
  return v;
}

function responseValidator(path: string): ValidateFunction {
  const op = spec.paths[path]?.get as Json | undefined;
  const schema = (((op?.responses as Json)['200'] as Json).content as Json)['application/json'] as Json;
  return ajv.compile(translate(schema.schema) as Json);
}

function check(v: ValidateFunction, value: unknown, what: string): void {
  const ok = v(value);
  expect(ok, `${what}: ${JSON.stringify(v.errors?.slice(0, 3))}`).toBe(true);
}

const LISTS: [string, string, string][] = [
  ['/v1/customers', '/v1/customers/{customer}', '?limit=20'],
  ['/v1/subscriptions', '/v1/subscriptions/{subscription_exposed_id}', '?limit=40&status=all'],
  ['/v1/invoices', '/v1/invoices/{invoice}', '?limit=40'],
  ['/v1/charges', '/v1/charges/{charge}', '?limit=40'],
  ['/v1/refunds', '/v1/refunds/{refund}', '?limit=20'],
  ['/v1/products', '/v1/products/{id}', '?limit=20'],
  ['/v1/prices', '/v1/prices/{price}', '?limit=20'],
  ['/v1/balance_transactions', '/v1/balance_transactions/{id}', '?limit=40'],
  ['/v1/events', '/v1/events/{id}', '?limit=100'],
];

describe('Stripe fake matches the OpenAPI spec (2023-08-16)', () => {
  for (const [listPath, itemPath, query] of LISTS) {
    it(`${listPath}: list and retrieve responses validate`, async () => {
      const list = await stripeGet(base, `${listPath}${query}`);
      expect(list.status).toBe(200);
      expect(list.body.data.length).toBeGreaterThan(0);
      check(responseValidator(listPath), list.body, listPath);
      const one = await stripeGet(base, `${listPath}/${list.body.data[0].id}`);
      check(responseValidator(itemPath), one.body, itemPath);
    });
  }

  it('expanded lists, subscription items, invoice lines, deleted customers and errors validate', async () => {
    const subs = await stripeGet(base, '/v1/subscriptions?limit=10&status=all&expand[]=data.customer&expand[]=data.latest_invoice');
    check(responseValidator('/v1/subscriptions'), subs.body, 'expanded subscriptions');
    const sub = subs.body.data[0];
    const items = await stripeGet(base, `/v1/subscription_items?subscription=${sub.id}`);
    check(responseValidator('/v1/subscription_items'), items.body, 'subscription_items');
    check(responseValidator('/v1/subscription_items/{item}'), items.body.data[0], 'subscription_item');
    const invoices = await stripeGet(base, '/v1/invoices?limit=5&expand[]=data.charge');
    check(responseValidator('/v1/invoices'), invoices.body, 'expanded invoices');
    const lines = await stripeGet(base, `/v1/invoices/${invoices.body.data[0].id}/lines`);
    check(responseValidator('/v1/invoices/{invoice}/lines'), lines.body, 'invoice lines');
    const events = await stripeGet(base, '/v1/events?limit=100&type=customer.deleted');
    for (const e of events.body.data) check(schemaOf('event'), e, 'customer.deleted event');
    const deletedId = events.body.data[0]?.data.object.id;
    if (deletedId) {
      const deleted = await stripeGet(base, `/v1/customers/${deletedId}`);
      check(responseValidator('/v1/customers/{customer}'), deleted.body, 'deleted customer');
    }
    // The validators are not vacuous: a wrong type or a missing required field fails.
    expect(schemaOf('subscription')({ ...sub, created: 'yesterday' })).toBe(false);
    expect(schemaOf('invoice')({ ...invoices.body.data[0], lines: undefined })).toBe(false);
    const error = await stripeGet(base, '/v1/customers?limit=0');
    check(schemaOf('error'), error.body, 'error');
  });

  it('every event type carries a valid object of its kind', async () => {
    const types = ['customer.created', 'customer.updated', 'customer.subscription.created', 'customer.subscription.updated', 'customer.subscription.deleted',
      'invoice.created', 'invoice.finalized', 'invoice.paid', 'invoice.payment_failed', 'charge.succeeded', 'charge.failed', 'charge.refunded'];
    const kinds: Record<string, string> = { customer: 'customer', 'customer.subscription': 'subscription', invoice: 'invoice', charge: 'charge' };
    for (const type of types) {
      const r = await stripeGet(base, `/v1/events?limit=5&type=${type}`);
      expect(r.body.data.length, type).toBeGreaterThan(0);
      const kind = kinds[type.slice(0, type.lastIndexOf('.'))] as string;
      for (const e of r.body.data) {
        check(schemaOf('event'), e, `${type} event`);
        check(schemaOf(kind), e.data.object, type);
      }
    }
  });
});
