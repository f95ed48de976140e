import { BasinError } from '../../core/errors.js';
import type { DependencyGraph } from '../graph/index.js';
import { ExecutionScheduler } from '../graph/index.js';
import { isFailureStatus, type NodeResult } from './run-types.js';

/** Inputs of {@link runInGraphOrder}. */
export interface ParallelRunOptions {
  graph: DependencyGraph;
  /** The nodes to run; ordering through nodes left out is kept. */
  ids: string[];
  threads: number;
  /** Runs one node; must resolve with a result (errors become `error` results by the caller). */
  runNode: (id: string, threadId: string) => Promise<NodeResult>;
  /** The result recorded for a node skipped because `because` failed. */
  skipped: (id: string, because: string) => NodeResult;
  /** Called once per node, in completion order, skipped nodes included. */
  onResult?: (result: NodeResult) => void;
  signal?: AbortSignal | undefined;
}

/**
 * Runs nodes in dependency order with at most `threads` at once. A failed
 * node (status `error` or `fail`) skips only its downstream; everything else
 * goes on. Once the signal fires, nothing new starts, running nodes finish
 * (they receive the signal themselves) and the rest are skipped.
 */
export async function runInGraphOrder(options: ParallelRunOptions): Promise<NodeResult[]> {
  const threads = Math.max(1, Math.floor(options.threads));
  const scheduler = new ExecutionScheduler(options.graph, { only: options.ids });
  const results: NodeResult[] = [];
  const freeThreads = Array.from({ length: threads }, (_, i) => `Thread-${threads - i}`);
  const running = new Map<string, Promise<{ id: string; thread: string; result: NodeResult }>>();
  const record = (result: NodeResult): void => {
    results.push(result);
    options.onResult?.(result);
  };

  while (!scheduler.finished) {
    if (!options.signal?.aborted) {
      for (const id of scheduler.takeReady(threads - running.size)) {
        const thread = freeThreads.pop() as string;
        const task = options.runNode(id, thread).then((result) => ({ id, thread, result }));
        running.set(id, task);
      }
    }
    if (running.size === 0) {
      if (options.signal?.aborted) {
        for (const id of scheduler.ready()) {
          scheduler.start(id);
          record(options.skipped(id, 'cancelled'));
          for (const s of scheduler.markFailed(id)) record(options.skipped(s, 'cancelled'));
        }
        if (!scheduler.finished) throw new BasinError('INTERNAL', 'run stalled after cancellation');
        break;
      }
      throw new BasinError('INTERNAL', 'run stalled: no node is ready or running');
    }
    const { id, thread, result } = await Promise.race(running.values());
    running.delete(id);
    freeThreads.push(thread);
    record(result);
    if (isFailureStatus(result.status)) {
      for (const skippedId of scheduler.markFailed(id)) record(options.skipped(skippedId, id));
    } else {
      scheduler.markDone(id);
    }
  }
  return results;
}
