/** What the HTTP API reads and drives: the asset graph, the jobs, the run store and the job runner. */
import type { AssetGraph } from '../orchestrator/assets/build-asset-graph.js';
import type { Job } from '../orchestrator/jobs/job.js';
import type { RunStore } from '../orchestrator/run-store/run-store.js';

/** The server's view of one project. */
export interface ApiContext {
  assets: AssetGraph;
  jobs: readonly Job[];
  store: RunStore;
  /** Next tick per scheduled job. */
  nextTicks(): Map<string, Date>;
  /** Starts an on-demand run of `job`; resolves with its run id once it is queued. */
  triggerJob(job: Job): Promise<string>;
  /** Cancels a run in progress on this server; false when it is not running here. */
  cancelRun(runId: string): boolean;
  /** When the server started. */
  startedAt: Date;
}
