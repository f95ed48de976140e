/**
 * Converts between records and rows. Reading accepts what either driver
 * returns: timestamps as Date (Postgres) or epoch ms (SQLite), JSON as text
 * (both drivers hand JSON columns over unparsed), counts as number or string.
 */
import type { AssetRunRecord, JsonObject, JsonValue, RunEvent, RunRecord, StoredError } from './run-store.js';
import type { SqlRow } from './sql-driver.js';

function date(value: unknown): Date | undefined {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) return value;
  return new Date(Number(value));
}

function json(value: unknown): JsonValue | undefined {
  if (value === null || value === undefined) return undefined;
  return JSON.parse(String(value)) as JsonValue;
}

function text(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : String(value);
}

function num(value: unknown): number | undefined {
  return value === null || value === undefined ? undefined : Number(value);
}

/** Drops keys whose value is undefined, so unset fields are absent. */
function compact<T extends object>(record: T): T {
  for (const key of Object.keys(record) as (keyof T)[]) {
    if (record[key] === undefined) delete record[key];
  }
  return record;
}

/** JSON text of an optional object to store (`null`/`undefined`: SQL NULL). */
export function jsonParam(value: JsonObject | StoredError | string[] | undefined | null): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/** JSON text of an optional JSON value: a JSON `null` is kept (text `null`), only `undefined` is SQL NULL. */
export function jsonValueParam(value: JsonValue | undefined): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

export function runFromRow(row: SqlRow): RunRecord {
  return compact<RunRecord>({
    id: String(row.id),
    job: text(row.job),
    selector: json(row.selector) as string[],
    trigger: String(row.trigger_kind) as RunRecord['trigger'],
    status: String(row.status) as RunRecord['status'],
    createdAt: date(row.created_at)!,
    startedAt: date(row.started_at),
    finishedAt: date(row.finished_at),
    scheduledFor: date(row.scheduled_for),
    rerunOf: text(row.rerun_of),
    owner: text(row.owner),
    heartbeatAt: date(row.heartbeat_at),
    error: json(row.error) as StoredError | undefined,
  });
}

export function assetRunFromRow(row: SqlRow): AssetRunRecord {
  return compact<AssetRunRecord>({
    runId: String(row.run_id),
    assetKey: String(row.asset_key),
    kind: String(row.kind),
    status: String(row.status) as AssetRunRecord['status'],
    attempts: Number(row.attempts),
    startedAt: date(row.started_at),
    finishedAt: date(row.finished_at),
    rows: num(row.row_count),
    error: json(row.error) as StoredError | undefined,
    metadata: json(row.metadata) as JsonObject | undefined,
  });
}

export function eventFromRow(row: SqlRow): RunEvent {
  return compact<RunEvent>({
    runId: String(row.run_id),
    seq: Number(row.seq),
    at: date(row.event_at)!,
    assetKey: text(row.asset_key),
    level: String(row.level) as RunEvent['level'],
    type: String(row.event_type),
    message: String(row.message),
    data: json(row.data),
  });
}
