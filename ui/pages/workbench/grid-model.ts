/**
 * The result grid's pure parts: sorting rows by a column (numbers as numbers,
 * NULLs last whichever the direction), paging, and a cell's text.
 */

export type Row = Record<string, unknown>;

/** A result column: its name and the warehouse's type name. */
export interface QueryColumn {
  name: string;
  type: string;
}
export type SortDirection = 'asc' | 'desc';
export interface SortState {
  column: string;
  direction: SortDirection;
}

/** Rows per page of the grid. */
export const PAGE_SIZE = 100;

/** True for warehouse type names of numbers (DuckDB and Postgres spellings). */
export function isNumericType(type: string): boolean {
  return /int|dec|numeric|double|float|real|number/i.test(type);
}

function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

/** Compares two cell values: numbers numerically, else as text (numeric-aware). NULLs are handled by the caller. */
function compareValues(a: unknown, b: unknown): number {
  const x = asNumber(a);
  const y = asNumber(b);
  if (x !== undefined && y !== undefined) return x - y;
  return String(typeof a === 'object' ? JSON.stringify(a) : a).localeCompare(String(typeof b === 'object' ? JSON.stringify(b) : b), undefined, { numeric: true });
}

/** `rows` sorted by `sort` (a new array; stable; NULLs last); the same array without a sort. */
export function sortRows(rows: readonly Row[], sort: SortState | undefined): readonly Row[] {
  if (!sort) return rows;
  const sign = sort.direction === 'asc' ? 1 : -1;
  return rows
    .map((row, i) => ({ row, i }))
    .sort((p, q) => {
      const a = p.row[sort.column];
      const b = q.row[sort.column];
      const an = a === null || a === undefined;
      const bn = b === null || b === undefined;
      if (an || bn) return an === bn ? p.i - q.i : an ? 1 : -1;
      return sign * compareValues(a, b) || p.i - q.i;
    })
    .map((p) => p.row);
}

/** The next sort after clicking `column`'s header: ascending, then descending, then none. */
export function nextSort(current: SortState | undefined, column: string): SortState | undefined {
  if (current?.column !== column) return { column, direction: 'asc' };
  return current.direction === 'asc' ? { column, direction: 'desc' } : undefined;
}

/** Number of pages for `count` rows (at least 1). */
export function pageCount(count: number, size = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(count / size));
}

/** The rows of page `page` (0-based). */
export function pageRows<T>(rows: readonly T[], page: number, size = PAGE_SIZE): readonly T[] {
  return rows.slice(page * size, (page + 1) * size);
}

/** A cell's text: NULL as `null` (styled by the grid), objects as JSON. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
