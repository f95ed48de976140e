import { BasinError } from '../../core/errors.js';

/** What the graph needs to know about a node: its id and the ids it depends on. */
export interface GraphNodeInput {
  uniqueId: string;
  dependsOn: readonly string[];
}

/** A declared dependency whose target is not a node of the graph. */
export interface MissingDependency {
  /** The node that declares the dependency. */
  from: string;
  /** The unknown id it depends on. */
  missing: string;
}

/** Options of the traversal methods. */
export interface TraversalOptions {
  /** Maximum number of edges to follow; unlimited when omitted. */
  depth?: number | undefined;
}

const EMPTY: readonly number[] = Object.freeze([]);

/**
 * A directed acyclic (or, before validation, possibly cyclic) graph of assets.
 * Ids are opaque strings (`model.pkg.x`, `source.pkg.s.t`, `sync:...`). Edges
 * point from a dependency (parent) to its dependant (child).
 *
 * Dependencies on ids that are not nodes are left out of the graph and listed
 * by {@link DependencyGraph.missingDependencies}. Duplicate dependencies are
 * collapsed. Node order is the order the nodes were given in.
 */
export class DependencyGraph {
  readonly #ids: string[];
  readonly #index: Map<string, number>;
  readonly #parents: number[][];
  readonly #children: number[][];
  readonly #missing: MissingDependency[];

  constructor(nodes: Iterable<GraphNodeInput>) {
    const list = Array.isArray(nodes) ? (nodes as readonly GraphNodeInput[]) : [...nodes];
    const ids: string[] = new Array<string>(list.length);
    const index = new Map<string, number>();
    for (let i = 0; i < list.length; i++) {
      const id = list[i]!.uniqueId;
      if (index.has(id)) {
        throw new BasinError('INTERNAL', `duplicate node id in dependency graph: ${id}`);
      }
      index.set(id, i);
      ids[i] = id;
    }
    const parents: number[][] = new Array<number[]>(list.length);
    const children: number[][] = new Array<number[]>(list.length);
    for (let i = 0; i < list.length; i++) children[i] = [];
    const missing: MissingDependency[] = [];
    for (let i = 0; i < list.length; i++) {
      const own: number[] = [];
      let unknown: string[] | undefined;
      for (const dep of list[i]!.dependsOn) {
        const p = index.get(dep);
        if (p === undefined) {
          if (unknown?.includes(dep)) continue;
          (unknown ??= []).push(dep);
          missing.push({ from: ids[i]!, missing: dep });
          continue;
        }
        if (own.includes(p)) continue;
        own.push(p);
        children[p]!.push(i);
      }
      parents[i] = own;
    }
    this.#ids = ids;
    this.#index = index;
    this.#parents = parents;
    this.#children = children;
    this.#missing = missing;
  }

  /** Number of nodes. */
  get size(): number {
    return this.#ids.length;
  }

  /** All node ids, in input order. */
  ids(): readonly string[] {
    return this.#ids;
  }

  /** True when `id` is a node of the graph. */
  has(id: string): boolean {
    return this.#index.has(id);
  }

  /** Dependencies that name ids which are not nodes, in input order. */
  missingDependencies(): readonly MissingDependency[] {
    return this.#missing;
  }

  /** Direct dependencies of `id`, in declaration order. */
  parents(id: string): string[] {
    return this.#parents[this.#require(id)]!.map((i) => this.#ids[i]!);
  }

  /** Direct dependants of `id`, in input order. */
  children(id: string): string[] {
    return this.#children[this.#require(id)]!.map((i) => this.#ids[i]!);
  }

  /**
   * Everything `ids` depend on, directly or transitively, up to `depth` edges
   * away. A start node is included only when it is an ancestor of another start node.
   */
  ancestors(ids: string | Iterable<string>, options: TraversalOptions = {}): Set<string> {
    return this.#walk(ids, this.#parents, options.depth);
  }

  /**
   * Everything that depends on `ids`, directly or transitively, up to `depth`
   * edges away. A start node is included only when it is a descendant of another start node.
   */
  descendants(ids: string | Iterable<string>, options: TraversalOptions = {}): Set<string> {
    return this.#walk(ids, this.#children, options.depth);
  }

  /** Index of `id` for the index-level accessors, or -1. */
  indexOf(id: string): number {
    return this.#index.get(id) ?? -1;
  }

  /** Id of the node at `index`. */
  idAt(index: number): string {
    const id = this.#ids[index];
    if (id === undefined) throw new BasinError('INTERNAL', `no graph node at index ${index}`);
    return id;
  }

  /** Parent indexes of the node at `index` (index-level, for fast algorithms). */
  parentIndexes(index: number): readonly number[] {
    return this.#parents[index] ?? EMPTY;
  }

  /** Child indexes of the node at `index` (index-level, for fast algorithms). */
  childIndexes(index: number): readonly number[] {
    return this.#children[index] ?? EMPTY;
  }

  #require(id: string): number {
    const i = this.#index.get(id);
    if (i === undefined) throw new BasinError('INTERNAL', `unknown graph node: ${id}`);
    return i;
  }

  #walk(start: string | Iterable<string>, edges: readonly number[][], depth: number | undefined): Set<string> {
    const seeds = typeof start === 'string' ? [start] : start;
    let frontier: number[] = [];
    for (const id of seeds) frontier.push(this.#require(id));
    const visited = new Uint8Array(this.#ids.length);
    const out = new Set<string>();
    let level = 0;
    while (frontier.length > 0 && (depth === undefined || level < depth)) {
      const next: number[] = [];
      for (const n of frontier) {
        for (const m of edges[n]!) {
          if (visited[m] === 1) continue;
          visited[m] = 1;
          out.add(this.#ids[m]!);
          next.push(m);
        }
      }
      frontier = next;
      level++;
    }
    return out;
  }
}
