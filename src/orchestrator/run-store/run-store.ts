/**
 * The run store: where the orchestrator persists runs, per-asset results and
 * run events. Two implementations (SQLite for one machine, Postgres for several
 * servers) pass the same contract suite (run-store.contract.ts).
 *
 * Timestamps are `Date`s at millisecond precision. Optional fields that are
 * unset are absent from records (never `null`). JSON values (`metadata`, `data`,
 * `error`) round-trip as given; the store never rewrites or redacts them.
 */

/** A run's lifecycle. `succeeded`, `failed`, `canceled` and `interrupted` are final. */
export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'canceled' | 'interrupted';

/** One asset's outcome within a run. */
export type AssetStatus = 'pending' | 'running' | 'succeeded' | 'warned' | 'failed' | 'skipped' | 'canceled';

/** What started a run. */
export type RunTrigger = 'manual' | 'schedule' | 'api' | 'rerun' | 'demo';

/** What an asset is: the first segment of its key. */
export type AssetKind = 'source' | 'model' | 'seed' | 'snapshot' | 'test' | (string & {});

export type EventLevel = 'debug' | 'info' | 'warn' | 'error';

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** An error as stored: what the orchestrator chose to keep (already free of secrets). */
export interface StoredError {
  message: string;
  /** A BasinError code or another stable code, e.g. `INTERRUPTED`. */
  code?: string;
  /** Extra structured detail (the failing SQL's location, an HTTP status, ...). */
  detail?: JsonObject;
}

export interface RunRecord {
  /** A UUID (the store generates one when createRun gets none). Stored as text. */
  id: string;
  /** The scheduled job (basin.yml `jobs:`) this run belongs to, if any. */
  job?: string;
  /** The selection the run was started with, e.g. `['source:stripe+', 'tag:daily']`. */
  selector: string[];
  trigger: RunTrigger;
  status: RunStatus;
  createdAt: Date;
  startedAt?: Date;
  finishedAt?: Date;
  /** The cron tick a scheduled run is for; (job, scheduledFor) is unique. */
  scheduledFor?: Date;
  /** The run this one re-runs. */
  rerunOf?: string;
  /** The server instance (or CLI process) executing the run. */
  owner?: string;
  /** Last sign of life from `owner`. */
  heartbeatAt?: Date;
  error?: StoredError;
}

export interface AssetRunRecord {
  runId: string;
  /** `model.fct_mrr`, `source.stripe.customers`, `test.unique_x`, ... */
  assetKey: string;
  kind: AssetKind;
  status: AssetStatus;
  attempts: number;
  startedAt?: Date;
  finishedAt?: Date;
  rows?: number;
  error?: StoredError;
  metadata?: JsonObject;
}

export interface RunEvent {
  runId: string;
  /** 1, 2, 3, ... per run, assigned by the store in commit order (no gaps). */
  seq: number;
  at: Date;
  assetKey?: string;
  level: EventLevel;
  /** `asset_started`, `asset_succeeded`, `log`, ... */
  type: string;
  message: string;
  data?: JsonValue;
}

/** createRun's input: the store fills `id`, `status` (`queued`) and `createdAt` (now) when absent. */
export type NewRun = Omit<RunRecord, 'id' | 'status' | 'createdAt'> & Partial<Pick<RunRecord, 'id' | 'status' | 'createdAt'>>;

/** The run of a claimed schedule tick: job and scheduledFor come from claimScheduledRun's arguments. */
export type NewScheduledRun = Omit<NewRun, 'job' | 'scheduledFor' | 'trigger'> & { trigger?: RunTrigger };

/**
 * updateRun's patch. A key that is absent (or `undefined`) is left as is;
 * `null` clears an optional field.
 */
export interface RunPatch {
  status?: RunStatus;
  startedAt?: Date | null;
  finishedAt?: Date | null;
  owner?: string | null;
  heartbeatAt?: Date | null;
  error?: StoredError | null;
}

/** appendEvents' input: the store assigns `seq`; `at` defaults to now. */
export type NewRunEvent = Omit<RunEvent, 'runId' | 'seq' | 'at'> & { at?: Date };

export interface ListRunsOptions {
  job?: string;
  status?: RunStatus | RunStatus[];
  /** Page size, 1..1000. */
  limit: number;
  /** `nextCursor` of the previous page. */
  before?: string;
}

export interface RunPage {
  /** Newest first: by createdAt, then id, both descending. */
  runs: RunRecord[];
  /** Pass as `before` for the next page; absent on the last page. */
  nextCursor?: string;
}

export interface ListEventsOptions {
  /** Only events with a greater seq (for tailing: pass the last seq seen). */
  afterSeq?: number;
  /** Default 1000, at most 10000. */
  limit?: number;
  assetKey?: string;
}

export interface MarkInterruptedOptions {
  /** Only runs owned by this instance (e.g. the previous incarnation of this server). */
  owner?: string;
  /** Only runs whose last heartbeat (else start, else creation) is older than this. */
  heartbeatBefore?: Date;
  /** finishedAt of the runs and assets marked; default now. */
  at?: Date;
  /** Stored as the runs' error; default {@link INTERRUPTED_ERROR}. */
  error?: StoredError;
}

export interface PruneResult {
  /** Runs deleted with their asset runs and events. */
  runs: number;
  /** Events deleted (of deleted runs and of old runs kept for their latest results). */
  events: number;
}

/** The error markInterrupted stores when given none. */
export const INTERRUPTED_ERROR: StoredError = {
  code: 'INTERRUPTED',
  message: 'the process running this run stopped before it finished',
};

export interface RunStore {
  /** Human description without secrets, e.g. `sqlite:/p/.basin/runs.sqlite`. */
  readonly description: string;
  /** Creates or upgrades the tables. Idempotent and safe when several processes migrate at once. */
  migrate(): Promise<void>;
  /** Inserts a run. A duplicate id, or a (job, scheduledFor) already taken, fails with reason `conflict`. */
  createRun(run: NewRun): Promise<RunRecord>;
  /**
   * Applies `patch` atomically. Status changes must follow {@link canTransition};
   * otherwise it fails with reason `invalid_transition` and changes nothing.
   */
  updateRun(id: string, patch: RunPatch): Promise<RunRecord>;
  /**
   * Inserts the run for `job`'s tick `scheduledFor` unless a run for that tick
   * exists. True for exactly one caller per (job, tick) across every process
   * sharing the store.
   */
  claimScheduledRun(job: string, scheduledFor: Date, run: NewScheduledRun): Promise<boolean>;
  /** Inserts or replaces the result of (runId, assetKey). */
  upsertAssetRun(record: AssetRunRecord): Promise<void>;
  /** Appends events in order, assigning consecutive seqs atomically; returns them as stored. */
  appendEvents(runId: string, events: NewRunEvent[]): Promise<RunEvent[]>;
  getRun(id: string): Promise<RunRecord | undefined>;
  listRuns(options: ListRunsOptions): Promise<RunPage>;
  /** Ordered by startedAt (unstarted last), then assetKey. */
  listAssetRuns(runId: string): Promise<AssetRunRecord[]>;
  /** Ascending seq. */
  listEvents(runId: string, options?: ListEventsOptions): Promise<RunEvent[]>;
  /**
   * Per asset, its most recent finished result (status succeeded, warned or
   * failed; latest finishedAt), optionally only for `assetKeys`.
   */
  latestAssetRuns(assetKeys?: string[]): Promise<AssetRunRecord[]>;
  /** Sets heartbeatAt of `owner`'s queued or running runs among `runIds`; returns how many. */
  heartbeat(owner: string, runIds: string[], at: Date): Promise<number>;
  /**
   * Marks queued/running runs matching the filters (at least one required)
   * `interrupted` with finishedAt; their running assets become `canceled`.
   * Returns the number of runs marked.
   */
  markInterrupted(options: MarkInterruptedOptions): Promise<number>;
  /**
   * Retention: deletes finished runs created before `date` (asset runs and
   * events with them), except runs that hold some asset's latest result;
   * those lose only their events.
   */
  pruneBefore(date: Date): Promise<PruneResult>;
  close(): Promise<void>;
}
