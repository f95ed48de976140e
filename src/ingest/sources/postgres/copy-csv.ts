/**
 * Postgres' `COPY ... TO STDOUT (FORMAT csv, NULL '\N')` output at the byte
 * level: finding row ends without parsing values (a newline outside quotes
 * ends a row; `""` inside quotes toggles twice, so quote parity is enough),
 * and splitting one row into its fields when a value is needed (an unquoted
 * `\N` is NULL, a quoted one is the text `\N`).
 */

const QUOTE = 34;
const NEWLINE = 10;
const COMMA = 44;

/** The NULL marker Basin asks COPY for. */
export const COPY_CSV_NULL = '\\N';

/**
 * Incremental row splitter: push buffers, get the byte offsets just past
 * each complete row. Bytes of an unfinished row are kept and prefixed to
 * the next push.
 */
export class CsvRowSplitter {
  private carry: Buffer = Buffer.alloc(0);
  private inQuotes = false;

  /** Returns the buffer holding the complete rows (carry + `chunk`) and the end offset of each row in it. */
  push(chunk: Buffer): { data: Buffer; ends: number[] } {
    const from = this.carry.length;
    const data = from === 0 ? chunk : Buffer.concat([this.carry, chunk]);
    const ends: number[] = [];
    let q = this.inQuotes;
    for (let i = from; i < data.length; i++) {
      const c = data[i];
      if (c === QUOTE) q = !q;
      else if (c === NEWLINE && !q) ends.push(i + 1);
    }
    this.inQuotes = q;
    const last = ends.length === 0 ? 0 : (ends[ends.length - 1] as number);
    this.carry = data.subarray(last);
    return { data: data.subarray(0, last), ends };
  }

  /** Throws when the input ended inside a row. */
  end(): void {
    if (this.carry.length > 0) throw new Error('COPY output ended inside a row');
  }
}

/** The fields of one row (without its newline): text values, null for an unquoted `\N`. */
export function splitCsvRow(row: string): Array<string | null> {
  const out: Array<string | null> = [];
  let i = 0;
  for (;;) {
    if (row.charCodeAt(i) === QUOTE) {
      let value = '';
      let p = i + 1;
      for (;;) {
        const q = row.indexOf('"', p);
        if (q < 0) throw new Error('unterminated quoted CSV field');
        value += row.slice(p, q);
        if (row.charCodeAt(q + 1) === QUOTE) {
          value += '"';
          p = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      out.push(value);
    } else {
      let e = row.indexOf(',', i);
      if (e < 0) e = row.length;
      const raw = row.slice(i, e);
      out.push(raw === COPY_CSV_NULL ? null : raw);
      i = e;
    }
    if (i >= row.length) return out;
    if (row.charCodeAt(i) !== COMMA) throw new Error('malformed CSV row');
    i++;
  }
}

/** A CSV header line for `names` (every name quoted). */
export function csvHeader(names: readonly string[]): Buffer {
  return Buffer.from(`${names.map((n) => `"${n.replace(/"/g, '""')}"`).join(',')}\n`);
}
