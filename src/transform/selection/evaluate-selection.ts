import type { DependencyGraph } from '../graph/dependency-graph.js';
import type { SelectableNode } from './selectable-node.js';
import type { IndirectSelection, SelectionCriteria, SelectionSpec } from './selection-spec.js';
import type { SelectorMethodTable } from './selector-methods.js';

/** Directly selected ids, and tests held back by cautious/buildable selection pending their other parents. */
export interface SelectionSets {
  direct: Set<string>;
  indirect: Set<string>;
}

/** Evaluates parsed selections over a graph, following dbt's NodeSelector step by step. */
export class SelectionEvaluator {
  readonly #graph: DependencyGraph;
  readonly #nodes: readonly SelectableNode[];
  readonly #byId: ReadonlyMap<string, SelectableNode>;
  readonly #methods: SelectorMethodTable;
  readonly #projectName: string | undefined;
  readonly #warnings: string[] = [];

  constructor(
    graph: DependencyGraph,
    nodes: readonly SelectableNode[],
    methods: SelectorMethodTable,
    projectName: string | undefined,
  ) {
    this.#graph = graph;
    this.#nodes = nodes;
    this.#byId = new Map(nodes.map((n) => [n.uniqueId, n]));
    this.#methods = methods;
    this.#projectName = projectName;
  }

  /** Warnings collected so far ("does not match any enabled nodes"). */
  get warnings(): readonly string[] {
    return this.#warnings;
  }

  /** dbt's `select_nodes_recursively`. */
  evaluate(spec: SelectionSpec): SelectionSets {
    if (spec.type === 'criteria') return this.#evaluateCriteria(spec);
    const directSets: Set<string>[] = [];
    const indirectSets: Set<string>[] = [];
    for (const component of spec.components) {
      const { direct, indirect } = this.evaluate(component);
      directSets.push(direct);
      indirectSets.push(union([direct, indirect]));
    }
    const initialDirect = combine(spec.type, directSets);
    const indirect = combine(spec.type, indirectSets);
    const direct = this.#incorporateIndirect(initialDirect, indirect, spec.indirectSelection);
    if (spec.expectExists && direct.size === 0) {
      this.#warnings.push(`The selection criterion '${spec.raw}' does not match any enabled nodes`);
    }
    return { direct, indirect };
  }

  #evaluateCriteria(spec: SelectionCriteria): SelectionSets {
    const method = this.#methods[spec.method];
    const collected = new Set<string>();
    if (method) {
      const found = method.search(spec.value, {
        nodes: this.#nodes,
        arguments: spec.methodArguments,
        projectName: this.#projectName,
      });
      for (const id of found) collected.add(id);
    }
    const selected = new Set(collected);
    if (collected.size > 0) {
      if (spec.childrensParents) {
        const family = union([this.#graph.descendants(collected), collected]);
        addAll(selected, family);
        addAll(selected, this.#graph.ancestors(family));
      }
      if (spec.parents) addAll(selected, this.#graph.ancestors(collected, { depth: spec.parentsDepth }));
      if (spec.children) addAll(selected, this.#graph.descendants(collected, { depth: spec.childrenDepth }));
    }
    for (const id of selected) if (!this.#byId.has(id)) selected.delete(id);
    if (spec.indirectSelection === 'empty') return { direct: selected, indirect: new Set() };
    return this.#expand(selected, spec.indirectSelection);
  }

  /** dbt's `expand_selection`: pick up tests attached to the selection. */
  #expand(selected: Set<string>, mode: IndirectSelection): SelectionSets {
    const direct = new Set(selected);
    const indirect = new Set<string>();
    const selectedAndParents = mode === 'buildable' ? this.#withParentsAndSources(selected) : undefined;
    for (const id of selected) {
      for (const childId of this.#graph.children(id)) {
        const child = this.#byId.get(childId);
        if (!child || !canSelectIndirectly(child)) continue;
        const parents = this.#parentsOf(child);
        if (mode === 'eager' || isSubset(parents, selected)) direct.add(childId);
        else if (mode === 'buildable' && isSubset(parents, selectedAndParents!)) direct.add(childId);
        else indirect.add(childId);
      }
    }
    return { direct, indirect };
  }

  /** dbt's `incorporate_indirect_nodes`: held-back tests whose parents are now all present. */
  #incorporateIndirect(direct: Set<string>, indirect: Set<string>, mode: IndirectSelection): Set<string> {
    if (mode !== 'cautious' && mode !== 'buildable') return direct;
    if (sameSet(direct, indirect)) return direct;
    const selected = new Set(direct);
    const present = mode === 'buildable' ? union([direct, this.#graph.ancestors(direct)]) : direct;
    for (const id of indirect) {
      const node = this.#byId.get(id);
      if (!node || node.resourceType === 'source') continue;
      if (isSubset(this.#parentsOf(node), present)) selected.add(id);
    }
    return selected;
  }

  #withParentsAndSources(selected: Set<string>): Set<string> {
    const out = union([selected, this.#graph.ancestors(selected)]);
    for (const n of this.#nodes) if (n.resourceType === 'source') out.add(n.uniqueId);
    return out;
  }

  #parentsOf(node: SelectableNode): string[] {
    return node.dependsOn.filter((d) => this.#graph.has(d));
  }
}

/** Tests (and unit tests) can be selected through the nodes they test. */
function canSelectIndirectly(node: SelectableNode): boolean {
  return node.resourceType === 'test' || node.resourceType === 'unit_test';
}

function combine(type: 'union' | 'intersection' | 'difference', sets: Set<string>[]): Set<string> {
  const [first, ...rest] = sets;
  if (first === undefined) return new Set();
  if (type === 'union') return union(sets);
  const out = new Set(first);
  if (type === 'intersection') {
    for (const id of first) if (!rest.every((s) => s.has(id))) out.delete(id);
  } else {
    for (const s of rest) for (const id of s) out.delete(id);
  }
  return out;
}

function union(sets: Iterable<ReadonlySet<string>>): Set<string> {
  const out = new Set<string>();
  for (const s of sets) addAll(out, s);
  return out;
}

function addAll(target: Set<string>, items: Iterable<string>): void {
  for (const id of items) target.add(id);
}

function isSubset(items: readonly string[], set: ReadonlySet<string>): boolean {
  return items.every((id) => set.has(id));
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const id of a) if (!b.has(id)) return false;
  return true;
}
