/**
 * Grid data of `spreadsheets.get?includeGridData=true` (or with `ranges`):
 * each cell as `CellData` (the value the user entered, its computed value,
 * the formatted text and the number format), rows up to the last non-empty
 * cell, empty cells `{}` and empty rows `{}`, trailing ones left out.
 */
import type { GridBounds } from './a1-notation.js';
import { formattedValue, type Cell, type CellFormat } from './sheet-cells.js';
import type { SandboxSheet } from './spreadsheet-model.js';

const NUMBER_FORMATS: Record<CellFormat, { type: string; pattern: string }> = {
  currency: { type: 'CURRENCY', pattern: '"$"#,##0.00' },
  percent: { type: 'PERCENT', pattern: '0.0%' },
  integer: { type: 'NUMBER', pattern: '#,##0' },
  date_iso: { type: 'DATE', pattern: 'yyyy-mm-dd' },
  date_month: { type: 'DATE', pattern: 'mmm yyyy' },
  date_us: { type: 'DATE', pattern: 'm/d/yyyy' },
};

function extendedValue(value: Cell['value']): Record<string, unknown> {
  if (typeof value === 'number') return { numberValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  return { stringValue: value };
}

function cellData(cell: Cell | undefined): Record<string, unknown> {
  if (!cell) return {};
  const out: Record<string, unknown> = {
    userEnteredValue: cell.formula ? { formulaValue: cell.formula } : extendedValue(cell.value),
    effectiveValue: extendedValue(cell.value),
    formattedValue: formattedValue(cell),
  };
  if (cell.format) {
    out['userEnteredFormat'] = { numberFormat: NUMBER_FORMATS[cell.format] };
    out['effectiveFormat'] = { numberFormat: NUMBER_FORMATS[cell.format] };
  }
  return out;
}

/** The `GridData` of `bounds` of `sheet` at sandbox time `now`. */
export function gridData(sheet: SandboxSheet, bounds: GridBounds, now: number): Record<string, unknown> {
  const rows = sheet.rows(now);
  const rowData: Array<Record<string, unknown>> = [];
  let lastFilled = -1;
  for (let r = bounds.startRow; r < Math.min(bounds.endRow, rows.length); r++) {
    const cells = rows[r] ?? [];
    const values: Array<Record<string, unknown>> = [];
    let lastCell = -1;
    for (let c = bounds.startColumn; c < Math.min(bounds.endColumn, cells.length); c++) {
      values.push(cellData(cells[c]));
      if (cells[c]) lastCell = values.length - 1;
    }
    rowData.push(lastCell < 0 ? {} : { values: values.slice(0, lastCell + 1) });
    if (lastCell >= 0) lastFilled = rowData.length - 1;
  }
  const out: Record<string, unknown> = {};
  // proto3 JSON leaves zero values out.
  if (bounds.startRow > 0) out['startRow'] = bounds.startRow;
  if (bounds.startColumn > 0) out['startColumn'] = bounds.startColumn;
  if (lastFilled >= 0) out['rowData'] = rowData.slice(0, lastFilled + 1);
  return out;
}
