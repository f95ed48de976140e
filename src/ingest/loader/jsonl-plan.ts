import type { LogicalType } from '../../core/types.js';
import { joinName, normalizeName } from './names.js';
import { mergeShapes, UnsupportedShape, type ScalarType, type Shape } from './jsonl-shape.js';
import type { SchemaChange, TableSchema } from './table-schema.js';

/** A value type a leaf can hold: a scalar, or JSON (an object kept whole). */
export type LeafType = ScalarType | 'json';

/** One extracted value of a table row: a path into the table's element and where each of its value types lands. */
export interface LeafPlan {
  /** Keys from the table's element (the record, or the array element) down to the value; empty for a scalar array element. */
  path: string[];
  /** Value types seen; more than one means the value is extracted as JSON and routed by `json_type`. */
  types: LeafType[];
  /** Value type -> destination column (the column, or a variant column). */
  routes: Map<LeafType, string>;
}

/** One table the file feeds: the root table, or a child table fed by an array. */
export interface TablePlan {
  logical: string;
  /** The element shape: the record (an object), or the array's elements. */
  shape: Shape | undefined;
  leaves: LeafPlan[];
  /** Arrays of this table's rows, each feeding a child table. */
  arrays: ArrayPlan[];
  /** The table's data columns after this file (all of them, in order). */
  columns: Map<string, LogicalType>;
}

/** An array field: kept as JSON in a hidden staging column, unnested into the child table. */
export interface ArrayPlan {
  path: string[];
  /** The flattened column name the array would have (used in child ids). */
  column: string;
  /** Hidden staging column holding the array as JSON. */
  hidden: string;
  child: TablePlan;
}

/** What the planner needs from the loader. */
export interface JsonlPlanInput {
  table: string;
  maxDepth: number;
  /** Shapes of the file's records, ordered by first occurrence. */
  structures: Shape[];
  /** The loader's schema of a logical table (created on first use). */
  schemaFor(logical: string): TableSchema;
  /** Applies schema changes (the loader's own rules and bookkeeping). */
  applyChanges(schema: TableSchema, changes: SchemaChange[]): void;
}

const SUPPORTED_COLUMN_TYPES = new Set<LogicalType>(['text', 'bigint', 'double', 'boolean', 'json']);

const SAMPLE: Record<LeafType, unknown> = { text: 'x', bigint: 1, double: 0.5, boolean: true, json: {} };

interface Walk {
  /** table -> column -> [path, types] */
  leaves: Map<string, Map<string, { path: string[]; types: Set<LeafType> }>>;
  /** table -> ordered (column, type) of one record, for the schema rules. */
  row: Map<string, Array<[string, LeafType]>>;
  arrays: Map<string, Map<string, { path: string[]; column: string; childTable: string }>>;
}

/**
 * Plans the columns of a JSONL file's tables: replays the loader's schema
 * rules (TableSchema) on the record shapes in file order, exactly as the
 * JavaScript path would on the records, then decides for every value path
 * and type the column it lands in. Throws UnsupportedShape when the file
 * needs something only the JavaScript path does exactly.
 */
export function planJsonl(input: JsonlPlanInput): TablePlan {
  const walk: Walk = { leaves: new Map(), row: new Map(), arrays: new Map() };
  let merged: Shape | undefined;
  for (const shape of input.structures) {
    if (shape.kind !== 'object' && shape.kind !== 'empty') throw new UnsupportedShape('a record is not an object');
    merged = mergeShapes(merged, shape);
    walk.row = new Map();
    if (shape.kind === 'object') walkObject(shape, input.table, '', 0, [], input.maxDepth, walk);
    walk.row.set(input.table, walk.row.get(input.table) ?? []);
    for (const [table, values] of walk.row) {
      const schema = input.schemaFor(table);
      const placement = schema.place(Object.fromEntries(values.map(([c, t]) => [c, SAMPLE[t]])));
      input.applyChanges(schema, placement.changes);
    }
  }
  return tablePlan(input.table, merged, walk, input);
}

function walkObject(shape: Extract<Shape, { kind: 'object' }>, table: string, prefix: string, depth: number, path: string[], maxDepth: number, w: Walk): void {
  for (const [key, value] of shape.fields) {
    const column = prefix === '' ? normalizeName(key) : joinName(prefix, normalizeName(key));
    const at = [...path, key];
    if (value.kind === 'array') {
      const childTable = joinName(table, column);
      note(w.arrays, table, column, { path: at, column, childTable });
      if (value.element?.kind === 'object') walkObject(value.element, childTable, '', 0, [], maxDepth, w);
      else if (value.element?.kind === 'scalar') leaf(w, childTable, 'value', [], [...value.element.types]);
      else rowOf(w, childTable);
    } else if (value.kind === 'object' && depth < maxDepth) {
      walkObject(value, table, column, depth + 1, at, maxDepth, w);
    } else if (value.kind === 'object' || (value.kind === 'empty' && depth >= maxDepth)) {
      leaf(w, table, column, at, ['json']);
    } else if (value.kind === 'scalar') {
      leaf(w, table, column, at, [...value.types]);
    }
  }
}

function rowOf(w: Walk, table: string): Array<[string, LeafType]> {
  let row = w.row.get(table);
  if (!row) w.row.set(table, (row = []));
  return row;
}

function leaf(w: Walk, table: string, column: string, path: string[], types: LeafType[]): void {
  const entry = note(w.leaves, table, column, { path, types: new Set<LeafType>() });
  for (const t of types) entry.types.add(t);
  const row = rowOf(w, table);
  for (const t of types) row.push([column, t]);
}

/** Records `value` under table/column, failing when two different paths flatten to one column. */
function note<V extends { path: string[] }>(map: Map<string, Map<string, V>>, table: string, column: string, value: V): V {
  let byColumn = map.get(table);
  if (!byColumn) map.set(table, (byColumn = new Map()));
  const had = byColumn.get(column);
  if (had === undefined) {
    byColumn.set(column, value);
    return value;
  }
  if (had.path.join('\u0000') !== value.path.join('\u0000')) throw new UnsupportedShape(`two fields flatten to ${table}.${column}`);
  return had;
}

function tablePlan(logical: string, shape: Shape | undefined, w: Walk, input: JsonlPlanInput): TablePlan {
  const schema = input.schemaFor(logical);
  const leaves: LeafPlan[] = [];
  const taken = new Set<string>();
  for (const [column, { path, types }] of w.leaves.get(logical) ?? []) {
    const routes = new Map<LeafType, string>();
    for (const t of types) {
      const placement = schema.place({ [column]: SAMPLE[t] });
      const dest = Object.keys(placement.values)[0];
      if (dest === undefined || placement.changes.length > 0) throw new UnsupportedShape(`no column for ${logical}.${column} (${t})`);
      const destType = schema.columns.get(dest);
      if (destType === undefined || !SUPPORTED_COLUMN_TYPES.has(destType)) throw new UnsupportedShape(`column ${logical}.${dest} is ${destType ?? 'missing'}`);
      if (destType === 'text' && t === 'double') throw new UnsupportedShape(`numbers as text in ${logical}.${dest}`);
      routes.set(t, dest);
    }
    for (const dest of new Set(routes.values())) {
      if (taken.has(dest)) throw new UnsupportedShape(`two fields land in ${logical}.${dest}`);
      taken.add(dest);
    }
    leaves.push({ path, types: [...types], routes });
  }
  const arrays: ArrayPlan[] = [];
  let n = 0;
  for (const [, { path, column, childTable }] of w.arrays.get(logical) ?? []) {
    const element = elementAt(shape, path);
    arrays.push({ path, column, hidden: `_basin_arr_${n++}`, child: tablePlan(childTable, element, w, input) });
  }
  return { logical, shape, leaves, arrays, columns: new Map(schema.columns) };
}

/** The element shape of the array at `path` in an object shape. */
function elementAt(shape: Shape | undefined, path: string[]): Shape | undefined {
  let at: Shape | undefined = shape;
  for (const key of path) at = at?.kind === 'object' ? at.fields.get(key) : undefined;
  return at?.kind === 'array' ? at.element : undefined;
}
