import { parse } from 'csv-parse/sync';
import type { LogicalType, Row } from '../../core/types.js';
import { LineIndex } from './line-index.js';
import { SeedColumnTypeInferrer, convertSeedValue } from './seed-column-type.js';
import { SeedError } from './seed-error.js';
import { isSeedNull } from './seed-null.js';
import type { ParseSeedOptions, SeedColumn, SeedTable } from './seed-table.js';

interface RawRecord {
  fields: string[];
  line: number;
}

/**
 * Reads a seed CSV: a header row, then data rows. Handles a UTF-8 BOM, CRLF or
 * LF line ends, quoted fields (with embedded delimiters, quotes and newlines)
 * and a configurable delimiter. Blank lines are skipped. Infers each column's
 * type as dbt's agate does (see SeedColumnTypeInferrer) unless `columnTypes`
 * names it, and converts the values. Linear in the size of the file.
 *
 * Throws SeedError (code SEED, message `file:line: ...`) for an empty file,
 * empty or duplicate header names, rows with more or fewer fields than the
 * header, and malformed quoting.
 */
export function parseSeedCsv(content: string | Uint8Array, options: ParseSeedOptions): SeedTable {
  const { file } = options;
  const delimiter = options.delimiter ?? ',';
  if (delimiter === '') throw new SeedError(file, undefined, 'the delimiter must not be empty');
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  const records = readRecords(bytes, delimiter, file);

  const header = records[0];
  if (header === undefined) throw new SeedError(file, 1, 'the file is empty; a seed needs a header row');
  const names = header.fields;
  const seen = new Map<string, number>();
  names.forEach((name, i) => {
    if (name.trim() === '') throw new SeedError(file, header.line, `column ${i + 1} of the header has no name`);
    const first = seen.get(name);
    if (first !== undefined) {
      throw new SeedError(file, header.line, `duplicate column name "${name}" (columns ${first + 1} and ${i + 1})`);
    }
    seen.set(name, i);
  });

  const data = records.slice(1);
  for (const record of data) {
    if (record.fields.length !== names.length) {
      throw new SeedError(
        file,
        record.line,
        `row has ${record.fields.length} value${record.fields.length === 1 ? '' : 's'} but the header has ${names.length} column${names.length === 1 ? '' : 's'}`,
      );
    }
  }

  const overrides = options.columnTypes ?? {};
  const columns: SeedColumn[] = names.map((name, i) => {
    const override = Object.hasOwn(overrides, name) ? overrides[name] : undefined;
    if (override !== undefined) return { name, logicalType: 'text', nativeTypeOverride: override };
    const inferrer = new SeedColumnTypeInferrer();
    for (const record of data) inferrer.observe(record.fields[i]!);
    return { name, logicalType: inferrer.result() };
  });

  const types: LogicalType[] = columns.map((c) => c.logicalType);
  const forced = columns.map((c) => c.nativeTypeOverride !== undefined);
  const rows: Row[] = data.map((record) => {
    const row: Row = {};
    for (let i = 0; i < names.length; i++) {
      const raw = record.fields[i]!;
      const value = forced[i] ? (isSeedNull(raw) ? null : raw) : convertSeedValue(raw, types[i]!);
      const name = names[i]!;
      if (name === '__proto__') Object.defineProperty(row, name, { value, enumerable: true, writable: true, configurable: true });
      else row[name] = value;
    }
    return row;
  });
  return { columns, rows };
}

/** Splits the CSV into records, each with the line it starts on. */
function readRecords(bytes: Buffer, delimiter: string, file: string): RawRecord[] {
  const lines = new LineIndex(bytes);
  const records: RawRecord[] = [];
  let recordEnd = 0;
  const startLine = (): number => {
    let i = recordEnd;
    if (i === 0 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
    while (i < bytes.length && (bytes[i] === 10 || bytes[i] === 13)) i++;
    return lines.lineAt(i);
  };
  try {
    parse(bytes, {
      bom: true,
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      on_record: (fields: string[], context) => {
        const line = startLine();
        recordEnd = context.bytes;
        // A blank-looking line is a row only in a one-column seed (where it is a NULL).
        const width = records[0]?.fields.length;
        if (fields.length === 1 && fields[0]!.trim() === '' && (width === undefined || width > 1)) return null;
        records.push({ fields, line });
        return null;
      },
    });
  } catch (err) {
    if (err instanceof SeedError) throw err;
    const code = (err as { code?: unknown }).code;
    const detail =
      code === 'CSV_QUOTE_NOT_CLOSED'
        ? 'a quoted field is never closed (a " opened in the row starting here has no closing ")'
        : `malformed CSV: ${(err as Error).message}`;
    throw new SeedError(file, startLine(), detail, { cause: err });
  }
  return records;
}
