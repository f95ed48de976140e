/**
 * Cells of the sandbox's spreadsheets and how the Sheets API renders them:
 * `FORMATTED_VALUE` (the text a user sees, through the cell's number
 * format), `UNFORMATTED_VALUE` (numbers as numbers, booleans as booleans;
 * dates as serial numbers or, with `dateTimeRenderOption=FORMATTED_STRING`,
 * their formatted text) and `FORMULA` (a formula's text, other cells
 * unformatted). Dates are Sheets serial numbers: days since 1899-12-30.
 */

/** A cell's number format (the patterns a spreadsheet user picks from the Format menu). */
export type CellFormat =
  | 'currency' // $#,##0.00
  | 'percent' // 0.0%
  | 'integer' // #,##0
  | 'date_iso' // yyyy-mm-dd
  | 'date_month' // mmm yyyy
  | 'date_us'; // m/d/yyyy

/** One non-empty cell. */
export interface Cell {
  value: string | number | boolean;
  format?: CellFormat | undefined;
  /** The formula whose result `value` is (`=SUM(B2:D2)`). */
  formula?: string | undefined;
}

/** A row of cells; undefined = an empty cell. */
export type CellRow = ReadonlyArray<Cell | undefined>;

export type ValueRenderOption = 'FORMATTED_VALUE' | 'UNFORMATTED_VALUE' | 'FORMULA';
export type DateTimeRenderOption = 'SERIAL_NUMBER' | 'FORMATTED_STRING';

const DAY_MS = 86_400_000;
/** Serial number of 1970-01-01 (serial 0 is 1899-12-30). */
const EPOCH_SERIAL = 25_569;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** The serial number of a UTC day (epoch ms at midnight). */
export function dateSerial(epochMs: number): number {
  return Math.floor(epochMs / DAY_MS) + EPOCH_SERIAL;
}

/** The UTC date of a serial number. */
export function serialDate(serial: number): Date {
  return new Date(Math.round((serial - EPOCH_SERIAL) * DAY_MS));
}

/** A date cell. */
export function dateCell(epochMs: number, format: 'date_iso' | 'date_month' | 'date_us'): Cell {
  return { value: dateSerial(epochMs), format };
}

function isDateFormat(format: CellFormat | undefined): boolean {
  return format === 'date_iso' || format === 'date_month' || format === 'date_us';
}

function grouped(n: number, decimals: number): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals, useGrouping: true });
}

/** A number in Sheets' "Automatic" format: up to 10 significant digits, no grouping. */
function general(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return String(Number(n.toPrecision(10)));
}

function formatNumber(n: number, format: CellFormat | undefined): string {
  switch (format) {
    case 'currency':
      return `${n < 0 ? '-' : ''}$${grouped(Math.abs(n), 2)}`;
    case 'percent':
      return `${(n * 100).toFixed(1)}%`;
    case 'integer':
      return grouped(n, 0);
    case 'date_iso':
    case 'date_month':
    case 'date_us': {
      const d = serialDate(n);
      const y = d.getUTCFullYear();
      const m = d.getUTCMonth();
      const day = d.getUTCDate();
      if (format === 'date_iso') return `${y}-${String(m + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      if (format === 'date_month') return `${MONTHS[m] ?? ''} ${y}`;
      return `${m + 1}/${day}/${y}`;
    }
    default:
      return general(n);
  }
}

/** The text a user sees in the cell. */
export function formattedValue(cell: Cell): string {
  if (typeof cell.value === 'boolean') return cell.value ? 'TRUE' : 'FALSE';
  if (typeof cell.value === 'number') return formatNumber(cell.value, cell.format);
  return cell.value;
}

/** The cell as the values API renders it. */
export function renderCell(cell: Cell, value: ValueRenderOption, dateTime: DateTimeRenderOption): string | number | boolean {
  if (value === 'FORMATTED_VALUE') return formattedValue(cell);
  if (value === 'FORMULA' && cell.formula) return cell.formula;
  if (isDateFormat(cell.format) && dateTime === 'FORMATTED_STRING') return formattedValue(cell);
  return cell.value;
}
