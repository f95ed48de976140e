import type { DependencyGraph } from './dependency-graph.js';
import { GraphCycleError } from './graph-cycle-error.js';
import { MinHeap } from './min-heap.js';

/**
 * All node ids with every node after its dependencies. Among nodes that could
 * come next, the smallest id comes first, so the order is stable across runs.
 * Throws {@link GraphCycleError} naming one cycle when the graph has any.
 */
export function topologicalOrder(graph: DependencyGraph): string[] {
  const n = graph.size;
  const pending = new Int32Array(n);
  const ids = graph.ids();
  const heap = new MinHeap<number>((a, b) => ids[a]! < ids[b]!);
  for (let i = 0; i < n; i++) {
    pending[i] = graph.parentIndexes(i).length;
    if (pending[i] === 0) heap.push(i);
  }
  const order: string[] = [];
  for (let i = heap.pop(); i !== undefined; i = heap.pop()) {
    order.push(graph.idAt(i));
    for (const c of graph.childIndexes(i)) {
      if (--pending[c]! === 0) heap.push(c);
    }
  }
  if (order.length < n) {
    const cycle = findCycle(graph);
    // A graph Kahn's algorithm cannot drain always has a cycle.
    throw new GraphCycleError(cycle ?? []);
  }
  return order;
}

/**
 * One dependency cycle, in data-flow order (each node is used by the next),
 * starting and ending with the cycle's smallest id; undefined when the graph is acyclic.
 */
export function findCycle(graph: DependencyGraph): string[] | undefined {
  const n = graph.size;
  const WHITE = 0;
  const GREY = 1;
  const BLACK = 2;
  const color = new Uint8Array(n);
  const stack: number[] = [];
  const edgePos: number[] = [];
  for (let root = 0; root < n; root++) {
    if (color[root] !== WHITE) continue;
    stack.push(root);
    edgePos.push(0);
    color[root] = GREY;
    while (stack.length > 0) {
      const top = stack.length - 1;
      const node = stack[top]!;
      const kids = graph.childIndexes(node);
      const pos = edgePos[top]!;
      if (pos >= kids.length) {
        color[node] = BLACK;
        stack.pop();
        edgePos.pop();
        continue;
      }
      edgePos[top] = pos + 1;
      const child = kids[pos]!;
      if (color[child] === GREY) {
        const from = stack.lastIndexOf(child);
        return rotateToSmallest(stack.slice(from).map((i) => graph.idAt(i)));
      }
      if (color[child] === WHITE) {
        color[child] = GREY;
        stack.push(child);
        edgePos.push(0);
      }
    }
  }
  return undefined;
}

function rotateToSmallest(cycle: string[]): string[] {
  let min = 0;
  for (let i = 1; i < cycle.length; i++) if (cycle[i]! < cycle[min]!) min = i;
  const rotated = [...cycle.slice(min), ...cycle.slice(0, min)];
  rotated.push(rotated[0]!);
  return rotated;
}
