/**
 * Input references in a dashboard query, bound as parameters, pure:
 * `${inputs.<name>}` (a dropdown or text value, bound as `CAST($n AS TEXT)`:
 * typed, so `${inputs.x} is null` works on Postgres too; cast it in SQL to
 * compare with a number) and `${inputs.<range>.start}` / `.end` (a date
 * range, bound as `CAST($n AS DATE)`) become placeholders
 * `$1, $2, ...` with their values alongside, never text in the SQL. A
 * reference inside a quoted SQL string would not be bound, so it is refused.
 */
import { BasinError } from '../core/errors.js';

const REFERENCE = /\$\{\s*inputs\.([a-z_][a-z0-9_]*)(?:\.(start|end))?\s*\}/g;

/** One `${inputs...}` reference. */
export interface InputReference {
  input: string;
  part?: 'start' | 'end' | undefined;
  /** Offset in the SQL. */
  index: number;
  length: number;
}

/** The input references of `sql`, in order. */
export function inputReferences(sql: string): InputReference[] {
  return [...sql.matchAll(REFERENCE)].map((m) => ({ input: m[1]!, part: m[2] as 'start' | 'end' | undefined, index: m.index, length: m[0].length }));
}

/** Offsets of `sql` that are inside a '...' string, a "..." identifier or a comment. */
function quotedAt(sql: string): (offset: number) => boolean {
  const spans: Array<[number, number]> = [];
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i];
    if (c === "'" || c === '"') {
      const start = i;
      for (i++; i < sql.length; i++) {
        if (sql[i] === c) {
          if (sql[i + 1] === c) i++;
          else break;
        }
      }
      spans.push([start, i]);
    } else if (c === '-' && sql[i + 1] === '-') {
      const start = i;
      while (i < sql.length && sql[i] !== '\n') i++;
      spans.push([start, i]);
    } else if (c === '/' && sql[i + 1] === '*') {
      const start = i;
      const end = sql.indexOf('*/', i + 2);
      i = end === -1 ? sql.length : end + 1;
      spans.push([start, i]);
    }
  }
  return (offset) => spans.some(([a, b]) => offset > a && offset < b);
}

/** The value of one input: a date range, or a scalar (NULL for "All"). */
export type InputValue = { start: string; end: string } | string | number | null;

/** `sql` with its input references as placeholders and the values to bind, in order. */
export function bindInputs(sql: string, values: ReadonlyMap<string, InputValue>, options: { query: string; firstParameter?: number } = { query: 'query' }): { sql: string; params: unknown[] } {
  const refs = inputReferences(sql);
  const quoted = quotedAt(sql);
  const params: unknown[] = [];
  let out = '';
  let at = 0;
  let n = options.firstParameter ?? 1;
  for (const ref of refs) {
    if (quoted(ref.index)) {
      throw new BasinError('USAGE', `query ${options.query}: \${inputs.${ref.input}} is inside quotes; write it bare (it is bound as a parameter, e.g. where plan = \${inputs.${ref.input}})`);
    }
    if (!values.has(ref.input)) throw new BasinError('USAGE', `query ${options.query}: no value for input "${ref.input}"`);
    const value = values.get(ref.input)!;
    let placeholder: string;
    if (value !== null && typeof value === 'object') {
      if (!ref.part) throw new BasinError('USAGE', `query ${options.query}: input "${ref.input}" is a date range; use \${inputs.${ref.input}.start} and \${inputs.${ref.input}.end}`);
      params.push(value[ref.part]);
      placeholder = `CAST($${n++} AS DATE)`;
    } else {
      if (ref.part) throw new BasinError('USAGE', `query ${options.query}: input "${ref.input}" is not a date range; use \${inputs.${ref.input}}`);
      params.push(value === null ? null : String(value));
      placeholder = `CAST($${n++} AS TEXT)`;
    }
    out += sql.slice(at, ref.index) + placeholder;
    at = ref.index + ref.length;
  }
  return { sql: out + sql.slice(at), params };
}
