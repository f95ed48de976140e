/**
 * How written values become cells (`valueInputOption`): RAW stores strings,
 * numbers and booleans as they are; USER_ENTERED parses strings as typing
 * them into the Sheets UI would: numbers, percentages (`12.5%`), dollar
 * amounts (`$1,234.50`), ISO dates (`2025-01-31`, a date serial), TRUE/FALSE,
 * formulas (`=...`, kept as text: the sandbox evaluates none) and a leading
 * `'` forcing text. `null` leaves the cell as it is; `""` empties it.
 */
import { invalidArgument } from '../google/google-errors.js';
import { dateSerial, type Cell } from './sheet-cells.js';

export type ValueInputOption = 'RAW' | 'USER_ENTERED';

/** What to do with one written value: leave the cell, empty it, or set it. */
export type CellWrite = { kind: 'skip' } | { kind: 'clear' } | { kind: 'set'; cell: Cell };

/** The `valueInputOption` of a write; 400 when missing or unspecified, as the API answers. */
export function valueInputOption(raw: unknown): ValueInputOption {
  if (raw === undefined || raw === null || raw === '') throw invalidArgument("'valueInputOption' is required but not specified");
  if (raw === 'RAW' || raw === 'USER_ENTERED') return raw;
  if (raw === 'INPUT_VALUE_OPTION_UNSPECIFIED') throw invalidArgument('Invalid valueInputOption: INPUT_VALUE_OPTION_UNSPECIFIED');
  throw invalidArgument(`Invalid value at 'value_input_option' (type.googleapis.com/google.apps.sheets.v4.ValueInputOption), "${String(raw)}"`);
}

function userEntered(text: string): Cell {
  if (text.startsWith("'")) return { value: text.slice(1) };
  if (text.startsWith('=')) return { value: text, formula: text };
  if (/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text)) return { value: Number(text) };
  const percent = /^(-?\d+(?:\.\d+)?)%$/.exec(text);
  if (percent) return { value: Number(percent[1]) / 100, format: 'percent' };
  const dollars = /^(-)?\$(\d{1,3}(?:,\d{3})*|\d+)(\.\d+)?$/.exec(text);
  if (dollars) return { value: Number(`${dollars[1] ?? ''}${(dollars[2] ?? '').replace(/,/g, '')}${dollars[3] ?? ''}`), format: 'currency' };
  if (/^(true|false)$/i.test(text)) return { value: text.toLowerCase() === 'true' };
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (date) {
    const ms = Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3]));
    if (new Date(ms).toISOString().startsWith(text)) return { value: dateSerial(ms), format: 'date_iso' };
  }
  return { value: text };
}

/** The write of value `values[row][column]`; 400 for a value that is not a string, number, boolean or null. */
export function cellWrite(value: unknown, option: ValueInputOption, row: number, column: number): CellWrite {
  if (value === null || value === undefined) return { kind: 'skip' };
  if (value === '') return { kind: 'clear' };
  if (typeof value === 'number' && Number.isFinite(value)) return { kind: 'set', cell: { value } };
  if (typeof value === 'boolean') return { kind: 'set', cell: { value } };
  if (typeof value === 'string') return { kind: 'set', cell: option === 'RAW' ? { value } : userEntered(value) };
  throw invalidArgument(`Invalid values[${row}][${column}]: ${JSON.stringify(value)}`);
}
