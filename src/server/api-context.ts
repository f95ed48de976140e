/** What the HTTP API reads and drives: the asset graph, the jobs, the run store, run requests and read-only queries. */
import type { AssetGraph } from '../orchestrator/assets/build-asset-graph.js';
import type { Job } from '../orchestrator/jobs/job.js';
import type { RunRecord, RunStore } from '../orchestrator/run-store/run-store.js';
import type { AdHocRunRequest } from '../orchestrator/schedule/run-requests.js';
import type { QueryResult } from '../warehouse/warehouse.js';
import type { CatalogSources } from './catalog/catalog-sources.js';

/** The server's view of one project. */
export interface ApiContext {
  projectName: string;
  assets: AssetGraph;
  jobs: readonly Job[];
  store: RunStore;
  /** Next tick per scheduled job. */
  nextTicks(): Map<string, Date>;
  /** Queues and starts a run (a job now, or an ad-hoc selection); throws SELECTION / USAGE on a bad selection. */
  submitRun(request: AdHocRunRequest): Promise<RunRecord>;
  /** Queues and starts a rerun of what failed or was skipped in `previous`; undefined when nothing is left. */
  submitRerun(previous: RunRecord): Promise<RunRecord | undefined>;
  /** Cancels a run in progress on this server; false when it is not running here. */
  cancelRun(runId: string): boolean;
  /** Runs one query against the warehouse (read-only unless the server allows writes), target schema as default. */
  query(sql: string, options: { signal?: AbortSignal | undefined }): Promise<QueryResult>;
  /** When the server started. */
  startedAt: Date;
  /** What GET /api/catalog reads besides the graph and the run store. */
  catalog: CatalogSources;
}
