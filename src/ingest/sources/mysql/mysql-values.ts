/**
 * How MySQL / MariaDB values become record values. mysql2 already returns
 * numbers (BIGINT beyond 2^53 and DECIMAL as strings), parsed JSON (MySQL's
 * JSON type and MariaDB's JSON alias) and, with `dateStrings`, the server's
 * date/time text; this module converts what remains per column: TINYINT(1)
 * to boolean, DATETIME / TIMESTAMP to ISO-8601, binary strings to base64,
 * BIT to a number. The mapping is documented in docs/sources/mysql.md.
 */
import type { LogicalType } from '../../../core/types.js';

/** The column metadata mysql2 reports (a subset of its FieldPacket). */
export interface MysqlField {
  name: string;
  columnType?: number | undefined;
  columnLength?: number | undefined;
  characterSet?: number | undefined;
  flags?: number | undefined;
}

type Convert = (value: unknown) => unknown;

const T = {
  DECIMAL: 0, TINY: 1, SHORT: 2, LONG: 3, FLOAT: 4, DOUBLE: 5, TIMESTAMP: 7, LONGLONG: 8, INT24: 9, DATE: 10,
  TIME: 11, DATETIME: 12, YEAR: 13, BIT: 16, NEWDECIMAL: 246, TINY_BLOB: 249, MEDIUM_BLOB: 250, LONG_BLOB: 251,
  BLOB: 252, VAR_STRING: 253, STRING: 254,
} as const;
const BINARY_CHARSET = 63;
const UNSIGNED_FLAG = 32;

const isoLocal = (v: unknown): unknown =>
  typeof v === 'string' && v.length > 10 && v.charCodeAt(10) === 32 ? `${v.slice(0, 10)}T${v.slice(11)}` : v;
const isoUtc = (v: unknown): unknown => {
  const s = isoLocal(v);
  return typeof s === 'string' && s.length > 10 && !s.startsWith('0000') ? `${s}Z` : s;
};
const bool = (v: unknown): unknown => (typeof v === 'number' ? v !== 0 : v);
const base64 = (v: unknown): unknown => (Buffer.isBuffer(v) ? v.toString('base64') : v);
const bits = (v: unknown): unknown => {
  if (!Buffer.isBuffer(v)) return v;
  if (v.length > 6) return v.toString('hex');
  return v.length === 0 ? 0 : v.readUIntBE(0, v.length);
};

function isBoolean(f: MysqlField): boolean {
  return f.columnType === T.TINY && f.columnLength === 1;
}

function isBinaryString(f: MysqlField): boolean {
  const t = f.columnType ?? -1;
  return f.characterSet === BINARY_CHARSET && ((t >= T.TINY_BLOB && t <= T.STRING) || t === 15);
}

/** The converter of a column, or undefined when mysql2's value is already right. */
function converterFor(f: MysqlField): Convert | undefined {
  if (isBoolean(f)) return bool;
  switch (f.columnType) {
    case T.DATETIME:
      return isoLocal;
    case T.TIMESTAMP:
      return isoUtc;
    case T.BIT:
      return f.columnLength === 1 ? (v) => bool(bits(v)) : bits;
  }
  return isBinaryString(f) ? base64 : undefined;
}

/** A function that rewrites, in place, the columns of a row that need converting (identity when none do). */
export function rowConverter(fields: MysqlField[]): (row: Record<string, unknown>) => Record<string, unknown> {
  const todo: Array<[string, Convert]> = [];
  for (const f of fields) {
    const c = converterFor(f);
    if (c) todo.push([f.name, c]);
  }
  if (todo.length === 0) return (row) => row;
  return (row) => {
    for (const [name, c] of todo) {
      const v = row[name];
      if (v !== null && v !== undefined) row[name] = c(v);
    }
    return row;
  };
}

/** The loader's type hint for a column (none for JSON, binary, BIT and others: inferred). */
export function mysqlColumnHint(f: MysqlField): LogicalType | undefined {
  if (isBoolean(f)) return 'boolean';
  const unsigned = ((f.flags ?? 0) & UNSIGNED_FLAG) !== 0;
  switch (f.columnType) {
    case T.TINY:
    case T.SHORT:
    case T.INT24:
    case T.YEAR:
      return 'integer';
    case T.LONG:
      return unsigned ? 'bigint' : 'integer';
    case T.LONGLONG:
      return unsigned ? undefined : 'bigint';
    case T.FLOAT:
    case T.DOUBLE:
      return 'double';
    case T.DECIMAL:
    case T.NEWDECIMAL:
      return 'decimal';
    case T.DATE:
      return 'date';
    case T.TIME:
      return 'time';
    case T.DATETIME:
      return 'timestamp';
    case T.TIMESTAMP:
      return 'timestamptz';
    case T.VAR_STRING:
    case T.STRING:
      return isBinaryString(f) ? undefined : 'text';
  }
  return undefined;
}
