import { describe, expect, it } from 'vitest';
import { BasinError } from '../../core/errors.js';
import { parseSelectorsFile } from './parse-selector-definition.js';
import { selectNodes } from './select-nodes.js';
import { graph, ids, nodes } from './test-support/jaffle-fixture.js';

type Key = keyof typeof ids;
const keyOf = new Map(Object.entries(ids).map(([k, v]) => [v as string, k as Key]));

function run(definition: unknown, resourceTypes = ['model']): Key[] {
  const selectors = parseSelectorsFile([{ name: 's', definition }]);
  return [...selectNodes(graph, nodes, { selector: selectors.get('s')!.spec, resourceTypes })].map((id) => keyOf.get(id)!).sort();
}

describe('YAML selectors (selectors.yml)', () => {
  it('accepts a plain selector string', () => {
    expect(run('tag:nightly')).toEqual(['stgOrders']);
  });

  it('accepts { method: value } and { method, value, modifiers }', () => {
    expect(run({ tag: 'stripe' })).toEqual(['stgPayments', 'stgStripeCustomers']);
    expect(run({ method: 'fqn', value: 'orders', children: true, children_depth: 1 })).toEqual(['customerLtv', 'orders', 'ordersByDay']);
    expect(run({ method: 'config.materialized', value: 'incremental', parents: true, parents_depth: 1 })).toEqual(['intOrderPayments', 'orders', 'stgOrders']);
  });

  it('takes values literally (a + in a YAML value is not an operator)', () => {
    expect(run({ method: 'fqn', value: 'orders+' })).toEqual([]);
  });

  it('supports union, intersection and exclude, nested', () => {
    expect(
      run({
        union: [{ intersection: ['tag:staging', 'tag:stripe'] }, 'marts', { exclude: ['orders_by_day', 'stg_stripe_customers'] }],
      }),
    ).toEqual(['customerLtv', 'customers', 'orders', 'stgPayments']);
    expect(run({ method: 'fqn', value: 'marts', exclude: ['orders_by_day'] })).toEqual(['customerLtv', 'customers', 'orders']);
  });

  it('applies per-criterion indirect_selection', () => {
    expect(run({ method: 'fqn', value: 'orders', indirect_selection: 'cautious' }, ['test'])).toEqual(['testAcceptedValues']);
    expect(run({ method: 'fqn', value: 'orders' }, ['test'])).toEqual(['testAcceptedValues', 'testRelationships']);
  });

  it('lets later selectors reuse earlier ones with method: selector', () => {
    const selectors = parseSelectorsFile([
      { name: 'stripe', definition: { tag: 'stripe' } },
      { name: 'stripe_downstream', definition: { union: [{ method: 'selector', value: 'stripe' }, 'int_order_payments'] }, default: true },
    ]);
    expect(selectors.get('stripe_downstream')!.isDefault).toBe(true);
    const selected = selectNodes(graph, nodes, { selector: selectors.get('stripe_downstream')!.spec, resourceTypes: ['model'] });
    expect(selected).toEqual(new Set([ids.stgPayments, ids.stgStripeCustomers, ids.intOrderPayments]));
  });

  it('rejects invalid definitions, naming the selector', () => {
    const bad = (definition: unknown) => () => parseSelectorsFile([{ name: 'broken', definition }]);
    expect(bad({ union: ['a'], intersection: ['b'] })).toThrow(/selector "broken": only a single 'union' or 'intersection'/);
    expect(bad({ colour: 'red' })).toThrow(/'colour' is not a valid method name/);
    expect(bad({ method: 'selector', value: 'nope' })).toThrow(/nope not found/);
    expect(bad({ union: 'a' })).toThrow(/expected a list/);
    expect(bad({ union: [{ exclude: ['a'] }, { exclude: ['b'] }] })).toThrow(/multiple exclude/);
    expect(bad({ method: 'fqn', value: 'x', childrens_parents: true, children: true })).toThrow(/incompatible/);
    expect(bad(42)).toThrow(BasinError);
    expect(() => parseSelectorsFile([{ name: 'a', definition: 'x', default: true }, { name: 'b', definition: 'y', default: true }])).toThrow(
      /only one selector may set default/,
    );
  });

  it('cannot be combined with --select', () => {
    const spec = parseSelectorsFile([{ name: 's', definition: 'x' }]).get('s')!.spec;
    expect(() => selectNodes(graph, nodes, { selector: spec, select: ['y'] })).toThrow(/cannot be combined/);
  });
});
