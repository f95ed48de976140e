/** A dashboard table's sorting and paging, pure. */

type Row = Record<string, unknown>;

export interface TableSort {
  column: string;
  desc: boolean;
}

/** Rows per page of a dashboard table. */
export const PAGE_SIZE = 25;

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  const na = Number(a);
  const nb = Number(b);
  if (typeof a !== 'object' && typeof b !== 'object' && a !== '' && b !== '' && Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  return String(a).localeCompare(String(b));
}

/** `rows` sorted by `sort` (nulls last), a new array. */
export function sortTable(rows: readonly Row[], sort: TableSort | undefined): Row[] {
  if (!sort) return [...rows];
  const sign = sort.desc ? -1 : 1;
  const missing = (v: unknown) => v === null || v === undefined;
  return [...rows].sort((a, b) => {
    const va = a[sort.column];
    const vb = b[sort.column];
    if (missing(va) || missing(vb)) return Number(missing(va)) - Number(missing(vb));
    return sign * compare(va, vb);
  });
}

/** The sort after clicking `column`: ascending, then descending, then none. */
export function toggleSort(sort: TableSort | undefined, column: string): TableSort | undefined {
  if (sort?.column !== column) return { column, desc: false };
  return sort.desc ? undefined : { column, desc: true };
}

/** The number of pages of `count` rows (at least 1). */
export function pages(count: number): number {
  return Math.max(1, Math.ceil(count / PAGE_SIZE));
}
