/**
 * CSV fast path: a typed CSV FileBatch (`csv.hinted`, e.g. a Postgres COPY
 * spooled by its source) staged by DuckDB's `read_csv` into the same root
 * staging table the JavaScript path fills, with the same column types, column
 * order, ids and `_basin_seq`. Only files SQL loads identically: every column
 * hinted with a scalar type and named as the loader would name it, existing
 * columns of the same type, no value the JavaScript rules would divert to a
 * variant column (NaN, infinite or out-of-range dates), keys of one integer
 * or text type and never NULL. Anything else: `unsupported`, nothing staged.
 */
import { open } from 'node:fs/promises';
import type { LogicalType, TableRef } from '../../core/types.js';
import type { Warehouse } from '../../warehouse/warehouse.js';
import type { FileBatch } from '../source.js';
import { stagingColumns, type BatchStage } from './batch-stage.js';
import { csvReadSql, csvRootSelectSql, csvStatsSql, type CsvColumn } from './csv-sql.js';
import { MAX_IDENTIFIER, normalizeName } from './names.js';
import { isSystemColumn, type SchemaChange, type TableSchema } from './table-schema.js';

/** What the fast path needs from the loader. */
export interface CsvFastPathInput {
  warehouse: Warehouse;
  stage: BatchStage;
  batch: FileBatch;
  table: string;
  primaryKey: string[];
  merge: boolean;
  /** The stream's column hints, keyed as the loader keys them. */
  hints: Record<string, LogicalType>;
  schemaFor(logical: string): TableSchema;
  applyChanges(schema: TableSchema, changes: SchemaChange[]): void;
  signal?: AbortSignal | undefined;
}

/** The outcome: rows staged, or why the file needs the JavaScript path. */
export type CsvFastPathResult = { kind: 'staged' } | { kind: 'unsupported'; reason: string };

/**
 * The column type the JavaScript path gives a hinted column (value-types.ts
 * fitValue): integers become bigint (a JS number is not stored as `integer`),
 * time values stay text.
 */
const LOAD_TYPES: Partial<Record<LogicalType, LogicalType>> = {
  boolean: 'boolean',
  integer: 'bigint',
  bigint: 'bigint',
  double: 'double',
  decimal: 'decimal',
  text: 'text',
  date: 'date',
  time: 'text',
  timestamp: 'timestamp',
  timestamptz: 'timestamptz',
};

/** Stages a typed CSV file in SQL, or says why it cannot. */
export async function stageCsvInSql(input: CsvFastPathInput): Promise<CsvFastPathResult> {
  const { warehouse: wh, batch, signal } = input;
  const d = wh.dialect;
  if (batch.csv?.hinted !== true || batch.csv.header === false || batch.csv.null === undefined) return unsupported('not a typed CSV with a header');
  const names = await readHeader(batch.path, batch.csv.delimiter ?? ',');
  if (names === undefined) return unsupported('header names need quoting rules');
  const columns: CsvColumn[] = [];
  const schema = input.schemaFor(input.table);
  for (const name of names) {
    if (name !== normalizeName(name) || name.length > MAX_IDENTIFIER || isSystemColumn(name)) return unsupported(`column name ${name}`);
    const hint = input.hints[name];
    const type = hint === undefined ? undefined : LOAD_TYPES[hint];
    if (type === undefined) return unsupported(`column ${name} has no scalar hint`);
    const had = schema.columns.get(name);
    if (had !== undefined && had !== type) return unsupported(`column ${name} is ${had}, the file has ${type}`);
    columns.push({ name, type });
  }
  if (new Set(names).size !== names.length) return unsupported('duplicate column names');
  const byName = new Map(columns.map((c) => [c.name, c]));
  const keys: CsvColumn[] = [];
  for (const k of input.primaryKey) {
    const c = byName.get(k);
    if (c === undefined || !['integer', 'bigint', 'text'].includes(c.type)) return unsupported(`primary key ${k} is not one integer or text column`);
    keys.push(c);
  }
  const read = csvReadSql(d, batch.path, columns, { delimiter: batch.csv.delimiter ?? ',', nullString: batch.csv.null });
  const others = [...schema.columns].filter(([name]) => !byName.has(name));
  const select = csvRootSelectSql(d, read, { table: input.table, keys }, columns, others, input.merge);
  let ref: TableRef;
  try {
    ref = await input.stage.createAs(input.table, [], select);
  } catch (err) {
    await input.stage.remove(input.table);
    if (signal?.aborted) throw err;
    return unsupported('a value does not cast to its hinted type');
  }
  const statColumns = columns.map((c) => {
    const fresh = !schema.columns.has(c.name);
    return { ...c, count: fresh || keys.includes(c), first: fresh };
  });
  const stats = (await wh.query<Record<string, unknown>>(csvStatsSql(d, ref, statColumns), [], { signal })).rows[0] ?? {};
  const why = verdict(stats, columns, keys);
  if (why !== undefined || Number(stats.n ?? 0) === 0) {
    // An empty file stages nothing, as in the JavaScript path.
    await input.stage.remove(input.table);
    return why === undefined ? { kind: 'staged' } : unsupported(why);
  }
  // New columns in the order the JavaScript path meets them: by first row with a value, then position.
  const fresh = columns
    .map((c, i) => ({ c, i, first: stats[`f_${i}`] }))
    .filter((x) => x.first !== null && x.first !== undefined && !schema.columns.has(x.c.name))
    .sort((a, b) => Number(a.first) - Number(b.first) || a.i - b.i);
  input.applyChanges(schema, fresh.map((x): SchemaChange => ({ kind: 'add', column: x.c.name, type: x.c.type })));
  // Staged columns the table does not get (NULL in every row) stay in staging but are never copied.
  const staged = input.stage.tables.get(input.table)!;
  for (const [name, type] of stagingColumns(false, schema.columns)) staged.columns.set(name, type);
  return { kind: 'staged' };
}

/** Why the staged rows differ from what the JavaScript path would stage, if they do. */
function verdict(stats: Record<string, unknown>, columns: CsvColumn[], keys: CsvColumn[]): string | undefined {
  const n = Number(stats.n ?? 0);
  for (const [i, c] of columns.entries()) {
    if (Number(stats[`odd_${i}`] ?? 0) > 0) return `column ${c.name} has values the JavaScript rules divert`;
    if (keys.includes(c) && Number(stats[`nn_${i}`] ?? 0) !== n) return `primary key ${c.name} has NULLs`;
  }
  return undefined;
}

/** The header's column names (plain or `"quoted"` without inner quotes or delimiters); undefined otherwise. */
async function readHeader(path: string, delimiter: string): Promise<string[] | undefined> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    const text = buf.toString('utf8', 0, bytesRead);
    const nl = text.indexOf('\n');
    if (nl < 0) return undefined;
    const names = text.slice(0, nl).split(delimiter).map((f) => (f.length >= 2 && f.startsWith('"') && f.endsWith('"') ? f.slice(1, -1) : f));
    return names.some((n) => n.includes('"')) ? undefined : names;
  } finally {
    await handle.close();
  }
}

function unsupported(reason: string): CsvFastPathResult {
  return { kind: 'unsupported', reason };
}
