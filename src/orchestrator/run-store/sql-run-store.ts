/**
 * The RunStore over any SqlDriver: one set of statements for SQLite and
 * Postgres, so both stores behave the same by construction. The rules:
 *
 * - Status changes are one conditional UPDATE (`WHERE status IN <allowed>`),
 *   atomic without a read-modify-write.
 * - claimScheduledRun is `INSERT ... ON CONFLICT (job, scheduled_for) DO NOTHING`
 *   against a unique constraint: exactly one inserter per tick wins.
 * - Event seqs come from a per-run counter (`runs.event_seq`) bumped in the
 *   transaction that inserts the events. The counter's row lock serializes
 *   appenders of one run, so seqs are gap-free and commit in order: a reader
 *   tailing with `afterSeq` never skips an event committed later with a lower seq.
 */
import { randomUUID } from 'node:crypto';
import { errorMessage } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { decodeRunCursor, encodeRunCursor } from './run-cursor.js';
import { assetRunFromRow, eventFromRow, jsonParam, jsonValueParam, runFromRow } from './run-rows.js';
import { RunStoreError } from './run-store-errors.js';
import { migrationsTableDdl, RUN_STORE_MIGRATIONS, type StoreTable } from './run-store-migrations.js';
import {
  INTERRUPTED_ERROR,
  type AssetRunRecord,
  type ListEventsOptions,
  type ListRunsOptions,
  type MarkInterruptedOptions,
  type NewRun,
  type NewRunEvent,
  type NewScheduledRun,
  type PruneResult,
  type RunEvent,
  type RunPage,
  type RunPatch,
  type RunRecord,
  type RunStore,
} from './run-store.js';
import { ACTIVE_RUN_STATUSES, FINAL_RUN_STATUSES, RUN_STATUSES, statusesAllowing } from './run-transitions.js';
import type { SqlDriver } from './sql-driver.js';

/** Asset statuses that count as a result (for latestAssetRuns and retention). */
const RESULT_STATUSES = ['succeeded', 'warned', 'failed'] as const;
/** Rows per multi-row INSERT (8 parameters each). */
const INSERT_CHUNK = 200;
/** Values per IN list. */
const IN_CHUNK = 500;
const MAX_RUN_PAGE = 1000;
const DEFAULT_EVENT_PAGE = 1000;
const MAX_EVENT_PAGE = 10_000;

const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function checkLimit(value: number, max: number, what: string): number {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new RunStoreError('invalid_argument', `${what} must be an integer from 1 to ${max}, got ${value}`);
  }
  return value;
}

const RUN_PATCH_COLUMNS = {
  startedAt: 'started_at',
  finishedAt: 'finished_at',
  owner: 'owner',
  heartbeatAt: 'heartbeat_at',
  error: 'error',
} as const satisfies Partial<Record<keyof RunPatch, string>>;

export class SqlRunStore implements RunStore {
  readonly description: string;

  constructor(
    private readonly driver: SqlDriver,
    private readonly logger: Logger,
  ) {
    this.description = driver.description;
  }

  private t(name: StoreTable): string {
    return this.driver.dialect.table(name);
  }

  private date(value: Date | null | undefined): unknown {
    return value === null || value === undefined ? null : this.driver.date(value);
  }

  /** Runs `fn`, turning database failures into RunStoreErrors. */
  private async guard<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof RunStoreError) throw err;
      const failure = this.driver.classify(err);
      if (failure === 'unique') throw new RunStoreError('conflict', `${what}: already exists`, { cause: err });
      if (failure === 'foreign_key') throw new RunStoreError('not_found', `${what}: no such run`, { cause: err });
      if (failure === 'invalid') throw new RunStoreError('invalid_argument', `${what}: ${errorMessage(err)}`, { cause: err });
      throw new RunStoreError('storage', `run store (${this.description}): ${what} failed: ${errorMessage(err)}`, { cause: err });
    }
  }

  async migrate(): Promise<void> {
    await this.guard('migrate', () =>
      this.driver.migrationTransaction(async (tx) => {
        await tx.exec(migrationsTableDdl(this.driver.dialect));
        const { rows } = await tx.exec(`SELECT version FROM ${this.t('run_store_migrations')}`);
        const applied = new Set(rows.map((r) => Number(r.version)));
        const known = RUN_STORE_MIGRATIONS.map((m) => m.version);
        const newer = [...applied].filter((v) => !known.includes(v));
        if (newer.length > 0) {
          this.logger.warn('run store schema is newer than this Basin', { store: this.description, versions: newer });
        }
        for (const migration of RUN_STORE_MIGRATIONS) {
          if (applied.has(migration.version)) continue;
          for (const statement of migration.statements(this.driver.dialect)) await tx.exec(statement);
          await tx.exec(`INSERT INTO ${this.t('run_store_migrations')} (version, name, applied_at) VALUES (?, ?, ?)`, [
            migration.version,
            migration.name,
            this.date(new Date()),
          ]);
          this.logger.info('run store migrated', { store: this.description, version: migration.version, name: migration.name });
        }
      }),
    );
  }

  private runParams(run: RunRecord): unknown[] {
    return [
      run.id,
      run.job ?? null,
      jsonParam(run.selector),
      run.trigger,
      run.status,
      this.date(run.createdAt),
      this.date(run.startedAt),
      this.date(run.finishedAt),
      this.date(run.scheduledFor),
      run.rerunOf ?? null,
      run.owner ?? null,
      this.date(run.heartbeatAt),
      jsonParam(run.error),
    ];
  }

  private insertRunSql(onConflict: string): string {
    return `INSERT INTO ${this.t('runs')}
      (id, job, selector, trigger_kind, status, created_at, started_at, finished_at, scheduled_for, rerun_of, owner, heartbeat_at, error)
      VALUES (${placeholders(13)}) ${onConflict}`;
  }

  private completeRun(input: NewRun): RunRecord {
    return { ...input, id: input.id ?? randomUUID(), status: input.status ?? 'queued', createdAt: input.createdAt ?? new Date() };
  }

  async createRun(input: NewRun): Promise<RunRecord> {
    const run = this.completeRun(input);
    return this.guard(`create run ${run.id}`, async () => {
      const { rows } = await this.driver.exec(`${this.insertRunSql('')} RETURNING *`, this.runParams(run));
      return runFromRow(rows[0]!);
    });
  }

  async claimScheduledRun(job: string, scheduledFor: Date, input: NewScheduledRun): Promise<boolean> {
    const run = this.completeRun({ trigger: 'schedule', ...input, job, scheduledFor });
    return this.guard(`claim ${job} at ${scheduledFor.toISOString()}`, async () => {
      const { changes } = await this.driver.exec(this.insertRunSql('ON CONFLICT (job, scheduled_for) DO NOTHING'), this.runParams(run));
      return changes === 1;
    });
  }

  async updateRun(id: string, patch: RunPatch): Promise<RunRecord> {
    const sets: string[] = [];
    const params: unknown[] = [];
    if (patch.status !== undefined) {
      if (!RUN_STATUSES.includes(patch.status)) throw new RunStoreError('invalid_argument', `not a run status: ${JSON.stringify(patch.status)}`);
      sets.push('status = ?');
      params.push(patch.status);
    }
    for (const [key, column] of Object.entries(RUN_PATCH_COLUMNS) as [keyof typeof RUN_PATCH_COLUMNS, string][]) {
      const value = patch[key];
      if (value === undefined) continue;
      sets.push(`${column} = ?`);
      params.push(value instanceof Date ? this.date(value) : key === 'error' ? jsonParam(patch.error) : value);
    }
    return this.guard(`update run ${id}`, async () => {
      if (sets.length > 0) {
        let sql = `UPDATE ${this.t('runs')} SET ${sets.join(', ')} WHERE id = ?`;
        params.push(id);
        if (patch.status !== undefined) {
          const allowed = statusesAllowing(patch.status);
          sql += ` AND status IN (${placeholders(allowed.length)})`;
          params.push(...allowed);
        }
        const { rows } = await this.driver.exec(`${sql} RETURNING *`, params);
        if (rows[0]) return runFromRow(rows[0]);
      }
      const current = await this.getRun(id);
      if (!current) throw new RunStoreError('not_found', `run ${id} does not exist`);
      if (sets.length === 0) return current;
      throw new RunStoreError('invalid_transition', `run ${id} is ${current.status}: it cannot become ${patch.status}`, {
        cause: { runId: id, from: current.status, to: patch.status },
      });
    });
  }

  async upsertAssetRun(record: AssetRunRecord): Promise<void> {
    await this.guard(`record ${record.assetKey} of run ${record.runId}`, () =>
      this.driver.exec(
        `INSERT INTO ${this.t('asset_runs')}
          (run_id, asset_key, kind, status, attempts, started_at, finished_at, row_count, error, metadata)
          VALUES (${placeholders(10)})
          ON CONFLICT (run_id, asset_key) DO UPDATE SET
            kind = excluded.kind, status = excluded.status, attempts = excluded.attempts,
            started_at = excluded.started_at, finished_at = excluded.finished_at, row_count = excluded.row_count,
            error = excluded.error, metadata = excluded.metadata`,
        [
          record.runId,
          record.assetKey,
          record.kind,
          record.status,
          record.attempts,
          this.date(record.startedAt),
          this.date(record.finishedAt),
          record.rows ?? null,
          jsonParam(record.error),
          jsonParam(record.metadata),
        ],
      ),
    );
  }

  async appendEvents(runId: string, events: NewRunEvent[]): Promise<RunEvent[]> {
    return this.guard(`append events to run ${runId}`, () =>
      this.driver.transaction(async (tx) => {
        const { rows } = await tx.exec(`UPDATE ${this.t('runs')} SET event_seq = event_seq + ? WHERE id = ? RETURNING event_seq`, [
          events.length,
          runId,
        ]);
        if (!rows[0]) throw new RunStoreError('not_found', `run ${runId} does not exist`);
        const first = Number(rows[0].event_seq) - events.length + 1;
        const stored = events.map((e, i): RunEvent => {
          const event: RunEvent = { ...e, runId, seq: first + i, at: e.at ?? new Date() };
          if (event.assetKey === undefined) delete event.assetKey;
          if (event.data === undefined) delete event.data;
          return event;
        });
        for (const chunk of chunks(stored, INSERT_CHUNK)) {
          await tx.exec(
            `INSERT INTO ${this.t('run_events')} (run_id, seq, event_at, asset_key, level, event_type, message, data)
              VALUES ${chunk.map(() => `(${placeholders(8)})`).join(', ')}`,
            chunk.flatMap((e) => [e.runId, e.seq, this.date(e.at), e.assetKey ?? null, e.level, e.type, e.message, jsonValueParam(e.data)]),
          );
        }
        return stored;
      }),
    );
  }

  async getRun(id: string): Promise<RunRecord | undefined> {
    return this.guard(`read run ${id}`, async () => {
      const { rows } = await this.driver.exec(`SELECT * FROM ${this.t('runs')} WHERE id = ?`, [id]);
      return rows[0] ? runFromRow(rows[0]) : undefined;
    });
  }

  async listRuns(options: ListRunsOptions): Promise<RunPage> {
    const limit = checkLimit(options.limit, MAX_RUN_PAGE, 'limit');
    const where: string[] = [];
    const params: unknown[] = [];
    if (options.job !== undefined) {
      where.push('job = ?');
      params.push(options.job);
    }
    if (options.status !== undefined) {
      const statuses = Array.isArray(options.status) ? options.status : [options.status];
      if (statuses.length === 0) return { runs: [] };
      where.push(`status IN (${placeholders(statuses.length)})`);
      params.push(...statuses);
    }
    if (options.before !== undefined) {
      const cursor = decodeRunCursor(options.before);
      where.push('(created_at < ? OR (created_at = ? AND id < ?))');
      params.push(this.date(cursor.createdAt), this.date(cursor.createdAt), cursor.id);
    }
    return this.guard('list runs', async () => {
      const { rows } = await this.driver.exec(
        `SELECT * FROM ${this.t('runs')} ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
          ORDER BY created_at DESC, id DESC LIMIT ?`,
        [...params, limit + 1],
      );
      const runs = rows.slice(0, limit).map(runFromRow);
      const last = runs[runs.length - 1];
      return rows.length > limit && last ? { runs, nextCursor: encodeRunCursor(last) } : { runs };
    });
  }

  async listAssetRuns(runId: string): Promise<AssetRunRecord[]> {
    return this.guard(`list assets of run ${runId}`, async () => {
      const { rows } = await this.driver.exec(
        `SELECT * FROM ${this.t('asset_runs')} WHERE run_id = ?
          ORDER BY CASE WHEN started_at IS NULL THEN 1 ELSE 0 END, started_at, asset_key`,
        [runId],
      );
      return rows.map(assetRunFromRow);
    });
  }

  async listEvents(runId: string, options: ListEventsOptions = {}): Promise<RunEvent[]> {
    const limit = checkLimit(options.limit ?? DEFAULT_EVENT_PAGE, MAX_EVENT_PAGE, 'limit');
    const params: unknown[] = [runId, options.afterSeq ?? 0];
    let sql = `SELECT * FROM ${this.t('run_events')} WHERE run_id = ? AND seq > ?`;
    if (options.assetKey !== undefined) {
      sql += ' AND asset_key = ?';
      params.push(options.assetKey);
    }
    return this.guard(`list events of run ${runId}`, async () => {
      const { rows } = await this.driver.exec(`${sql} ORDER BY seq LIMIT ?`, [...params, limit]);
      return rows.map(eventFromRow);
    });
  }

  /** SELECT of each asset's latest result row (column `rn` = 1), optionally filtered by key. */
  private latestResultsSql(keyCount?: number): string {
    const keys = keyCount === undefined ? '' : ` AND asset_key IN (${placeholders(keyCount)})`;
    return `SELECT * FROM (
      SELECT a.*, ROW_NUMBER() OVER (PARTITION BY asset_key ORDER BY finished_at DESC, run_id DESC) AS rn
      FROM ${this.t('asset_runs')} a
      WHERE status IN (${RESULT_STATUSES.map((s) => `'${s}'`).join(', ')}) AND finished_at IS NOT NULL${keys}
    ) latest WHERE rn = 1`;
  }

  async latestAssetRuns(assetKeys?: string[]): Promise<AssetRunRecord[]> {
    return this.guard('read latest asset results', async () => {
      if (assetKeys === undefined) {
        const { rows } = await this.driver.exec(`${this.latestResultsSql()} ORDER BY asset_key`);
        return rows.map(assetRunFromRow);
      }
      const out: AssetRunRecord[] = [];
      for (const keys of chunks([...new Set(assetKeys)], IN_CHUNK)) {
        const { rows } = await this.driver.exec(this.latestResultsSql(keys.length), keys);
        out.push(...rows.map(assetRunFromRow));
      }
      return out.sort((a, b) => (a.assetKey < b.assetKey ? -1 : a.assetKey > b.assetKey ? 1 : 0));
    });
  }

  async heartbeat(owner: string, runIds: string[], at: Date): Promise<number> {
    return this.guard(`heartbeat of ${owner}`, async () => {
      let total = 0;
      for (const ids of chunks(runIds, IN_CHUNK)) {
        const { changes } = await this.driver.exec(
          `UPDATE ${this.t('runs')} SET heartbeat_at = ?
            WHERE owner = ? AND status IN (${placeholders(ACTIVE_RUN_STATUSES.length)}) AND id IN (${placeholders(ids.length)})`,
          [this.date(at), owner, ...ACTIVE_RUN_STATUSES, ...ids],
        );
        total += changes;
      }
      return total;
    });
  }

  async markInterrupted(options: MarkInterruptedOptions): Promise<number> {
    if (options.owner === undefined && options.heartbeatBefore === undefined) {
      throw new RunStoreError('invalid_argument', 'markInterrupted needs an owner or heartbeatBefore');
    }
    const at = this.date(options.at ?? new Date());
    const error = jsonParam(options.error ?? INTERRUPTED_ERROR);
    const where = [`status IN (${placeholders(ACTIVE_RUN_STATUSES.length)})`];
    const params: unknown[] = [at, error, ...ACTIVE_RUN_STATUSES];
    if (options.owner !== undefined) {
      where.push('owner = ?');
      params.push(options.owner);
    }
    if (options.heartbeatBefore !== undefined) {
      where.push('COALESCE(heartbeat_at, started_at, created_at) < ?');
      params.push(this.date(options.heartbeatBefore));
    }
    const marked = await this.guard('mark interrupted runs', () =>
      this.driver.transaction(async (tx) => {
        const { rows } = await tx.exec(
          `UPDATE ${this.t('runs')} SET status = 'interrupted', finished_at = ?, error = COALESCE(error, ?)
            WHERE ${where.join(' AND ')} RETURNING id`,
          params,
        );
        const ids = rows.map((r) => String(r.id));
        for (const chunk of chunks(ids, IN_CHUNK)) {
          await tx.exec(
            `UPDATE ${this.t('asset_runs')} SET status = 'canceled', finished_at = ?, error = COALESCE(error, ?)
              WHERE status = 'running' AND run_id IN (${placeholders(chunk.length)})`,
            [at, error, ...chunk],
          );
        }
        return ids;
      }),
    );
    if (marked.length > 0) this.logger.warn('runs interrupted', { store: this.description, runs: marked });
    return marked.length;
  }

  async pruneBefore(date: Date): Promise<PruneResult> {
    const old = `created_at < ? AND status IN (${placeholders(FINAL_RUN_STATUSES.length)})`;
    const oldParams = [this.date(date), ...FINAL_RUN_STATUSES];
    const result = await this.guard('prune runs', () =>
      this.driver.transaction(async (tx) => {
        const events = await tx.exec(
          `DELETE FROM ${this.t('run_events')} WHERE run_id IN (SELECT id FROM ${this.t('runs')} WHERE ${old})`,
          oldParams,
        );
        const runs = await tx.exec(
          `DELETE FROM ${this.t('runs')} WHERE ${old} AND id NOT IN (SELECT run_id FROM (${this.latestResultsSql()}) holders)`,
          oldParams,
        );
        return { runs: runs.changes, events: events.changes };
      }),
    );
    this.logger.info('run store pruned', { store: this.description, before: date.toISOString(), ...result });
    return result;
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}
