/**
 * Firestore's structured queries over the fake's rows: `from` (a collection
 * or, with `allDescendants`, a collection group), `where` (field, unary and
 * composite filters with Firestore's typed comparison semantics), `orderBy`
 * with the implicit orders Firestore adds (inequality fields, then
 * `__name__` in the last order's direction), `startAt` / `endAt` cursors,
 * `offset`, `limit` and `select`.
 */
import { invalidArgument } from '../google/google-errors.js';
import type { DocRow } from './firestore-catalog.js';
import { isNamePath, parseFieldPath, project, rowValue, type FieldPath } from './firestore-field-path.js';
import { compareValues, formatTimestamp, isNaNValue, isValue, typeRank, valuesEqual, type FirestoreDocument, type FirestoreValue } from './firestore-values.js';

type Json = Record<string, unknown>;

type Filter =
  | { kind: 'field'; path: FieldPath; op: string; value: FirestoreValue }
  | { kind: 'unary'; path: FieldPath; op: string }
  | { kind: 'composite'; op: 'AND' | 'OR'; filters: Filter[] };

interface Order {
  path: FieldPath;
  descending: boolean;
}

interface QueryCursor {
  values: FirestoreValue[];
  before: boolean;
}

/** A validated query. */
export interface QueryPlan {
  collectionId: string;
  allDescendants: boolean;
  where: Filter | undefined;
  /** Explicit and implicit orders; the last is always `__name__`. */
  orders: Order[];
  startAt: QueryCursor | undefined;
  endAt: QueryCursor | undefined;
  offset: number;
  limit: number | undefined;
  select: FieldPath[] | undefined;
}

const RANGE_OPS = ['LESS_THAN', 'LESS_THAN_OR_EQUAL', 'GREATER_THAN', 'GREATER_THAN_OR_EQUAL'];
const INEQUALITY_OPS = [...RANGE_OPS, 'NOT_EQUAL', 'NOT_IN'];
const FIELD_OPS = [...INEQUALITY_OPS, 'EQUAL', 'ARRAY_CONTAINS', 'IN', 'ARRAY_CONTAINS_ANY'];
const UNARY_OPS = ['IS_NAN', 'IS_NULL', 'IS_NOT_NAN', 'IS_NOT_NULL'];

/** Enum names by number: clients may send proto enums as numbers (`$alt=json;enum-encoding=int`). */
const FIELD_OP_NAMES = ['OPERATOR_UNSPECIFIED', 'LESS_THAN', 'LESS_THAN_OR_EQUAL', 'GREATER_THAN', 'GREATER_THAN_OR_EQUAL', 'EQUAL', 'NOT_EQUAL', 'ARRAY_CONTAINS', 'IN', 'ARRAY_CONTAINS_ANY', 'NOT_IN'];
const UNARY_OP_NAMES = ['OPERATOR_UNSPECIFIED', '', 'IS_NAN', 'IS_NULL', 'IS_NOT_NAN', 'IS_NOT_NULL'];
const COMPOSITE_OP_NAMES = ['OPERATOR_UNSPECIFIED', 'AND', 'OR'];
const DIRECTION_NAMES = ['DIRECTION_UNSPECIFIED', 'ASCENDING', 'DESCENDING'];

function enumName(v: unknown, names: readonly string[]): string {
  return typeof v === 'number' ? (names[v] ?? String(v)) : String(v ?? '');
}

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function fieldRef(v: unknown, where: string): FieldPath {
  if (!isObj(v) || typeof v['fieldPath'] !== 'string') throw invalidArgument(`${where}: a field reference needs a fieldPath.`);
  return parseFieldPath(v['fieldPath']);
}

function parseFilter(v: unknown): Filter {
  if (!isObj(v)) throw invalidArgument('Invalid filter.');
  if (isObj(v['fieldFilter'])) {
    const f = v['fieldFilter'];
    const op = enumName(f['op'], FIELD_OP_NAMES);
    if (!FIELD_OPS.includes(op)) throw invalidArgument(`Invalid value at 'structured_query.where.field_filter.op' ("${op}")`);
    if (!isValue(f['value'])) throw invalidArgument('A field filter needs a value.');
    if (['IN', 'NOT_IN', 'ARRAY_CONTAINS_ANY'].includes(op) && f['value'].arrayValue === undefined) throw invalidArgument(`A filter with ${op} requires an array value.`);
    return { kind: 'field', path: fieldRef(f['field'], 'fieldFilter'), op, value: f['value'] };
  }
  if (isObj(v['unaryFilter'])) {
    const f = v['unaryFilter'];
    const op = enumName(f['op'], UNARY_OP_NAMES);
    if (!UNARY_OPS.includes(op)) throw invalidArgument(`Invalid value at 'structured_query.where.unary_filter.op' ("${op}")`);
    return { kind: 'unary', path: fieldRef(f['field'], 'unaryFilter'), op };
  }
  if (isObj(v['compositeFilter'])) {
    const f = v['compositeFilter'];
    const op = enumName(f['op'], COMPOSITE_OP_NAMES);
    if (op !== 'AND' && op !== 'OR') throw invalidArgument(`Invalid value at 'structured_query.where.composite_filter.op' ("${String(op)}")`);
    const filters = Array.isArray(f['filters']) ? f['filters'].map(parseFilter) : [];
    if (filters.length === 0) throw invalidArgument('A composite filter must have at least one filter.');
    return { kind: 'composite', op, filters };
  }
  throw invalidArgument('Filter must be a field, unary or composite filter.');
}

function inequalityPaths(f: Filter | undefined, out: FieldPath[]): FieldPath[] {
  if (!f) return out;
  if (f.kind === 'composite') for (const g of f.filters) inequalityPaths(g, out);
  else if (f.kind === 'field' && INEQUALITY_OPS.includes(f.op) && !out.some((p) => samePath(p, f.path))) out.push(f.path);
  else if (f.kind === 'unary' && (f.op === 'IS_NOT_NULL' || f.op === 'IS_NOT_NAN') && !out.some((p) => samePath(p, f.path))) out.push(f.path);
  return out;
}

const samePath = (a: FieldPath, b: FieldPath): boolean => a.length === b.length && a.every((s, k) => s === b[k]);

function parseCursor(v: unknown, name: string): QueryCursor | undefined {
  if (v === undefined) return undefined;
  if (!isObj(v) || !Array.isArray(v['values']) || !v['values'].every(isValue)) throw invalidArgument(`Invalid ${name} cursor.`);
  return { values: v['values'], before: v['before'] === true };
}

function int32(v: unknown, name: string): number | undefined {
  const raw = isObj(v) ? v['value'] : v;
  if (raw === undefined || raw === null) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 2 ** 31 - 1) throw invalidArgument(`Invalid value at 'structured_query.${name}' (TYPE_INT32), ${JSON.stringify(raw)}`);
  return n;
}

/** Orders with Firestore's implicit additions. */
export function completeOrders(explicit: Order[], where: Filter | undefined): Order[] {
  const orders = [...explicit];
  const direction = (): boolean => orders[orders.length - 1]?.descending ?? false;
  const missing = inequalityPaths(where, []).filter((p) => !orders.some((o) => samePath(o.path, p)));
  missing.sort((a, b) => (a.join('.') < b.join('.') ? -1 : 1));
  for (const p of missing) if (!isNamePath(p)) orders.push({ path: p, descending: direction() });
  if (!orders.some((o) => isNamePath(o.path))) orders.push({ path: ['__name__'], descending: direction() });
  return orders;
}

/** Validates a `structuredQuery` JSON object. */
export function parseStructuredQuery(q: unknown): QueryPlan {
  if (!isObj(q)) throw invalidArgument('A structuredQuery is required.');
  const from = Array.isArray(q['from']) ? q['from'] : [];
  if (from.length !== 1 || !isObj(from[0])) throw invalidArgument('Query must have exactly one collection selector in "from".');
  const selector = from[0];
  const collectionId = typeof selector['collectionId'] === 'string' ? selector['collectionId'] : '';
  if (collectionId === '') throw invalidArgument('Collection id is required.');
  const where = q['where'] === undefined ? undefined : parseFilter(q['where']);
  const explicit: Order[] = (Array.isArray(q['orderBy']) ? q['orderBy'] : []).map((o: unknown) => {
    if (!isObj(o)) throw invalidArgument('Invalid order.');
    const dir = o['direction'] === undefined ? 'ASCENDING' : enumName(o['direction'], DIRECTION_NAMES);
    if (dir !== 'ASCENDING' && dir !== 'DESCENDING' && dir !== 'DIRECTION_UNSPECIFIED') throw invalidArgument(`Invalid value at 'structured_query.order_by[0].direction' ("${String(dir)}")`);
    return { path: fieldRef(o['field'], 'orderBy'), descending: dir === 'DESCENDING' };
  });
  const orders = completeOrders(explicit, where);
  const startAt = parseCursor(q['startAt'], 'startAt');
  const endAt = parseCursor(q['endAt'], 'endAt');
  for (const c of [startAt, endAt]) {
    if (c && c.values.length > orders.length) throw invalidArgument('Too many cursor values specified. The specified order by has fewer fields than the cursor has values.');
  }
  const select = isObj(q['select']) && Array.isArray(q['select']['fields']) ? q['select']['fields'].map((f: unknown) => fieldRef(f, 'select')) : undefined;
  return {
    collectionId,
    allDescendants: selector['allDescendants'] === true,
    where,
    orders,
    startAt,
    endAt,
    offset: int32(q['offset'], 'offset') ?? 0,
    limit: int32(q['limit'], 'limit'),
    select,
  };
}

function matchField(v: FirestoreValue, op: string, target: FirestoreValue): boolean {
  switch (op) {
    case 'EQUAL':
      return valuesEqual(v, target);
    case 'NOT_EQUAL':
      return v.nullValue === undefined && !isNaNValue(v) && !valuesEqual(v, target);
    case 'IN':
      return (target.arrayValue?.values ?? []).some((t) => valuesEqual(v, t));
    case 'NOT_IN':
      return v.nullValue === undefined && !isNaNValue(v) && !(target.arrayValue?.values ?? []).some((t) => valuesEqual(v, t));
    case 'ARRAY_CONTAINS':
      return (v.arrayValue?.values ?? []).some((e) => valuesEqual(e, target));
    case 'ARRAY_CONTAINS_ANY':
      return (v.arrayValue?.values ?? []).some((e) => (target.arrayValue?.values ?? []).some((t) => valuesEqual(e, t)));
    default: {
      // Range filters only match values of the same type (numbers match numbers).
      if (typeRank(v) !== typeRank(target) || isNaNValue(v) || isNaNValue(target)) return false;
      const c = compareValues(v, target);
      return op === 'LESS_THAN' ? c < 0 : op === 'LESS_THAN_OR_EQUAL' ? c <= 0 : op === 'GREATER_THAN' ? c > 0 : c >= 0;
    }
  }
}

function matches(row: DocRow, f: Filter): boolean {
  if (f.kind === 'composite') return f.op === 'AND' ? f.filters.every((g) => matches(row, g)) : f.filters.some((g) => matches(row, g));
  const v = rowValue(row, f.path);
  if (v === undefined) return false;
  if (f.kind === 'unary') {
    if (f.op === 'IS_NULL') return v.nullValue !== undefined;
    if (f.op === 'IS_NOT_NULL') return v.nullValue === undefined;
    if (f.op === 'IS_NAN') return isNaNValue(v);
    return typeRank(v) === 2 && !isNaNValue(v);
  }
  return matchField(v, f.op, f.value);
}

interface Keyed {
  row: DocRow;
  keys: FirestoreValue[];
}

function compareKeys(a: FirestoreValue[], b: FirestoreValue[], orders: readonly Order[], n: number): number {
  for (let k = 0; k < n; k++) {
    const c = compareValues(a[k] as FirestoreValue, b[k] as FirestoreValue);
    if (c !== 0) return (orders[k] as Order).descending ? -c : c;
  }
  return 0;
}

function withinCursors(keys: FirestoreValue[], plan: QueryPlan): boolean {
  const { startAt, endAt, orders } = plan;
  if (startAt) {
    const c = compareKeys(keys, startAt.values, orders, startAt.values.length);
    if (startAt.before ? c < 0 : c <= 0) return false;
  }
  if (endAt) {
    const c = compareKeys(keys, endAt.values, orders, endAt.values.length);
    if (endAt.before ? c >= 0 : c > 0) return false;
  }
  return true;
}

/** The result of a query: documents in order, and how many the offset skipped. */
export interface QueryResult {
  rows: DocRow[];
  skipped: number;
}

/**
 * Runs `plan` over candidate rows. With a limit only the first
 * offset + limit rows in query order are kept while scanning (a sorted
 * buffer), so memory follows the page, not the collection.
 */
export function runQuery(rows: Iterable<DocRow>, plan: QueryPlan): QueryResult {
  const cap = plan.limit === undefined ? Infinity : plan.offset + plan.limit;
  const kept: Keyed[] = [];
  const order = (a: Keyed, b: Keyed): number => compareKeys(a.keys, b.keys, plan.orders, plan.orders.length);
  for (const row of rows) {
    if (cap === 0) break;
    if (plan.where && !matches(row, plan.where)) continue;
    const keys: FirestoreValue[] = [];
    let complete = true;
    for (const o of plan.orders) {
      const v = rowValue(row, o.path);
      if (v === undefined) {
        complete = false;
        break;
      }
      keys.push(v);
    }
    if (!complete || !withinCursors(keys, plan)) continue;
    const item = { row, keys };
    if (cap === Infinity) {
      kept.push(item);
      continue;
    }
    const last = kept[kept.length - 1];
    if (kept.length >= cap && last && order(item, last) >= 0) continue;
    // Binary insertion keeps the buffer sorted.
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (order(kept[mid] as Keyed, item) <= 0) lo = mid + 1;
      else hi = mid;
    }
    kept.splice(lo, 0, item);
    if (kept.length > cap) kept.pop();
  }
  if (cap === Infinity) kept.sort(order);
  const skipped = Math.min(plan.offset, kept.length);
  return { rows: kept.slice(skipped).map((k) => k.row), skipped };
}

/** A row's document as a query returns it (projected by `select`). */
export function renderRow(row: DocRow, select: readonly FieldPath[] | undefined): FirestoreDocument {
  if (select?.every(isNamePath)) return { name: row.name, fields: {}, createTime: formatTimestamp(row.createTime), updateTime: formatTimestamp(row.updateTime) };
  const doc = row.build();
  if (!select) return doc;
  const fields = project(doc.fields, select);
  return { ...doc, fields };
}

/** The orders' values of a row (for page tokens). */
export function orderKeys(row: DocRow, orders: readonly Order[]): FirestoreValue[] {
  return orders.map((o) => rowValue(row, o.path) ?? { nullValue: 'NULL_VALUE' });
}

/** Parses list's `orderBy` parameter (`field [desc], ...`). */
export function parseListOrderBy(text: string | null): Order[] {
  if (!text) return [];
  return text.split(',').map((part) => {
    const [field = '', dir = 'asc', ...rest] = part.trim().split(/\s+/);
    if (rest.length > 0 || !['asc', 'desc'].includes(dir.toLowerCase())) throw invalidArgument(`Invalid order by: "${text}".`);
    return { path: parseFieldPath(field), descending: dir.toLowerCase() === 'desc' };
  });
}
