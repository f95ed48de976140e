/**
 * The values of a page's inputs, pure: what the viewer chose (URL query
 * values) checked against each input, else its default. A date range is
 * `YYYY-MM-DD..YYYY-MM-DD` (or `all`), defaulting to `last_<n>_days` up to
 * today; a dropdown value must be one of its options (or "All" when
 * allowed); a text value is at most 1,000 characters.
 */
import { BasinError } from '../core/errors.js';
import type { InputBlock } from './dashboard.js';
import type { InputValue } from './bind-inputs.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ALL_RANGE = { start: '0001-01-01', end: '9999-12-31' };
/** The value a dropdown's "All" option sends. */
export const ALL_OPTION = '__all__';
const MAX_TEXT = 1000;

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function validDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && isoDay(d) === text;
}

/** A date range from a URL value or a default (`last_30_days`, `all`, `{ start, end }`, `a..b`). */
export function dateRange(input: Pick<InputBlock, 'name'>, value: unknown, today: Date): { start: string; end: string } {
  if (value === undefined || value === null || value === '') return dateRange(input, 'last_90_days', today);
  if (value === 'all') return { ...ALL_RANGE };
  if (typeof value === 'string') {
    const last = /^last_(\d+)_days$/.exec(value);
    if (last) {
      const days = Number(last[1]);
      const start = new Date(today.getTime() - (days - 1) * 86_400_000);
      return { start: isoDay(start), end: isoDay(today) };
    }
    const [start, end] = value.split('..');
    if (start !== undefined && end !== undefined && validDate(start) && validDate(end) && start <= end) return { start, end };
  } else if (typeof value === 'object') {
    const r = value as { start?: unknown; end?: unknown };
    const start = r.start instanceof Date ? isoDay(r.start) : String(r.start ?? '');
    const end = r.end instanceof Date ? isoDay(r.end) : String(r.end ?? '');
    if (validDate(start) && validDate(end) && start <= end) return { start, end };
  }
  throw new BasinError('USAGE', `input ${input.name}: expected a date range YYYY-MM-DD..YYYY-MM-DD, last_<n>_days or all, got ${JSON.stringify(value)}`);
}

/** The resolved value of every input; dropdowns need their options (from their query or list). */
export function resolveInputs(
  inputs: readonly InputBlock[],
  chosen: Readonly<Record<string, string | undefined>>,
  options: { today: Date; optionsOf: (input: InputBlock) => readonly string[] },
): Map<string, InputValue> {
  const values = new Map<string, InputValue>();
  for (const input of inputs) {
    const raw = chosen[input.name];
    if (input.type === 'date_range') {
      values.set(input.name, dateRange(input, raw ?? input.default, options.today));
    } else if (input.type === 'text') {
      const text = raw ?? (input.default === undefined || input.default === null ? '' : String(input.default));
      if (text.length > MAX_TEXT) throw new BasinError('USAGE', `input ${input.name}: at most ${MAX_TEXT} characters`);
      values.set(input.name, text);
    } else {
      const allowed = options.optionsOf(input);
      const fallback = input.default !== undefined && input.default !== null ? String(input.default) : input.allowAll ? ALL_OPTION : allowed[0];
      const value = raw ?? fallback;
      if (value === undefined || (value === ALL_OPTION && input.allowAll)) values.set(input.name, null);
      else if (allowed.includes(value)) values.set(input.name, value);
      else throw new BasinError('USAGE', `input ${input.name}: "${value.slice(0, 100)}" is not one of its options`);
    }
  }
  return values;
}
