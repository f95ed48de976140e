import { createHash, randomUUID } from 'node:crypto';
import { BasinError } from '../../core/errors.js';
import type { LogicalType, Row, TableRef } from '../../core/types.js';
import type { WarehouseSession } from '../../warehouse/warehouse.js';
import type { ContractMode, RecordBatch, StreamState } from '../source.js';
import { readBatchChunks, type BatchItem } from './batch-reader.js';
import { BatchStage, stagingColumns } from './batch-stage.js';
import { flattenRecord } from './flatten-record.js';
import { stageCsvInSql } from './csv-fast-path.js';
import { stageJsonlInSql } from './jsonl-fast-path.js';
import {
  deleteChildrenByKeySql,
  deleteRootByKeySql,
  dedupStagingSql,
  insertFromStagingSql,
  insertRejectsSql,
  pruneChildStagingSql,
} from './load-sql.js';
import type { BatchResult, LoadSummary, StreamLoader, StreamLoadOptions } from './loader-types.js';
import {
  addBatchCountsSql,
  failInterruptedLoadsSql,
  finishLoadSql,
  metaTableStatements,
  pendingStateKey,
  replaceTablesKey,
  startLoadSql,
  STATE_TABLE,
  writeStateStatements,
} from './meta-tables.js';
import { fitIdentifier, normalizeName, NESTING_SEPARATOR, replaceTableName, stagingPrefix } from './names.js';
import { CHILD_SYSTEM_COLUMNS, isSystemColumn, ROOT_SYSTEM_COLUMNS, TableSchema, type SchemaChange } from './table-schema.js';

const REJECTS_KEY = '#rejects';
const DELETES_KEY = '#deletes';

/**
 * Opens a loader for one stream: creates the schema and the meta tables
 * when missing, drops staging tables a killed process left behind, marks
 * that process's `running` load as failed, reads the committed state (or,
 * for a replace run a kill interrupted, the state of its unswapped tables)
 * and records this load as `running`.
 */
export async function openStreamLoader(options: StreamLoadOptions): Promise<StreamLoader> {
  const loader = new Loader(options);
  await loader.open();
  return loader;
}

class Loader implements StreamLoader {
  initialState: StreamState | undefined;
  private readonly d;
  private readonly table: string;
  private readonly keys: string[];
  private readonly cursor: string | undefined;
  private readonly replaceRun: boolean;
  private readonly contract: ContractMode;
  private readonly schemas = new Map<string, TableSchema>();
  /** A replace run's tables: physical (`_basin_new_...`) -> logical name, kept in `_basin_state` with each batch. */
  private readonly replaceTables = new Map<string, string>();
  /** Committed columns of each target table (logical name -> column -> type). */
  private readonly committed = new Map<string, Map<string, LogicalType>>();
  private frozen = false;
  private readonly startedAt = new Date();
  private readonly totals = { rows: 0, childRows: 0, rejected: 0, deleted: 0, batches: 0, addedColumns: [] as string[] };
  private finished = false;

  constructor(private readonly o: StreamLoadOptions) {
    this.d = o.warehouse.dialect;
    this.table = o.stream.name;
    this.keys = o.stream.primaryKey.map(normalizeName);
    this.cursor = o.stream.cursorField === undefined ? undefined : normalizeName(o.stream.cursorField);
    this.replaceRun = o.stream.write === 'replace' || o.fullRefresh;
    this.contract = o.stream.contract ?? 'evolve';
  }

  async open(): Promise<void> {
    const { warehouse: wh, schema, signal } = this.o;
    const d = this.d;
    await wh.execute([d.createSchema(schema)], { signal });
    await this.createMetaTables();
    const relations = (await wh.listRelations(schema, { signal })).map((r) => r.name);
    const orphans = relations.filter((n) => n.startsWith(stagingPrefix(this.table)));
    if (orphans.length > 0) {
      this.o.logger.info('dropping staging tables of an interrupted load', { stream: this.table, tables: orphans.length });
      await wh.execute(orphans.map((name) => d.dropRelation({ schema, name }, 'table')), { signal });
    }
    await wh.query(failInterruptedLoadsSql(d, schema), [this.table, new Date()], { signal });

    const rootRelation = relations.find((n) => n.toLowerCase() === this.table.toLowerCase());
    if (this.replaceRun) {
      const pending = await this.readState(pendingStateKey(this.table));
      const mapped = await this.readState(replaceTablesKey(this.table));
      this.replaceTables.clear();
      if (mapped !== null && typeof mapped === 'object') {
        for (const [physical, logical] of Object.entries(mapped as Record<string, unknown>)) {
          if (typeof logical === 'string') this.replaceTables.set(physical, logical);
        }
      }
      const newTables = this.newTablesOf(relations);
      if (pending !== undefined && pending !== null && newTables.length > 0) {
        this.initialState = pending as StreamState;
        this.o.logger.info('resuming an interrupted replace load from its last checkpoint', { stream: this.table });
      } else {
        await this.dropReplaceTables(newTables);
      }
      this.frozen = false;
    } else {
      const state = await this.readState(this.table);
      this.initialState = state === null || state === undefined ? undefined : (state as StreamState);
      this.frozen = this.contract !== 'evolve' && rootRelation !== undefined;
    }
    await this.discoverTables(relations);
    await wh.query(startLoadSql(d, schema), [this.o.loadId, this.table, this.startedAt], { signal });
  }

  async load(batch: RecordBatch): Promise<BatchResult> {
    if (this.finished) throw new BasinError('USAGE', `load ${this.o.loadId} of ${this.table} has finished`);
    const { warehouse: wh, schema, signal } = this.o;
    const stage = new BatchStage(wh, schema, this.table, signal);
    const added: string[] = [];
    let rejected = 0;
    try {
      const staged = await this.stageInSql(batch, stage, added);
      if (staged !== undefined) rejected = staged;
      let seq = 0;
      for await (const chunk of staged === undefined ? readBatchChunks(batch) : []) {
        const rows = new Map<string, Row[]>();
        const rejects: Row[] = [];
        for (const item of chunk) {
          const outcome = this.placeItem(item, seq++, rows, added);
          if (outcome !== undefined) rejects.push(outcome);
        }
        rejected += rejects.length;
        for (const [logical, tableRows] of rows) {
          const schemaOf = this.schemas.get(logical)!;
          await stage.append(logical, stagingColumns(logical !== this.table, schemaOf.columns), tableRows);
        }
        if (rejects.length > 0) await stage.append(REJECTS_KEY, [['reason', 'text'], ['record', 'text']], rejects);
      }
      if (batch.kind === 'records' && batch.deletedKeys && batch.deletedKeys.length > 0) {
        if (this.keys.length === 0) throw new BasinError('USAGE', `stream ${this.table} reports deleted keys but has no primary key`);
        const delRows = batch.deletedKeys.map((k) => Object.fromEntries(this.keys.map((name, i) => [name, k[i] === null || k[i] === undefined ? null : String(k[i])])));
        await stage.append(DELETES_KEY, this.keys.map((k): [string, LogicalType] => [k, 'text']), delRows);
      }
      const counts = await this.prepareStaging(stage);
      const at = new Date();
      const deleted = await wh.transaction((tx) => this.commit(tx, stage, batch.state, counts, rejected, at), { signal });
      for (const [logical, s] of this.schemas) {
        if (stage.tables.has(logical) || s.exists) this.committed.set(logical, new Map(s.columns));
        if (stage.tables.has(logical)) s.exists = true;
      }
      const result: BatchResult = { rows: counts.rows, childRows: counts.childRows, rejected, deleted, addedColumns: added };
      this.totals.rows += result.rows;
      this.totals.childRows += result.childRows;
      this.totals.rejected += rejected;
      this.totals.deleted += deleted;
      this.totals.batches++;
      this.totals.addedColumns.push(...added);
      this.o.logger.debug('batch committed', { stream: this.table, ...result });
      return result;
    } catch (err) {
      await wh.execute(stage.dropStatements()).catch(() => undefined);
      // The batch's schema changes were rolled back with it: forget them.
      await this.discoverTables((await wh.listRelations(schema)).map((r) => r.name));
      throw err;
    }
  }

  async finish(status: 'succeeded' | 'failed', error?: string): Promise<LoadSummary> {
    if (this.finished) throw new BasinError('USAGE', `load ${this.o.loadId} of ${this.table} has already finished`);
    this.finished = true;
    const { warehouse: wh, schema, signal } = this.o;
    const d = this.d;
    const finishedAt = new Date();
    const finishParams = [this.o.loadId, this.table, status, finishedAt, error ?? null];
    if (this.replaceRun) {
      const relations = (await wh.listRelations(schema, { signal })).map((r) => r.name);
      const newTables = this.newTablesOf(relations);
      if (status === 'succeeded') {
        const oldTables = this.tablesOf(relations, this.table);
        await wh.transaction(async (tx) => {
          const pending = await this.readState(pendingStateKey(this.table), tx);
          if (newTables.length === 0) {
            for (const name of oldTables) await tx.execute(d.deleteWhere({ schema, name }));
          } else {
            for (const name of oldTables) await tx.execute(d.renameRelation({ schema, name }, fitIdentifier(`_basin_old_${name}`), 'table'));
            for (const name of newTables) await tx.execute(d.renameRelation({ schema, name }, this.logicalOfNew(name), 'table'));
            for (const name of oldTables) await tx.execute(d.dropRelation({ schema, name: fitIdentifier(`_basin_old_${name}`) }, 'table'));
          }
          for (const [sql, params] of writeStateStatements(d, schema, this.table, pending ?? null, this.o.loadId, finishedAt)) {
            await tx.query(sql, params);
          }
          if (pending === undefined || pending === null) await tx.query(`DELETE FROM ${d.relation({ schema, name: STATE_TABLE })} WHERE ${d.quoteIdentifier('stream')} = ${d.param(1)}`, [this.table]);
          await this.forgetReplaceRun(tx);
          await tx.query(finishLoadSql(d, schema), finishParams);
        }, { signal });
      } else {
        await wh.transaction(async (tx) => {
          for (const name of newTables) await tx.execute(d.dropRelation({ schema, name }, 'table'));
          await this.forgetReplaceRun(tx);
          await tx.query(finishLoadSql(d, schema), finishParams);
        }, { signal });
      }
    } else {
      await wh.query(finishLoadSql(d, schema), finishParams, { signal });
    }
    return { loadId: this.o.loadId, stream: this.table, status, startedAt: this.startedAt, finishedAt, ...this.totals };
  }

  /**
   * Stages a JSONL file, or a typed CSV file (`csv.hinted`), in SQL where the
   * warehouse reads local files and the stream needs no per-value rules
   * (contracts; hints for JSONL). Returns the rejects count, or undefined
   * when the JavaScript path must stage the batch (any schema changes of the
   * attempt undone).
   */
  private async stageInSql(batch: RecordBatch, stage: BatchStage, added: string[]): Promise<number | undefined> {
    const mode = this.o.fastPath ?? 'auto';
    if (mode === 'off' || batch.kind !== 'file') return undefined;
    const csv = batch.format === 'csv' && batch.csv?.hinted === true;
    if (batch.format !== 'jsonl' && !csv) return undefined;
    const hints = this.o.stream.columns !== undefined && Object.keys(this.o.stream.columns).length > 0;
    const why = !this.o.warehouse.capabilities.readsLocalFiles ? 'the warehouse cannot read local files' : this.frozen ? `contract ${this.contract}` : hints && !csv ? 'column hints' : undefined;
    const snapshot = new Map([...this.schemas].map(([k, s]) => [k, new Map(s.columns)]));
    const addedBefore = added.length;
    const common = {
      warehouse: this.o.warehouse,
      stage,
      table: this.table,
      primaryKey: this.o.stream.primaryKey,
      merge: this.o.stream.write === 'merge',
      schemaFor: (logical: string) => this.schemaFor(logical),
      applyChanges: (schema: TableSchema, changes: SchemaChange[]) => this.applyChanges(schema, changes, added),
      signal: this.o.signal,
    };
    const result =
      why !== undefined
        ? ({ kind: 'unsupported', reason: why } as const)
        : csv
          ? await stageCsvInSql({ ...common, batch, hints: normalizeHints(this.o.stream.columns) }).then((r) => (r.kind === 'staged' ? { kind: 'staged' as const, rejected: 0 } : r))
          : await stageJsonlInSql({
              ...common,
              path: batch.path,
              maxDepth: this.o.stream.maxNestingDepth ?? Number.POSITIVE_INFINITY,
              rejectsKey: REJECTS_KEY,
            });
    if (result.kind === 'staged') return result.rejected;
    if (mode === 'force') throw new BasinError('USAGE', `cannot load ${batch.path} in SQL: ${result.reason}`);
    this.o.logger.debug(`loading a ${batch.format.toUpperCase()} file in JavaScript`, { stream: this.table, reason: result.reason });
    for (const key of [...this.schemas.keys()]) if (!snapshot.has(key)) this.schemas.delete(key);
    for (const [key, columns] of snapshot) {
      const s = this.schemas.get(key)!;
      s.columns.clear();
      for (const [c, t] of columns) s.columns.set(c, t);
    }
    added.length = addedBefore;
    return undefined;
  }

  /** Flattens and fits one item; pushes its rows, or returns its reject row. */
  private placeItem(item: BatchItem, seq: number, rows: Map<string, Row[]>, added: string[]): Row | undefined {
    if (item.kind === 'malformed') return { reason: item.reason, record: item.raw };
    const record = item.record;
    let rootId: string;
    if (this.keys.length > 0) {
      const keyValues = this.o.stream.primaryKey.map((k) => record[k]);
      const missing = this.o.stream.primaryKey.filter((_, i) => keyValues[i] === null || keyValues[i] === undefined);
      if (missing.length > 0 && this.o.stream.write === 'merge') {
        return { reason: `missing primary key ${missing.join(', ')}`, record: JSON.stringify(record) };
      }
      rootId = missing.length > 0 ? randomUUID() : createHash('md5').update(`${this.table}\u001f${JSON.stringify(keyValues)}`).digest('hex');
    } else {
      rootId = randomUUID();
    }
    const maxDepth = this.o.stream.maxNestingDepth ?? Number.POSITIVE_INFINITY;
    const flat = flattenRecord(record, rootId, { table: this.table, maxDepth });
    const placed = flat.map((row) => {
      const schema = this.schemaFor(row.table);
      return { row, schema, placement: schema.place(row.values), isNewTable: !schema.exists && schema.columns.size === 0 };
    });
    let discardedReason: string | undefined;
    if (this.frozen) {
      const violations = placed.flatMap((p) => [...(p.isNewTable ? [`new table ${p.row.table}`] : []), ...p.placement.violations.map((v) => `${p.row.table}: ${v}`)]);
      if (violations.length > 0) {
        const reason = `contract ${this.contract}: ${[...new Set(violations)].join('; ')}`;
        if (this.contract !== 'discard_value') return { reason, record: JSON.stringify(record) };
        discardedReason = reason;
      }
    }
    for (const p of placed) {
      if (discardedReason !== undefined) {
        if (p.isNewTable) continue;
        for (const change of p.placement.changes) delete p.placement.values[change.column];
      } else {
        this.applyChanges(p.schema, p.placement.changes, added);
      }
      const values: Row = p.placement.values;
      values['_basin_id'] = p.row.id;
      values['_basin_seq'] = seq;
      if (p.row.parentId !== undefined) {
        values['_basin_parent_id'] = p.row.parentId;
        values['_basin_root_id'] = p.row.rootId;
        values['_basin_list_idx'] = p.row.listIdx;
      }
      let list = rows.get(p.row.table);
      if (!list) rows.set(p.row.table, (list = []));
      list.push(values);
    }
    return discardedReason === undefined ? undefined : { reason: discardedReason, record: JSON.stringify(record) };
  }

  private applyChanges(schema: TableSchema, changes: SchemaChange[], added: string[]): void {
    if (changes.length === 0) return;
    schema.apply(changes);
    for (const c of changes) if (c.kind === 'add') added.push(`${schema.name}.${c.column}`);
  }

  private schemaFor(logical: string): TableSchema {
    let schema = this.schemas.get(logical);
    if (!schema) {
      schema = new TableSchema(logical, false, logical === this.table ? normalizeHints(this.o.stream.columns) : {});
      this.schemas.set(logical, schema);
    }
    return schema;
  }

  /** Dedups merge batches in staging; returns the row counts to load. */
  private async prepareStaging(stage: BatchStage): Promise<{ rows: number; childRows: number }> {
    const wh = this.o.warehouse;
    const root = stage.tables.get(this.table);
    if (this.o.stream.write === 'merge' && this.keys.length > 0 && root) {
      const cursor = this.cursor !== undefined && root.columns.has(this.cursor) ? this.cursor : undefined;
      await wh.execute(dedupStagingSql(this.d, root.ref, this.keys, cursor), { signal: this.o.signal });
      const prune = [...stage.tables].filter(([k]) => k !== this.table && !k.startsWith('#')).map(([, t]) => pruneChildStagingSql(this.d, t.ref, root.ref));
      if (prune.length > 0) await wh.execute(prune, { signal: this.o.signal });
    }
    let rows = 0;
    let childRows = 0;
    for (const [key, t] of stage.tables) {
      if (key.startsWith('#')) continue;
      const { rows: r } = await wh.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${this.d.relation(t.ref)}`, [], { signal: this.o.signal });
      const n = Number(r[0]?.n ?? 0);
      if (key === this.table) rows += n;
      else childRows += n;
    }
    return { rows, childRows };
  }

  /** The batch's transaction: DDL, merge/deletes, inserts, rejects, state, load counts, staging drop. Returns rows hard-deleted. */
  private async commit(
    tx: WarehouseSession,
    stage: BatchStage,
    state: StreamState | undefined,
    counts: { rows: number; childRows: number },
    rejected: number,
    at: Date,
  ): Promise<number> {
    const d = this.d;
    const { schema, loadId } = this.o;
    // 1. Schema: create new tables, add columns, widen types.
    for (const [logical, s] of this.schemas) {
      if (!stage.tables.has(logical)) continue;
      const target = this.target(logical);
      const committed = this.committed.get(logical);
      const isChild = logical !== this.table;
      if (!s.exists || committed === undefined) {
        const cols = [...ROOT_SYSTEM_COLUMNS, ...(isChild ? CHILD_SYSTEM_COLUMNS : []), ...s.columns];
        await tx.execute(d.createTable(target, cols.map(([name, type]) => ({ name, type: d.typeFor(type) }))));
        if (this.replaceRun) this.replaceTables.set(target.name, logical);
        continue;
      }
      const ddl: string[] = [];
      for (const [name, type] of s.columns) {
        const had = committed.get(name);
        if (had === undefined) ddl.push(...d.addColumns(target, [{ name, type: d.typeFor(type) }]));
        else if (had !== type) ddl.push(d.alterColumnType(target, name, d.typeFor(type)));
      }
      if (ddl.length > 0) await tx.execute(ddl);
    }
    const rootTarget = this.target(this.table);
    const rootStage = stage.tables.get(this.table);
    const existingChildren = [...this.schemas.keys()].filter((k) => k !== this.table && (this.schemas.get(k)!.exists || stage.tables.has(k)));
    const rootExists = this.schemas.get(this.table)?.exists === true;
    // 2. Merge: replace the rows (and child rows) of merged keys.
    if (this.o.stream.write === 'merge' && this.keys.length > 0 && rootStage && rootExists) {
      for (const child of existingChildren) {
        if (!this.schemas.get(child)!.exists) continue;
        await tx.execute(deleteChildrenByKeySql(d, this.target(child), rootTarget, rootStage.ref, this.keys));
      }
      await tx.execute(deleteRootByKeySql(d, rootTarget, rootStage.ref, this.keys));
    }
    // 3. Rows.
    for (const [key, t] of stage.tables) {
      if (key.startsWith('#')) continue;
      const columns = [...t.columns.keys()].filter((c) => c !== '_basin_seq');
      await tx.execute(insertFromStagingSql(d, this.target(key), t.ref, columns, loadId, at));
    }
    // 4. Hard deletes (after the rows: a record deleted in the batch that carries it is gone).
    let deleted = 0;
    const dels = stage.tables.get(DELETES_KEY);
    if (dels && (rootExists || rootStage)) {
      for (const child of existingChildren) await tx.execute(deleteChildrenByKeySql(d, this.target(child), rootTarget, dels.ref, this.keys, true));
      const res = await tx.query(deleteRootByKeySql(d, rootTarget, dels.ref, this.keys, true));
      deleted = res.rowCount;
    }
    // 5. Rejects, state, load counts; the staging tables go with the same commit.
    const rejects = stage.tables.get(REJECTS_KEY);
    if (rejects) await tx.execute(insertRejectsSql(d, schema, rejects.ref, loadId, this.table, at));
    if (this.replaceRun) {
      for (const [sql, params] of writeStateStatements(d, schema, pendingStateKey(this.table), state ?? null, loadId, at)) await tx.query(sql, params);
      const tables = Object.fromEntries(this.replaceTables);
      for (const [sql, params] of writeStateStatements(d, schema, replaceTablesKey(this.table), tables, loadId, at)) await tx.query(sql, params);
    } else if (state !== undefined) {
      for (const [sql, params] of writeStateStatements(d, schema, this.table, state, loadId, at)) await tx.query(sql, params);
    }
    await tx.execute(addBatchCountsSql(d, schema, loadId, this.table, { ...counts, rejected, deleted }));
    await tx.execute(stage.dropStatements());
    return deleted;
  }

  private target(logical: string): TableRef {
    return { schema: this.o.schema, name: this.replaceRun ? replaceTableName(logical) : logical };
  }

  private async createMetaTables(): Promise<void> {
    for (const sql of metaTableStatements(this.d, this.o.schema)) {
      try {
        await this.o.warehouse.execute(sql, { signal: this.o.signal });
      } catch (err) {
        // Two loaders creating the same table at once: the loser sees it exists.
        const name = /CREATE TABLE IF NOT EXISTS \S+\."([^"]+)"/.exec(sql)?.[1];
        if (!name || !(await this.o.warehouse.getRelation({ schema: this.o.schema, name }))) throw err;
      }
    }
  }

  private async readState(key: string, session: WarehouseSession = this.o.warehouse): Promise<unknown> {
    const d = this.d;
    const { rows } = await session.query<{ state: unknown }>(
      `SELECT ${d.quoteIdentifier('state')} FROM ${d.relation({ schema: this.o.schema, name: STATE_TABLE })} WHERE ${d.quoteIdentifier('stream')} = ${d.param(1)}`,
      [key],
      { signal: this.o.signal },
    );
    return rows.length === 0 ? undefined : rows[0]!.state;
  }

  /** The root table named `root` and its child tables among `relations`. */
  /** A replace run's `_basin_new_` tables present in `relations`: by prefix, and long (hashed) names by the saved mapping. */
  private newTablesOf(relations: string[]): string[] {
    const found = new Set(this.tablesOf(relations, replaceTableName(this.table)));
    for (const name of relations) if (this.replaceTables.has(name)) found.add(name);
    return [...found];
  }

  /** The logical table a `_basin_new_` table becomes at the swap. */
  private logicalOfNew(physical: string): string {
    return this.replaceTables.get(physical) ?? this.table + physical.slice(replaceTableName(this.table).length);
  }

  /** Drops a replace run's bookkeeping rows (its pending state and its table names). */
  private async forgetReplaceRun(tx: WarehouseSession): Promise<void> {
    const d = this.d;
    const sql = `DELETE FROM ${d.relation({ schema: this.o.schema, name: STATE_TABLE })} WHERE ${d.quoteIdentifier('stream')} = ${d.param(1)}`;
    await tx.query(sql, [pendingStateKey(this.table)]);
    await tx.query(sql, [replaceTablesKey(this.table)]);
    this.replaceTables.clear();
  }

  private tablesOf(relations: string[], root: string): string[] {
    const lower = root.toLowerCase();
    return relations.filter((n) => n.toLowerCase() === lower || n.toLowerCase().startsWith(`${lower}${NESTING_SEPARATOR}`));
  }

  private async dropReplaceTables(tables: string[]): Promise<void> {
    const { warehouse: wh, schema, signal } = this.o;
    const d = this.d;
    await wh.transaction(async (tx) => {
      for (const name of tables) await tx.execute(d.dropRelation({ schema, name }, 'table'));
      await this.forgetReplaceRun(tx);
    }, { signal });
  }

  /** Reads the columns of the stream's target tables into `schemas` / `committed`. */
  private async discoverTables(relations: string[]): Promise<void> {
    const prefix = this.target(this.table).name;
    this.schemas.clear();
    this.committed.clear();
    const names = this.replaceRun ? this.newTablesOf(relations) : this.tablesOf(relations, prefix);
    for (const name of names) {
      const columns = await this.o.warehouse.getColumns({ schema: this.o.schema, name }, { signal: this.o.signal });
      if (!columns) continue;
      const logical = this.replaceRun ? this.logicalOfNew(name) : this.table + name.slice(prefix.length);
      const schema = this.schemaFor(logical);
      schema.exists = true;
      for (const c of columns) if (!isSystemColumn(c.name)) schema.columns.set(c.name, this.d.logicalTypeOf(c.type));
      this.committed.set(logical, new Map(schema.columns));
    }
  }
}

function normalizeHints(hints: Record<string, LogicalType> | undefined): Record<string, LogicalType> {
  if (!hints) return {};
  return Object.fromEntries(Object.entries(hints).map(([k, v]) => [fitIdentifier(k), v]));
}
