/**
 * A jaffle-shop-like project for selection tests: seeds, sources, staging,
 * intermediate and mart models, a snapshot, a model from another package,
 * generic and singular tests, and one non-dbt asset (a sync).
 */
import { DependencyGraph } from '../../graph/dependency-graph.js';
import type { SelectableNode } from '../selectable-node.js';

const P = 'jaffle_shop';

function model(name: string, folders: string[], dependsOn: string[], extra: Partial<SelectableNode> = {}): SelectableNode {
  return {
    uniqueId: `model.${P}.${name}`,
    name,
    resourceType: 'model',
    packageName: P,
    fqn: [P, ...folders, name],
    originalFilePath: ['models', ...folders, `${name}.sql`].join('/'),
    tags: [],
    config: { enabled: true, materialized: 'view' },
    dependsOn,
    ...extra,
  };
}

function source(sourceName: string, name: string, tags: string[] = []): SelectableNode {
  return {
    uniqueId: `source.${P}.${sourceName}.${name}`,
    name,
    resourceType: 'source',
    packageName: P,
    fqn: [P, 'staging', sourceName, name],
    originalFilePath: `models/staging/_${sourceName}__sources.yml`,
    tags,
    config: { enabled: true },
    dependsOn: [],
    sourceName,
  };
}

function genericTest(idTail: string, testName: string, ymlFolders: string[], dependsOn: string[], config: Record<string, unknown> = {}): SelectableNode {
  const name = idTail.replace(/\.[a-z0-9]+$/, '');
  return {
    uniqueId: `test.${P}.${idTail}`,
    name,
    resourceType: 'test',
    packageName: P,
    fqn: [P, ...ymlFolders, name],
    originalFilePath: ['models', ...ymlFolders, 'schema.yml'].join('/'),
    tags: [],
    config: { enabled: true, materialized: 'test', severity: 'ERROR', ...config },
    dependsOn,
    testType: 'generic',
    testName,
  };
}

const m = (name: string) => `model.${P}.${name}`;

export const ids = {
  rawCustomers: `seed.${P}.raw_customers`,
  countryCodes: `seed.${P}.country_codes`,
  srcPayments: `source.${P}.stripe.payments`,
  srcStripeCustomers: `source.${P}.stripe.customers`,
  srcRawOrders: `source.${P}.jaffle.raw_orders`,
  stgCustomers: m('stg_customers'),
  stgOrders: m('stg_orders'),
  stgPayments: m('stg_payments'),
  stgStripeCustomers: m('stg_stripe_customers'),
  intOrderPayments: m('int_order_payments'),
  customers: m('customers'),
  orders: m('orders'),
  customerLtv: m('customer_ltv'),
  ordersByDay: m('orders_by_day'),
  calendar: 'model.utils_pkg.calendar',
  snapshot: `snapshot.${P}.customers_snapshot`,
  testUniqueStgCustomers: `test.${P}.unique_stg_customers_customer_id.a1`,
  testNotNullStgOrders: `test.${P}.not_null_stg_orders_order_id.b2`,
  testUniqueCustomers: `test.${P}.unique_customers_customer_id.c3`,
  testRelationships: `test.${P}.relationships_orders_customer_id__customer_id__ref_customers_.d4`,
  testAcceptedValues: `test.${P}.accepted_values_orders_status.e5`,
  testSourceNotNull: `test.${P}.source_not_null_stripe_payments_id.f6`,
  testPositiveLtv: `test.${P}.assert_positive_ltv`,
  sync: 'sync:hubspot.contacts',
} as const;

export const nodes: SelectableNode[] = [
  {
    uniqueId: ids.rawCustomers, name: 'raw_customers', resourceType: 'seed', packageName: P,
    fqn: [P, 'raw_customers'], originalFilePath: 'seeds/raw_customers.csv', tags: [],
    config: { enabled: true, materialized: 'seed' }, dependsOn: [],
  },
  {
    uniqueId: ids.countryCodes, name: 'country_codes', resourceType: 'seed', packageName: P,
    fqn: [P, 'lookups', 'country_codes'], originalFilePath: 'seeds/lookups/country_codes.csv', tags: ['lookup'],
    config: { enabled: true, materialized: 'seed' }, dependsOn: [],
  },
  source('stripe', 'payments', ['stripe']),
  source('stripe', 'customers', ['stripe']),
  source('jaffle', 'raw_orders'),
  model('stg_customers', ['staging'], [ids.rawCustomers], { tags: ['staging'], patchPath: 'models/staging/schema.yml' }),
  model('stg_orders', ['staging'], [ids.srcRawOrders], { tags: ['staging', 'nightly'], patchPath: 'models/staging/schema.yml' }),
  model('stg_payments', ['staging', 'stripe'], [ids.srcPayments], { tags: ['staging', 'stripe'] }),
  model('stg_stripe_customers', ['staging', 'stripe'], [ids.srcStripeCustomers], { tags: ['staging', 'stripe'] }),
  model('int_order_payments', ['intermediate'], [ids.stgOrders, ids.stgPayments], {
    config: { enabled: true, materialized: 'ephemeral' },
  }),
  model('customers', ['marts'], [ids.stgCustomers, ids.intOrderPayments, ids.stgStripeCustomers, ids.countryCodes], {
    tags: ['marts', 'finance'],
    config: { enabled: true, materialized: 'table', meta: { owner: 'alice' }, group: 'finance', access: 'public', tags: ['marts', 'finance'], contract: { enforced: true } },
    patchPath: 'models/marts/schema.yml',
  }),
  model('orders', ['marts'], [ids.intOrderPayments, ids.stgOrders], {
    tags: ['marts'],
    config: { enabled: true, materialized: 'incremental', unique_key: 'order_id', full_refresh: false, tags: ['marts'] },
    patchPath: 'models/marts/schema.yml',
  }),
  model('customer_ltv', ['marts', 'finance'], [ids.customers, ids.orders], {
    tags: ['finance'],
    config: { enabled: true, materialized: 'table', group: 'finance', tags: ['finance'] },
  }),
  model('orders_by_day', ['marts'], [ids.orders, ids.calendar]),
  {
    uniqueId: ids.calendar, name: 'calendar', resourceType: 'model', packageName: 'utils_pkg',
    fqn: ['utils_pkg', 'calendar'], originalFilePath: 'models/calendar.sql', tags: [],
    config: { enabled: true, materialized: 'table' }, dependsOn: [],
  },
  {
    uniqueId: ids.snapshot, name: 'customers_snapshot', resourceType: 'snapshot', packageName: P,
    fqn: [P, 'customers_snapshot', 'customers_snapshot'], originalFilePath: 'snapshots/customers_snapshot.sql', tags: [],
    config: { enabled: true, materialized: 'snapshot', strategy: 'timestamp' }, dependsOn: [ids.stgCustomers],
  },
  genericTest('unique_stg_customers_customer_id.a1', 'unique', ['staging'], [ids.stgCustomers]),
  genericTest('not_null_stg_orders_order_id.b2', 'not_null', ['staging'], [ids.stgOrders]),
  genericTest('unique_customers_customer_id.c3', 'unique', ['marts'], [ids.customers]),
  genericTest('relationships_orders_customer_id__customer_id__ref_customers_.d4', 'relationships', ['marts'], [ids.orders, ids.customers]),
  genericTest('accepted_values_orders_status.e5', 'accepted_values', ['marts'], [ids.orders], { severity: 'warn' }),
  genericTest('source_not_null_stripe_payments_id.f6', 'not_null', ['staging'], [ids.srcPayments]),
  {
    uniqueId: ids.testPositiveLtv, name: 'assert_positive_ltv', resourceType: 'test', packageName: P,
    fqn: [P, 'assert_positive_ltv'], originalFilePath: 'tests/assert_positive_ltv.sql', tags: ['finance'],
    config: { enabled: true, materialized: 'test', severity: 'ERROR' }, dependsOn: [ids.customerLtv], testType: 'singular',
  },
  {
    uniqueId: ids.sync, name: 'contacts', resourceType: 'sync', packageName: P, fqn: [],
    originalFilePath: 'syncs/hubspot.yml', tags: ['crm'], config: {}, dependsOn: [ids.customers], kind: 'sync',
  },
];

export const graph = new DependencyGraph(nodes);
