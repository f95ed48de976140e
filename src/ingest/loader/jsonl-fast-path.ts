import type { LogicalType, TableRef } from '../../core/types.js';
import type { Warehouse } from '../../warehouse/warehouse.js';
import { stagingColumns, type BatchStage } from './batch-stage.js';
import { planJsonl, type TablePlan } from './jsonl-plan.js';
import { parseStructure, UnsupportedShape, type Shape } from './jsonl-shape.js';
import { jsonlChildSelectSql, jsonlDiscoverySql, jsonlRejectsSql, jsonlRootSelectSql, jsonlShapeOrderSql, type RootKeys } from './jsonl-sql.js';
import type { SchemaChange, TableSchema } from './table-schema.js';

/** Distinct record shapes beyond which planning costs more than it saves. */
const MAX_SHAPES = 2000;

/** What the fast path needs from the loader. */
export interface JsonlFastPathInput {
  warehouse: Warehouse;
  stage: BatchStage;
  path: string;
  table: string;
  /** Primary key fields (record field names). */
  primaryKey: string[];
  merge: boolean;
  maxDepth: number;
  rejectsKey: string;
  schemaFor(logical: string): TableSchema;
  applyChanges(schema: TableSchema, changes: SchemaChange[]): void;
  signal?: AbortSignal | undefined;
}

/** The outcome: rows staged (with the rejects count), or why the file needs the JavaScript path. */
export type JsonlFastPathResult = { kind: 'staged'; rejected: number } | { kind: 'unsupported'; reason: string };

/**
 * Stages a JSONL file in SQL (DuckDB): discovers the shapes of all records
 * in one pass, plans columns with the loader's schema rules, then fills the
 * root, child and reject staging tables the JavaScript path would fill.
 * Returns `unsupported` (having staged nothing) when the file needs the
 * JavaScript path; schema changes of planning are then the caller's to undo.
 */
export async function stageJsonlInSql(input: JsonlFastPathInput): Promise<JsonlFastPathResult> {
  const { warehouse: wh, stage, signal } = input;
  const d = wh.dialect;
  const found = await wh.query<{ s: string | null; lines: unknown; risky: boolean | null }>(jsonlDiscoverySql(d, input.path), [], { signal });
  if (found.rows.some((r) => r.risky === true)) return unsupported('some lines may parse differently (JSON extensions, integral or unsafe numbers)');
  if (found.rows.length > MAX_SHAPES) return unsupported(`more than ${MAX_SHAPES} record shapes`);
  let rows = found.rows;
  if (rows.filter((r) => r.s !== null).length > 1) {
    // Several shapes: the schema rules must see them in file order.
    const lines = new Map(rows.map((r) => [r.s, r.lines]));
    const ordered = await wh.query<{ s: string }>(jsonlShapeOrderSql(d, input.path), [], { signal });
    rows = [...ordered.rows.map((r) => ({ s: r.s, lines: lines.get(r.s), risky: false })), ...rows.filter((r) => r.s === null)];
  }
  let rejectLines = 0;
  const included: Shape[] = [];
  let missingKeys = false;
  const keyTypes = new Map<string, Set<string>>(input.primaryKey.map((k) => [k, new Set<string>()]));
  try {
    for (const r of rows) {
      const shape = r.s === null ? undefined : parseStructure(r.s);
      if (shape === undefined || (shape.kind !== 'object' && shape.kind !== 'empty')) {
        rejectLines += Number(r.lines);
        continue;
      }
      const keyShapes = input.primaryKey.map((k) => (shape.kind === 'object' ? shape.fields.get(k) : undefined));
      const missing = keyShapes.some((s) => s === undefined || s.kind === 'null');
      if (missing) missingKeys = true;
      if (missing && input.merge) continue;
      keyShapes.forEach((s, i) => {
        if (s === undefined || s.kind === 'null') return;
        const types = keyTypes.get(input.primaryKey[i]!)!;
        if (s.kind !== 'scalar') types.add(s.kind);
        else for (const t of s.types) types.add(t);
      });
      included.push(shape);
    }
    const keys: RootKeys['keys'] = [];
    for (const [field, types] of keyTypes) {
      const [type] = [...types];
      if (types.size !== 1 || (type !== 'text' && type !== 'bigint')) return unsupported(`primary key ${field} is not always one text or integer type`);
      keys.push({ field, type });
    }
    const root: RootKeys = { table: input.table, keys, rejectMissing: input.merge && keys.length > 0 };
    const plan = included.length === 0 ? undefined : planJsonl({ table: input.table, maxDepth: input.maxDepth, structures: included, schemaFor: input.schemaFor, applyChanges: input.applyChanges });
    if (plan) {
      const rootRef = await stage.createAs(input.table, stagingColumns(false, plan.columns), jsonlRootSelectSql(d, input.path, plan, root, rejectLines > 0, root.rejectMissing));
      await stageChildren(input, plan, rootRef, true);
    }
    let rejected = 0;
    if (rejectLines > 0 || (missingKeys && root.rejectMissing)) {
      const ref = await stage.createAs(input.rejectsKey, [['reason', 'text'], ['record', 'text']], jsonlRejectsSql(d, input.path, root));
      rejected = await countRows(wh, ref, signal);
      if (rejected === 0) await stage.remove(input.rejectsKey);
    }
    return { kind: 'staged', rejected };
  } catch (err) {
    if (err instanceof UnsupportedShape) return unsupported(err.message);
    throw err;
  }
}

async function stageChildren(input: JsonlFastPathInput, plan: TablePlan, parent: TableRef, parentIsRoot: boolean): Promise<void> {
  for (const array of plan.arrays) {
    const child = array.child;
    const columns: Array<[string, LogicalType]> = stagingColumns(true, child.columns);
    const ref = await input.stage.createAs(child.logical, columns, jsonlChildSelectSql(input.warehouse.dialect, parent, parentIsRoot, array, child));
    if ((await countRows(input.warehouse, ref, input.signal)) === 0) {
      await input.stage.remove(child.logical);
      continue;
    }
    await stageChildren(input, child, ref, false);
  }
}

async function countRows(wh: Warehouse, ref: TableRef, signal: AbortSignal | undefined): Promise<number> {
  const { rows } = await wh.query<{ n: unknown }>(`SELECT COUNT(*) AS n FROM ${wh.dialect.relation(ref)}`, [], { signal });
  return Number(rows[0]?.n ?? 0);
}

function unsupported(reason: string): JsonlFastPathResult {
  return { kind: 'unsupported', reason };
}
