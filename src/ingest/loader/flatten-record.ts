import { createHash } from 'node:crypto';
import { joinName, normalizeName } from './names.js';

/** One row produced by flattening a record: for the root table or a child table. */
export interface FlatRow {
  /** Logical table name: the stream's table, or `<parent>__<field>` for an array. */
  table: string;
  /** `_basin_id`. */
  id: string;
  /** `_basin_parent_id` and `_basin_root_id` (child rows only). */
  parentId?: string;
  rootId?: string;
  /** `_basin_list_idx` (child rows only). */
  listIdx?: number;
  /** Flattened column name -> value (objects beyond the depth limit stay objects: JSON). */
  values: Record<string, unknown>;
}

/** How records flatten. */
export interface FlattenOptions {
  /** The root table's name. */
  table: string;
  /** Object levels flattened into `a__b` columns, per table; deeper objects stay JSON. */
  maxDepth: number;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && !(value instanceof Uint8Array);
}

/** The deterministic `_basin_id` of a child row: hash of the parent's id, the field path and the index. */
export function childId(parentId: string, field: string, index: number): string {
  return createHash('md5').update(`${parentId}\u001f${field}\u001f${index}`).digest('hex');
}

/**
 * Flattens one record into its root row and the rows of its child tables
 * (root first, then children depth-first). Nested objects become
 * `parent__child` columns down to `maxDepth` levels (then JSON); arrays
 * become child tables `<table>__<field>` whose rows link to their parent by
 * id; arrays of scalars (and nested arrays) give rows with a `value` column.
 * Pure apart from hashing.
 */
export function flattenRecord(record: Record<string, unknown>, rootId: string, options: FlattenOptions): FlatRow[] {
  const out: FlatRow[] = [];
  const root: FlatRow = { table: options.table, id: rootId, values: {} };
  out.push(root);
  flattenInto(record, root, '', 0, rootId, options, out);
  return out;
}

function flattenInto(
  object: Record<string, unknown>,
  row: FlatRow,
  prefix: string,
  depth: number,
  rootId: string,
  options: FlattenOptions,
  out: FlatRow[],
): void {
  for (const key of Object.keys(object)) {
    const value = object[key];
    if (value === undefined) continue;
    const column = prefix === '' ? normalizeName(key) : joinName(prefix, normalizeName(key));
    if (Array.isArray(value)) {
      const childTable = joinName(row.table, column);
      for (let i = 0; i < value.length; i++) {
        const element = value[i];
        const child: FlatRow = { table: childTable, id: childId(row.id, column, i), parentId: row.id, rootId, listIdx: i, values: {} };
        out.push(child);
        if (isPlainObject(element)) flattenInto(element, child, '', 0, rootId, options, out);
        else if (element !== undefined && element !== null) child.values['value'] = element;
      }
    } else if (isPlainObject(value)) {
      if (depth < options.maxDepth) flattenInto(value, row, column, depth + 1, rootId, options, out);
      else row.values[column] = value;
    } else {
      row.values[column] = value;
    }
  }
}
