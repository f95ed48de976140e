/**
 * Column names from a sheet's header row: snake_case (`Plus MRR target` ->
 * `plus_mrr_target`, `Budget used %` -> `budget_used_pct`, accents
 * dropped, camelCase split), a leading digit prefixed with `_`. A blank
 * header becomes `column_<letter>` (the sheet column, e.g. `column_c`); a
 * name already taken gets `_2`, `_3`... in column order. `_row_number` is
 * reserved for the row's number in the sheet.
 */
import { columnLettersOf } from './sheet-range.js';

/** The column holding each row's number in the sheet. */
export const ROW_NUMBER_COLUMN = '_row_number';

/** One header text as a snake_case name ('' when nothing is left). */
export function snakeCase(text: string): string {
  const base = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/%/g, ' pct ')
    .replace(/#/g, ' number ')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[0-9]/.test(base) ? `_${base}` : base;
}

/**
 * Unique column names for a header row of `width` columns whose first
 * column is sheet column `firstColumn` (0-based).
 */
export function columnNames(header: readonly unknown[], width: number, firstColumn: number): string[] {
  const used = new Set<string>([ROW_NUMBER_COLUMN]);
  const out: string[] = [];
  for (let c = 0; c < width; c++) {
    const raw = header[c];
    const text = raw === undefined || raw === null ? '' : String(raw);
    const base = snakeCase(text) || `column_${columnLettersOf(firstColumn + c).toLowerCase()}`;
    let name = base;
    for (let k = 2; used.has(name); k++) name = `${base}_${k}`;
    used.add(name);
    out.push(name);
  }
  return out;
}
