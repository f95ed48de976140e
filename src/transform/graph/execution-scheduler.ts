import { BasinError } from '../../core/errors.js';
import type { DependencyGraph } from './dependency-graph.js';
import { MinHeap } from './min-heap.js';
import { topologicalOrder } from './topological-order.js';

/** Where a node is in a run. */
export type NodeRunState = 'pending' | 'ready' | 'running' | 'done' | 'failed' | 'skipped';

/** Options of {@link ExecutionScheduler}. */
export interface ExecutionSchedulerOptions {
  /**
   * Schedule only these ids (e.g. a selection). Ordering through nodes left
   * out is kept: if a -> b -> c and only a and c run, c still waits for a.
   * Defaults to every node of the graph.
   */
  only?: Iterable<string> | undefined;
}

/**
 * Tracks a parallel run over a dependency graph: which nodes may start now,
 * and which must be skipped when one fails. Single-threaded bookkeeping; the
 * runner decides how many nodes to run at once.
 *
 * ```ts
 * const s = new ExecutionScheduler(graph, { only: selected });
 * while (!s.finished) {
 *   for (const id of s.takeReady(threads - running)) run(id).then(() => s.markDone(id), () => s.markFailed(id));
 *   await nextCompletion();
 * }
 * ```
 */
export class ExecutionScheduler {
  readonly #state = new Map<string, NodeRunState>();
  readonly #parents = new Map<string, string[]>();
  readonly #children = new Map<string, string[]>();
  readonly #waitingOn = new Map<string, number>();
  readonly #ready = new Set<string>();
  /** Ready ids by order; may hold ids that have since started (skipped when popped). */
  readonly #readyHeap = new MinHeap<string>((a, b) => a < b);
  #open = 0;

  /** Throws GraphCycleError when the graph (or the scheduled part) has a cycle. */
  constructor(graph: DependencyGraph, options: ExecutionSchedulerOptions = {}) {
    const order = topologicalOrder(graph);
    const only = options.only === undefined ? undefined : new Set(options.only);
    if (only) {
      for (const id of only) {
        if (!graph.has(id)) throw new BasinError('INTERNAL', `cannot schedule unknown node: ${id}`);
      }
    }
    const scheduled = only ? order.filter((id) => only.has(id)) : order;
    for (const id of scheduled) {
      this.#parents.set(id, only ? nearestScheduledParents(graph, id, only) : graph.parents(id));
      this.#children.set(id, []);
    }
    for (const id of scheduled) {
      const parents = this.#parents.get(id)!;
      for (const p of parents) this.#children.get(p)!.push(id);
      this.#waitingOn.set(id, parents.length);
      if (parents.length === 0) {
        this.#state.set(id, 'ready');
        this.#ready.add(id);
        this.#readyHeap.push(id);
      } else {
        this.#state.set(id, 'pending');
      }
    }
    this.#open = scheduled.length;
  }

  /** True when every scheduled node is done, failed or skipped. */
  get finished(): boolean {
    return this.#open === 0;
  }

  /** Nodes whose dependencies are all done and that have not started, sorted by id. */
  ready(): string[] {
    return [...this.#ready].sort();
  }

  /** Marks a ready node as running. */
  start(id: string): void {
    this.#expect(id, ['ready']);
    this.#ready.delete(id);
    this.#state.set(id, 'running');
  }

  /** Starts and returns up to `limit` ready nodes (smallest ids first). */
  takeReady(limit = Number.POSITIVE_INFINITY): string[] {
    const taken: string[] = [];
    while (taken.length < limit && this.#ready.size > 0) {
      const id = this.#readyHeap.pop();
      if (id === undefined) break;
      if (!this.#ready.has(id)) continue;
      this.start(id);
      taken.push(id);
    }
    return taken;
  }

  /** Records success of a ready or running node; returns the nodes that became ready, sorted. */
  markDone(id: string): string[] {
    this.#finish(id, 'done');
    const released: string[] = [];
    for (const c of this.#children.get(id)!) {
      const left = this.#waitingOn.get(c)! - 1;
      this.#waitingOn.set(c, left);
      if (left === 0 && this.#state.get(c) === 'pending') {
        this.#state.set(c, 'ready');
        this.#ready.add(c);
        this.#readyHeap.push(c);
        released.push(c);
      }
    }
    return released.sort();
  }

  /**
   * Records failure of a ready or running node and skips everything
   * downstream of it that has not finished. Returns the skipped ids, sorted.
   */
  markFailed(id: string): string[] {
    this.#finish(id, 'failed');
    const skipped: string[] = [];
    const stack = [...this.#children.get(id)!];
    while (stack.length > 0) {
      const c = stack.pop()!;
      if (this.#state.get(c) !== 'pending') continue;
      this.#state.set(c, 'skipped');
      this.#open--;
      skipped.push(c);
      stack.push(...this.#children.get(c)!);
    }
    return skipped.sort();
  }

  /** State of a scheduled node; undefined for nodes not scheduled. */
  state(id: string): NodeRunState | undefined {
    return this.#state.get(id);
  }

  /** Scheduled dependencies of `id` (after bridging over unscheduled nodes). */
  dependenciesOf(id: string): readonly string[] {
    return this.#parents.get(id) ?? [];
  }

  /** How many scheduled nodes are in each state. */
  counts(): Record<NodeRunState, number> {
    const out: Record<NodeRunState, number> = { pending: 0, ready: 0, running: 0, done: 0, failed: 0, skipped: 0 };
    for (const s of this.#state.values()) out[s]++;
    return out;
  }

  #finish(id: string, to: 'done' | 'failed'): void {
    this.#expect(id, ['ready', 'running']);
    this.#ready.delete(id);
    this.#state.set(id, to);
    this.#open--;
  }

  #expect(id: string, allowed: readonly NodeRunState[]): void {
    const state = this.#state.get(id);
    if (state === undefined) throw new BasinError('INTERNAL', `node is not scheduled: ${id}`);
    if (!allowed.includes(state)) {
      throw new BasinError('INTERNAL', `node ${id} is ${state}, expected ${allowed.join(' or ')}`);
    }
  }
}

/** Scheduled ancestors of `id` reachable without passing through another scheduled node. */
function nearestScheduledParents(graph: DependencyGraph, id: string, scheduled: ReadonlySet<string>): string[] {
  const out: string[] = [];
  const seen = new Set<number>();
  const stack = [...graph.parentIndexes(graph.indexOf(id))];
  while (stack.length > 0) {
    const p = stack.pop()!;
    if (seen.has(p)) continue;
    seen.add(p);
    const pid = graph.idAt(p);
    if (scheduled.has(pid)) out.push(pid);
    else stack.push(...graph.parentIndexes(p));
  }
  return out.sort();
}
