import { describe, expect, it } from 'vitest';
import { BasinError } from '../../core/errors.js';
import { resolveSelection, selectNodes, type SelectNodesOptions } from './select-nodes.js';
import { defaultSelectorMethods } from './selector-methods.js';
import { graph, ids, nodes } from './test-support/jaffle-fixture.js';

type Key = keyof typeof ids;
const keyOf = new Map(Object.entries(ids).map(([k, v]) => [v as string, k as Key]));

/** Selected nodes as sorted fixture keys. */
function sel(select: string | string[] | undefined, options: SelectNodesOptions = {}): Key[] {
  const s = select === undefined ? undefined : Array.isArray(select) ? select : [select];
  return [...selectNodes(graph, nodes, { ...options, select: s })].map((id) => keyOf.get(id)!).sort();
}
const sorted = (...keys: Key[]) => [...keys].sort();
const MODELS = { resourceTypes: ['model'] };
const TESTS = { resourceTypes: ['test'] };

function selectionError(fn: () => unknown): BasinError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(BasinError);
    expect((err as BasinError).code).toBe('SELECTION');
    return err as BasinError;
  }
  throw new Error('expected a SELECTION error');
}

describe('selectNodes: default selection', () => {
  it('selects every node when nothing is selected', () => {
    expect(sel(undefined)).toHaveLength(nodes.length);
    expect(sel([])).toHaveLength(nodes.length);
    expect(sel(['  '])).toHaveLength(nodes.length);
  });

  it('filters to the command\'s resource types', () => {
    expect(sel(undefined, { resourceTypes: ['seed'] })).toEqual(sorted('rawCustomers', 'countryCodes'));
  });

  it('uses the caller\'s default selectors when given', () => {
    expect(sel(undefined, { defaultSelect: ['tag:stripe'] })).toEqual(
      sorted('srcPayments', 'srcStripeCustomers', 'stgPayments', 'stgStripeCustomers', 'testSourceNotNull'),
    );
  });
});

describe('selectNodes: fqn (default method)', () => {
  it('matches a node name', () => {
    expect(sel('stg_orders', MODELS)).toEqual(['stgOrders']);
  });

  it('matches names across packages and with the package prefix', () => {
    expect(sel('calendar')).toEqual(['calendar']);
    expect(sel('utils_pkg.calendar')).toEqual(['calendar']);
    expect(sel('jaffle_shop.calendar')).toEqual([]);
  });

  it('matches dotted fqn paths', () => {
    expect(sel('staging.stripe.stg_payments', MODELS)).toEqual(['stgPayments']);
    expect(sel('jaffle_shop.staging.stg_orders', MODELS)).toEqual(['stgOrders']);
  });

  it('matches a folder prefix, including tests defined in that folder', () => {
    expect(sel('staging')).toEqual(
      sorted('stgCustomers', 'stgOrders', 'stgPayments', 'stgStripeCustomers', 'testUniqueStgCustomers', 'testNotNullStgOrders', 'testSourceNotNull'),
    );
    expect(sel('marts.finance')).toEqual(sorted('customerLtv', 'testPositiveLtv'));
  });

  it('supports * and ? wildcards as fnmatch', () => {
    expect(sel('staging.*', MODELS)).toEqual(sorted('stgCustomers', 'stgOrders', 'stgPayments', 'stgStripeCustomers'));
    expect(sel('staging.stripe.*', MODELS)).toEqual(sorted('stgPayments', 'stgStripeCustomers'));
    // As in dbt, a wildcard matches the rest of the fqn from its position: `stg_*` only matches top-level models.
    expect(sel('stg_*', MODELS)).toEqual([]);
    expect(sel('*.stg_*', MODELS)).toEqual(sorted('stgCustomers', 'stgOrders', 'stgPayments', 'stgStripeCustomers'));
    expect(sel('*stg_*', MODELS)).toEqual(sorted('stgCustomers', 'stgOrders', 'stgPayments', 'stgStripeCustomers'));
    expect(sel('marts.orders?by_day')).toEqual(['ordersByDay']);
    expect(sel('staging.*.stg_[op]*s', MODELS)).toEqual(['stgPayments']);
    expect(sel('staging.stg_[!c]*', MODELS)).toEqual(['stgOrders']);
  });

  it('fqn:* selects every node except sources and assets without an fqn', () => {
    const all = sel('fqn:*');
    expect(all).not.toContain('srcPayments');
    expect(all).not.toContain('sync');
    expect(all).toContain('testPositiveLtv');
  });
});

describe('selectNodes: graph operators', () => {
  it('+x selects all ancestors (and, eagerly, the tests of everything selected)', () => {
    expect(sel('+int_order_payments')).toEqual(
      sorted('intOrderPayments', 'stgOrders', 'stgPayments', 'srcRawOrders', 'srcPayments', 'testNotNullStgOrders', 'testSourceNotNull'),
    );
  });

  it('x+ selects all descendants', () => {
    expect(sel('orders+', MODELS)).toEqual(sorted('orders', 'customerLtv', 'ordersByDay'));
  });

  it('n+x limits ancestor depth', () => {
    expect(sel('1+customer_ltv')).toEqual(sorted('customerLtv', 'customers', 'orders', 'testPositiveLtv', 'testUniqueCustomers', 'testRelationships', 'testAcceptedValues'));
    expect(sel('2+customer_ltv', MODELS)).toEqual(
      sorted('customerLtv', 'customers', 'orders', 'stgCustomers', 'intOrderPayments', 'stgStripeCustomers', 'stgOrders'),
    );
  });

  it('x+n limits descendant depth', () => {
    expect(sel('stg_orders+1', MODELS)).toEqual(sorted('stgOrders', 'intOrderPayments', 'orders'));
    expect(sel('stg_orders+2', MODELS)).toEqual(sorted('stgOrders', 'intOrderPayments', 'orders', 'customers', 'customerLtv', 'ordersByDay'));
  });

  it('+x+ selects both directions', () => {
    expect(sel('+int_order_payments+', MODELS)).toEqual(
      sorted('intOrderPayments', 'stgOrders', 'stgPayments', 'orders', 'customers', 'customerLtv', 'ordersByDay'),
    );
  });

  it('@x selects descendants and all their ancestors', () => {
    expect(sel('@stg_payments', { resourceTypes: ['model', 'seed', 'source'] })).toEqual(
      sorted(
        'stgPayments', 'intOrderPayments', 'orders', 'customers', 'customerLtv', 'ordersByDay',
        'srcPayments', 'stgOrders', 'srcRawOrders', 'stgCustomers', 'rawCustomers', 'stgStripeCustomers', 'srcStripeCustomers',
        'countryCodes', 'calendar',
      ),
    );
  });

  it('rejects @ combined with a + suffix', () => {
    expect(selectionError(() => sel('@stg_orders+')).message).toMatch(/"@" prefix and "\+" suffix/);
  });

  it('operators apply to any method', () => {
    expect(sel('+tag:finance', { resourceTypes: ['seed'] })).toEqual(sorted('rawCustomers', 'countryCodes'));
  });
});

describe('selectNodes: methods', () => {
  it('tag: with wildcards', () => {
    expect(sel('tag:nightly')).toEqual(sorted('stgOrders', 'testNotNullStgOrders'));
    expect(sel('tag:fin*', MODELS)).toEqual(sorted('customers', 'customerLtv'));
  });

  it('path: folders, files, wildcards, property files; bare values with a slash', () => {
    expect(sel('path:models/staging/stripe', MODELS)).toEqual(sorted('stgPayments', 'stgStripeCustomers'));
    expect(sel('path:models/staging/stripe/stg_payments.sql')).toEqual(['stgPayments']);
    expect(sel('path:models/**/stg_*.sql', MODELS)).toEqual(sorted('stgCustomers', 'stgOrders', 'stgPayments', 'stgStripeCustomers'));
    expect(sel('path:./models/marts/', MODELS)).toEqual(sorted('customers', 'orders', 'customerLtv', 'ordersByDay'));
    expect(sel('models/staging/schema.yml', { resourceTypes: ['model'] })).toEqual(sorted('stgCustomers', 'stgOrders'));
    expect(sel('seeds/lookups')).toEqual(['countryCodes']);
    expect(sel('path:tests')).toEqual(['testPositiveLtv']);
    expect(selectionError(() => sel('path:/etc/passwd')).message).toMatch(/relative to the project root/);
  });

  it('file: by file name or stem; bare values ending in .sql/.csv', () => {
    expect(sel('stg_orders.sql', MODELS)).toEqual(['stgOrders']);
    expect(sel('file:stg_orders', MODELS)).toEqual(['stgOrders']);
    expect(sel('file:customer*', MODELS)).toEqual(sorted('customers', 'customerLtv'));
    expect(sel('raw_customers.csv')).toEqual(['rawCustomers']);
  });

  it('source: by source, table, package, with + downstream', () => {
    expect(sel('source:stripe', { resourceTypes: ['source'] })).toEqual(sorted('srcPayments', 'srcStripeCustomers'));
    expect(sel('source:stripe.payments', { resourceTypes: ['source'] })).toEqual(['srcPayments']);
    expect(sel('source:jaffle_shop.stripe.customers', { resourceTypes: ['source'] })).toEqual(['srcStripeCustomers']);
    expect(sel('source:*.raw_orders', { resourceTypes: ['source'] })).toEqual(['srcRawOrders']);
    expect(sel('source:stripe+', MODELS)).toEqual(
      sorted('stgPayments', 'stgStripeCustomers', 'intOrderPayments', 'orders', 'customers', 'customerLtv', 'ordersByDay'),
    );
    expect(sel('source:stripe', TESTS)).toEqual(['testSourceNotNull']);
    expect(selectionError(() => sel('source:a.b.c.d')).message).toMatch(/Invalid source selector value "a.b.c.d"/);
  });

  it('resource_type:', () => {
    expect(sel('resource_type:snapshot')).toEqual(['snapshot']);
    expect(sel('resource_type:seed')).toEqual(sorted('rawCustomers', 'countryCodes'));
    expect(sel('resource_type:sync')).toEqual(['sync']);
    expect(sel('resource_type:exposure')).toEqual([]);
    expect(selectionError(() => sel('resource_type:modle')).message).toMatch(/Invalid resource_type selector "modle"/);
  });

  it('package:, including `this`', () => {
    expect(sel('package:utils_pkg')).toEqual(['calendar']);
    expect(sel('package:this', { projectName: 'utils_pkg' })).toEqual(['calendar']);
    expect(sel('package:jaffle*', MODELS)).not.toContain('calendar');
  });

  it('config.<key>: exact values, nested keys, booleans, lists, case-insensitive severity', () => {
    expect(sel('config.materialized:incremental')).toEqual(sorted('orders', 'testRelationships', 'testAcceptedValues'));
    expect(sel('config.materialized:ephemeral')).toEqual(['intOrderPayments']);
    expect(sel('config.meta.owner:alice', MODELS)).toEqual(['customers']);
    expect(sel('config.contract.enforced:true', MODELS)).toEqual(['customers']);
    expect(sel('config.full_refresh:FALSE', MODELS)).toEqual(['orders']);
    expect(sel('config.tags:finance', MODELS)).toEqual(sorted('customers', 'customerLtv'));
    expect(sel('config.severity:WARN')).toEqual(['testAcceptedValues']);
    expect(sel('config.materialized:tab*')).toEqual([]);
    expect(selectionError(() => sel('config:table')).message).toMatch(/needs a key/);
  });

  it('test_type: and test_name:', () => {
    expect(sel('test_type:singular')).toEqual(['testPositiveLtv']);
    expect(sel('test_type:generic')).toHaveLength(6);
    expect(sel('test_type:data')).toHaveLength(7);
    expect(sel('test_name:unique')).toEqual(sorted('testUniqueStgCustomers', 'testUniqueCustomers'));
    expect(sel('test_name:not_*')).toEqual(sorted('testNotNullStgOrders', 'testSourceNotNull'));
    expect(selectionError(() => sel('test_type:schemaa')).message).toMatch(/Invalid test type selector "schemaa"/);
  });

  it('group:, access:, kind:', () => {
    expect(sel('group:finance', MODELS)).toEqual(sorted('customers', 'customerLtv'));
    expect(sel('access:public', MODELS)).toEqual(['customers']);
    expect(sel('access:protected', MODELS)).toHaveLength(9);
    expect(sel('kind:sync')).toEqual(['sync']);
    expect(sel('customers+', { resourceTypes: ['sync'] })).toEqual(['sync']);
  });

  it('state: and other run-artifact methods are rejected as unsupported', () => {
    expect(selectionError(() => sel('state:modified+')).message).toMatch(/'state:' selector method is not supported/);
    expect(selectionError(() => sel('result:error')).message).toMatch(/not supported/);
  });

  it('unknown methods are named in the error', () => {
    const err = selectionError(() => sel('colour:red'));
    expect(err.message).toMatch(/'colour' is not a valid method name/);
    expect(err.message).toContain('tag');
  });

  it('only config takes dotted arguments', () => {
    expect(selectionError(() => sel('tag.x:nightly')).message).toMatch(/only config takes arguments/);
  });

  it('accepts extra methods from the caller', () => {
    const methods = {
      ...defaultSelectorMethods,
      owner: { search: (value: string) => (value === 'alice' ? [ids.customers] : []) },
    };
    expect(sel('owner:alice+', { methods, resourceTypes: ['model'] })).toEqual(sorted('customers', 'customerLtv'));
  });
});

describe('selectNodes: set algebra', () => {
  it('space-separated selectors and repeated arguments are a union', () => {
    expect(sel('stg_orders stg_customers', MODELS)).toEqual(sorted('stgOrders', 'stgCustomers'));
    expect(sel(['stg_orders', 'stg_customers'], MODELS)).toEqual(sorted('stgOrders', 'stgCustomers'));
    expect(sel('stg_orders  stg_orders', MODELS)).toEqual(['stgOrders']);
  });

  it('comma-separated selectors are an intersection', () => {
    expect(sel('tag:staging,tag:stripe')).toEqual(sorted('stgPayments', 'stgStripeCustomers'));
    // Each side picks up tests eagerly, so tests of the intersected models survive too.
    expect(sel('+customers,tag:staging')).toEqual(
      sorted('stgCustomers', 'stgOrders', 'stgPayments', 'stgStripeCustomers', 'testUniqueStgCustomers', 'testNotNullStgOrders'),
    );
    expect(sel('+customer_ltv,config.materialized:table,marts', MODELS)).toEqual(sorted('customers', 'customerLtv'));
  });

  it('unions of intersections', () => {
    expect(sel('tag:staging,tag:nightly resource_type:snapshot', { resourceTypes: ['model', 'snapshot'] })).toEqual(
      sorted('stgOrders', 'snapshot'),
    );
  });

  it('exclude removes nodes, and eagerly the tests of excluded nodes', () => {
    expect(sel('staging', { exclude: ['stg_customers'] })).toEqual(
      sorted('stgOrders', 'stgPayments', 'stgStripeCustomers', 'testNotNullStgOrders', 'testSourceNotNull'),
    );
    expect(sel('orders+', { exclude: ['customer_ltv orders_by_day'], resourceTypes: ['model', 'test'] })).toEqual(
      sorted('orders', 'testRelationships', 'testAcceptedValues'),
    );
    expect(sel('stg_orders', { exclude: ['stg_orders'] })).toEqual([]);
  });

  it('exclude works without select and supports intersections', () => {
    const result = sel(undefined, { exclude: ['tag:staging,tag:stripe', 'resource_type:test resource_type:source'] });
    expect(result).not.toContain('stgPayments');
    expect(result).toContain('stgOrders');
    expect(result).not.toContain('testUniqueCustomers');
  });

  it('warns about selectors matching nothing, but not about a default selection', () => {
    const r = resolveSelection(graph, nodes, { select: ['nope tag:staging', 'tag:staging,tag:marts'] });
    expect(r.warnings).toEqual([
      "The selection criterion 'nope' does not match any enabled nodes",
      "The selection criterion 'tag:staging,tag:marts' does not match any enabled nodes",
    ]);
    expect(resolveSelection(graph, nodes, { exclude: ['nope'] }).warnings).toHaveLength(1);
    expect(resolveSelection(graph, nodes, {}).warnings).toEqual([]);
  });
});

describe('selectNodes: indirect test selection', () => {
  it('eager: a test is selected when any of its parents is', () => {
    expect(sel('orders', TESTS)).toEqual(sorted('testRelationships', 'testAcceptedValues'));
    expect(sel('stg_orders', { indirectSelection: 'eager' })).toEqual(sorted('stgOrders', 'testNotNullStgOrders'));
  });

  it('cautious: only when all of its parents are selected', () => {
    expect(sel('orders', { ...TESTS, indirectSelection: 'cautious' })).toEqual(['testAcceptedValues']);
    expect(sel('orders customers', { ...TESTS, indirectSelection: 'cautious' })).toEqual(
      sorted('testRelationships', 'testAcceptedValues', 'testUniqueCustomers'),
    );
    expect(sel('orders customer_ltv', { ...TESTS, indirectSelection: 'cautious' })).toEqual(
      sorted('testAcceptedValues', 'testPositiveLtv'),
    );
    // `+` reaches every descendant, tests included, whatever the mode.
    expect(sel('orders+', { ...TESTS, indirectSelection: 'cautious' })).toContain('testRelationships');
  });

  it('buildable: also when missing parents are upstream of the selection', () => {
    expect(sel('orders+', { ...TESTS, indirectSelection: 'buildable' })).toEqual(
      sorted('testRelationships', 'testAcceptedValues', 'testPositiveLtv'),
    );
    expect(sel('orders', { ...TESTS, indirectSelection: 'buildable' })).toEqual(['testAcceptedValues']);
    expect(sel('orders customer_ltv', { ...TESTS, indirectSelection: 'buildable' })).toEqual(
      sorted('testRelationships', 'testAcceptedValues', 'testPositiveLtv'),
    );
  });

  it('empty: no attached tests, though + still reaches descendant tests', () => {
    expect(sel('orders', { indirectSelection: 'empty' })).toEqual(['orders']);
    expect(sel('customer_ltv+', { indirectSelection: 'empty' })).toEqual(sorted('customerLtv', 'testPositiveLtv'));
  });

  it('tests selected directly are kept whatever the mode', () => {
    expect(sel('test_name:relationships', { indirectSelection: 'cautious' })).toEqual(['testRelationships']);
  });

  it('excluding a test keeps its model', () => {
    expect(sel('orders', { exclude: ['test_name:accepted_values'] })).toEqual(sorted('orders', 'testRelationships'));
  });
});
