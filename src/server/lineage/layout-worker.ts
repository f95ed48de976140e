/**
 * Runs ELK layouts in a worker thread, so a large graph (seconds of layout)
 * never blocks the server's event loop. One worker, started on first use,
 * unref'd (it never keeps the process alive); layouts run one at a time in
 * the order asked.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { BasinError } from '../../core/errors.js';
import type { ElkInput, ElkOutput } from './elk-graph.js';

/** The worker's whole program (CommonJS, as eval'd workers are): ELK in-thread, one message per layout. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const ELK = require(workerData.elk);
const elk = new ELK();
parentPort.on('message', (m) => {
  const started = performance.now();
  elk.layout(m.graph).then(
    (graph) => parentPort.postMessage({ id: m.id, graph, ms: performance.now() - started }),
    (err) => parentPort.postMessage({ id: m.id, error: String((err && err.message) || err) }),
  );
});
`;

interface Reply {
  id: number;
  graph?: ElkOutput;
  ms?: number;
  error?: string;
}

/** A finished layout and how long ELK took. */
export interface ElkResult {
  output: ElkOutput;
  ms: number;
}

/** Where elkjs's in-thread build is installed; INTERNAL error when it is not. */
function elkPath(): string {
  try {
    return createRequire(import.meta.url).resolve('elkjs/lib/elk.bundled.js');
  } catch (err) {
    throw new BasinError('INTERNAL', 'the lineage layout needs the elkjs package, which is not installed', { cause: err });
  }
}

/** ELK in a worker thread. */
export class ElkWorker {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: ElkResult) => void; reject: (e: Error) => void }>();

  /** Lays out `graph`; rejects with INTERNAL when ELK fails or the worker dies. */
  layout(graph: ElkInput): Promise<ElkResult> {
    const worker = this.start();
    const id = this.nextId++;
    return new Promise<ElkResult>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, graph });
    });
  }

  /** Stops the worker; layouts in progress fail. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.failAll(new BasinError('ABORTED', 'the lineage layout worker was stopped'));
    if (worker) await worker.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { elk: elkPath() } });
    worker.unref();
    worker.on('message', (reply: Reply) => {
      const waiter = this.pending.get(reply.id);
      if (!waiter) return;
      this.pending.delete(reply.id);
      if (reply.error !== undefined || !reply.graph) waiter.reject(new BasinError('INTERNAL', `the lineage layout failed: ${reply.error ?? 'no graph'}`));
      else waiter.resolve({ output: reply.graph, ms: reply.ms ?? 0 });
    });
    const died = (err: unknown): void => {
      if (this.worker === worker) this.worker = undefined;
      this.failAll(new BasinError('INTERNAL', 'the lineage layout worker stopped', { cause: err }));
    };
    worker.on('error', died);
    worker.on('exit', (code) => {
      if (this.worker === worker) died(new Error(`exit code ${code}`));
    });
    this.worker = worker;
    return worker;
  }

  private failAll(err: Error): void {
    const waiters = [...this.pending.values()];
    this.pending.clear();
    for (const w of waiters) w.reject(err);
  }
}
