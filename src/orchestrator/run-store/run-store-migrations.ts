/**
 * The run store's versioned schema, written once for both databases: each
 * driver supplies its column types and how it names tables. Migrations only
 * ever get appended; `run_store_migrations` records which versions a database
 * has. Column names avoid SQL keywords (`trigger_kind`, `row_count`, `event_type`).
 */
import type { RunStatus, AssetStatus } from './run-store.js';
import { RUN_STATUSES } from './run-transitions.js';

/** How a dialect spells the store's column types and qualifies table names. */
export interface SchemaDialect {
  /** Identifiers compared byte-wise (ids, keys): they order cursors. */
  key: string;
  text: string;
  /** Timestamps: epoch ms INTEGER in SQLite, timestamptz in Postgres. */
  timestamp: string;
  /** JSON: TEXT in SQLite, json (kept verbatim) in Postgres. */
  json: string;
  integer: string;
  bigint: string;
  table(name: StoreTable): string;
}

export type StoreTable = 'run_store_migrations' | 'runs' | 'asset_runs' | 'run_events';

export interface Migration {
  version: number;
  name: string;
  statements(d: SchemaDialect): string[];
}

const ASSET_STATUSES: readonly AssetStatus[] = ['pending', 'running', 'succeeded', 'warned', 'failed', 'skipped', 'canceled'];

const oneOf = (values: readonly (RunStatus | AssetStatus)[]): string => values.map((v) => `'${v}'`).join(', ');

/** The migrations table itself (created before anything else, outside the versioning). */
export function migrationsTableDdl(d: SchemaDialect): string {
  return `CREATE TABLE IF NOT EXISTS ${d.table('run_store_migrations')} (
    version ${d.integer} PRIMARY KEY,
    name ${d.text} NOT NULL,
    applied_at ${d.timestamp} NOT NULL
  )`;
}

export const RUN_STORE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'runs, asset runs and events',
    statements: (d) => [
      `CREATE TABLE ${d.table('runs')} (
        id ${d.key} PRIMARY KEY,
        job ${d.key},
        selector ${d.json} NOT NULL,
        trigger_kind ${d.text} NOT NULL,
        status ${d.text} NOT NULL CHECK (status IN (${oneOf(RUN_STATUSES)})),
        created_at ${d.timestamp} NOT NULL,
        started_at ${d.timestamp},
        finished_at ${d.timestamp},
        scheduled_for ${d.timestamp},
        rerun_of ${d.key},
        owner ${d.key},
        heartbeat_at ${d.timestamp},
        error ${d.json},
        event_seq ${d.integer} NOT NULL DEFAULT 0,
        UNIQUE (job, scheduled_for)
      )`,
      `CREATE INDEX runs_by_created ON ${d.table('runs')} (created_at, id)`,
      `CREATE INDEX runs_by_job ON ${d.table('runs')} (job, created_at)`,
      `CREATE INDEX runs_by_status ON ${d.table('runs')} (status)`,
      `CREATE TABLE ${d.table('asset_runs')} (
        run_id ${d.key} NOT NULL REFERENCES ${d.table('runs')} (id) ON DELETE CASCADE,
        asset_key ${d.key} NOT NULL,
        kind ${d.text} NOT NULL,
        status ${d.text} NOT NULL CHECK (status IN (${oneOf(ASSET_STATUSES)})),
        attempts ${d.integer} NOT NULL,
        started_at ${d.timestamp},
        finished_at ${d.timestamp},
        row_count ${d.bigint},
        error ${d.json},
        metadata ${d.json},
        PRIMARY KEY (run_id, asset_key)
      )`,
      `CREATE INDEX asset_runs_by_asset ON ${d.table('asset_runs')} (asset_key, finished_at)`,
      `CREATE TABLE ${d.table('run_events')} (
        run_id ${d.key} NOT NULL REFERENCES ${d.table('runs')} (id) ON DELETE CASCADE,
        seq ${d.integer} NOT NULL,
        event_at ${d.timestamp} NOT NULL,
        asset_key ${d.key},
        level ${d.text} NOT NULL,
        event_type ${d.text} NOT NULL,
        message ${d.text} NOT NULL,
        data ${d.json},
        PRIMARY KEY (run_id, seq)
      )`,
    ],
  },
];
