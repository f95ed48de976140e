import { describe, expect, it } from 'vitest';
import { genericTestUniqueId, modelKwarg, synthesizeGenericTestNames } from './generic-test-names.js';
import { pythonRepr } from './python-repr.js';

const ref = (name: string) => modelKwarg({ kind: 'ref', name });

describe('synthesizeGenericTestNames', () => {
  it('names column tests as dbt does', () => {
    expect(synthesizeGenericTestNames('not_null', 'orders', { column_name: 'id' })).toEqual({
      shortName: 'not_null_orders_id',
      fullName: 'not_null_orders_id',
    });
    expect(
      synthesizeGenericTestNames('relationships', 'orders', { column_name: 'customer_id', to: "ref('customers')", field: 'customer_id' })
        .fullName,
    ).toBe('relationships_orders_customer_id__customer_id__ref_customers_');
    expect(
      synthesizeGenericTestNames('accepted_values', 'payments', { column_name: 'amount', values: [1, 2, 'x'], quote: false }).fullName,
    ).toBe('accepted_values_payments_amount__False__1__2__x');
  });

  it('truncates names of 64+ characters to 30 characters plus the md5 of the full name', () => {
    const names = synthesizeGenericTestNames('accepted_values', 'orders', {
      column_name: 'status',
      values: ['placed', 'shipped', 'completed', 'return_pending', 'returned'],
    });
    expect(names.fullName).toBe('accepted_values_orders_status__placed__shipped__completed__return_pending__returned');
    expect(names.shortName).toBe('accepted_values_orders_1ce6ab157c285f7cd2ac656013faf758');
    const ns = synthesizeGenericTestNames('dbt_utils_unique_combination_of_columns', 'orders', {
      combination_of_columns: ['customer_id', 'order_date'],
    });
    expect(ns.shortName).toBe('dbt_utils_unique_combination_o_ed271d2cb03cd5fee0474ae51e7aa0d4');
  });
});

describe('genericTestUniqueId', () => {
  // Ids from dbt's jaffle_shop manifest.
  it('reproduces dbt unique ids', () => {
    expect(genericTestUniqueId('jaffle_shop', 'unique_customers_customer_id', {
      name: 'unique',
      kwargs: { column_name: 'customer_id', model: ref('customers') },
    })).toBe('test.jaffle_shop.unique_customers_customer_id.c5af1ff4b1');
    expect(genericTestUniqueId('jaffle_shop', 'relationships_orders_customer_id__customer_id__ref_customers_', {
      name: 'relationships',
      kwargs: { column_name: 'customer_id', to: "ref('customers')", field: 'customer_id', model: ref('orders') },
    })).toBe('test.jaffle_shop.relationships_orders_customer_id__customer_id__ref_customers_.c6ec7f58f2');
    expect(genericTestUniqueId('jaffle_shop', 'accepted_values_orders_status__placed__shipped__completed__return_pending__returned', {
      name: 'accepted_values',
      kwargs: { column_name: 'status', values: ['placed', 'shipped', 'completed', 'return_pending', 'returned'], model: ref('orders') },
    })).toBe('test.jaffle_shop.accepted_values_orders_status__placed__shipped__completed__return_pending__returned.be6b5b5ec3');
  });

  it('hashes namespaces and source targets', () => {
    expect(genericTestUniqueId('shop', 'source_not_null_raw_orders_id', {
      name: 'not_null',
      kwargs: { column_name: 'id', model: modelKwarg({ kind: 'source', source: 'raw', table: 'orders' }) },
    })).toBe('test.shop.source_not_null_raw_orders_id.f232a64478');
    expect(genericTestUniqueId('shop', 'dbt_utils_expression_is_true_orders_amount_0_and_status_x_', {
      name: 'expression_is_true',
      namespace: 'dbt_utils',
      kwargs: { expression: "amount > 0 and status != 'x'", model: ref('orders') },
    })).toBe('test.shop.dbt_utils_expression_is_true_orders_amount_0_and_status_x_.af70b87de9');
  });
});

describe('pythonRepr', () => {
  it('quotes like Python', () => {
    expect(pythonRepr({ a: ["it's", 'say "hi"', 'both \' "'], b: null, c: true, d: 1.5 })).toBe(
      `{'a': ["it's", 'say "hi"', 'both \\' "'], 'b': None, 'c': True, 'd': 1.5}`,
    );
  });
});
