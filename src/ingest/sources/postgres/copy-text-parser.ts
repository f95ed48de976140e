/**
 * Parses the output of `COPY ... TO STDOUT` in Postgres' text format into
 * row objects: rows end with `\n`, columns are separated by tabs, `\N` is
 * NULL, and backslash escapes (`\\`, `\n`, `\r`, `\t`, `\b`, `\f`, `\v`)
 * stand for those characters (COPY TO never emits octal or hex escapes).
 * Each column's text then goes through the same parser a query result would
 * use, so values are identical to the query path.
 */
import { StringDecoder } from 'node:string_decoder';

type Row = Record<string, unknown>;

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v' };

function unescapeCopy(text: string): string {
  return text.replace(/\\(.)/gsu, (_, ch: string) => ESCAPES[ch] ?? ch);
}

/** Incremental parser: feed buffers, get the rows they complete. */
export class CopyTextParser {
  private readonly decoder = new StringDecoder('utf8');
  private rest = '';
  private readonly last: number;
  private readonly values: unknown[];
  private readonly make: (values: unknown[]) => Row;

  constructor(
    names: string[],
    private readonly parsers: Array<(text: string) => unknown>,
  ) {
    this.last = names.length - 1;
    this.values = new Array<unknown>(names.length);
    this.make = rowFactory(names);
  }

  /** Parses the complete rows in `chunk` (plus what was left over) into `out`. */
  push(chunk: Buffer, out: Row[]): void {
    const text = this.rest + this.decoder.write(chunk);
    let start = 0;
    for (let nl = text.indexOf('\n', start); nl >= 0; nl = text.indexOf('\n', start)) {
      out.push(this.row(text, start, nl));
      start = nl + 1;
    }
    this.rest = start === 0 ? text : text.slice(start);
  }

  /** Ends the input; throws when a partial row is left. */
  end(): void {
    const tail = this.rest + this.decoder.end();
    if (tail.length > 0) throw new Error('COPY output ended inside a row');
  }

  private row(text: string, start: number, end: number): Row {
    const row = this.values;
    let p = start;
    for (let i = 0; i <= this.last; i++) {
      let e = i === this.last ? end : text.indexOf('\t', p);
      if (e < 0 || e > end) e = end;
      if (e - p === 2 && text.charCodeAt(p) === 92 && text.charCodeAt(p + 1) === 78) {
        row[i] = null;
      } else {
        const raw = text.slice(p, e);
        const parse = this.parsers[i] as (text: string) => unknown;
        row[i] = parse(raw.includes('\\') ? unescapeCopy(raw) : raw);
      }
      p = e + 1;
    }
    return this.make(row);
  }
}

/**
 * Builds rows with all their keys at once (one object literal per shape is
 * markedly cheaper for V8 than adding keys one by one). Falls back to a loop
 * for names an object literal cannot carry faithfully (`__proto__`, duplicates).
 */
export function rowFactory(names: string[]): (values: unknown[]) => Row {
  if (names.includes('__proto__') || new Set(names).size !== names.length) {
    return (values) => {
      const row: Row = Object.create(null) as Row;
      names.forEach((n, i) => (row[n] = values[i]));
      return { ...row };
    };
  }
  const body = names.map((n, i) => `${JSON.stringify(n)}: v[${i}]`).join(', ');
  return new Function('v', `return { ${body} };`) as (values: unknown[]) => Row;
}
