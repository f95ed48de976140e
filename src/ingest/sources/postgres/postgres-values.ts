/**
 * How Postgres values become record values (text protocol parsers by type
 * OID), and the column type hints the loader gets. The mapping is documented
 * in docs/sources/postgres.md.
 */
import pg from 'pg';
import type { LogicalType } from '../../../core/types.js';

type Parser = (text: string) => unknown;

const identity: Parser = (s) => s;

const int8: Parser = (s) => {
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : s;
};
const int: Parser = (s) => Number(s);
const float: Parser = (s) => {
  const n = Number(s);
  return Number.isFinite(n) ? n : s;
};
const bool: Parser = (s) => s === 't';
/** `2024-01-02 03:04:05.123456` -> `2024-01-02T03:04:05.123456` (no zone). */
const timestamp: Parser = (s) => (s.length > 10 && s.charCodeAt(10) === 32 ? `${s.slice(0, 10)}T${s.slice(11)}` : s);
/** With the session in UTC: `2024-01-02 03:04:05.12+00` -> `2024-01-02T03:04:05.12Z`. */
const timestamptz: Parser = (s) => {
  if (s.length > 10 && s.charCodeAt(10) === 32 && s.endsWith('+00')) return `${s.slice(0, 10)}T${s.slice(11, -3)}Z`;
  return timestamp(s);
};
const json: Parser = (s) => JSON.parse(s) as unknown;
const bytea: Parser = (s) => (s.startsWith('\\x') ? Buffer.from(s.slice(2), 'hex').toString('base64') : s);

/** Type OIDs (pg_type.oid) Basin parses itself. */
const PARSERS: Record<number, Parser> = {
  16: bool,
  17: bytea,
  20: int8,
  21: int,
  23: int,
  26: int,
  114: json,
  700: float,
  701: float,
  1082: identity,
  1083: identity,
  1114: timestamp,
  1184: timestamptz,
  1186: identity,
  1266: identity,
  1700: identity,
  3802: json,
};

const defaultParser = pg.types.getTypeParser as (oid: number, format: 'text' | 'binary') => Parser;

/** The `types` option of a pg client reading source rows. */
export const sourceTypes = {
  getTypeParser(oid: number, format: 'text' | 'binary' = 'text'): Parser {
    if (format === 'text') {
      const own = PARSERS[oid];
      if (own) return own;
    }
    return defaultParser(oid, format);
  },
};

const HINTS: Record<number, LogicalType> = {
  16: 'boolean',
  20: 'bigint',
  21: 'integer',
  23: 'integer',
  26: 'bigint',
  700: 'double',
  701: 'double',
  1700: 'decimal',
  25: 'text',
  1042: 'text',
  1043: 'text',
  19: 'text',
  2950: 'text',
  1082: 'date',
  1083: 'time',
  1114: 'timestamp',
  1184: 'timestamptz',
  // interval and timetz values stay text (ISO 8601 / `12:00:00+02`), hinted so typed CSV can carry them
  1186: 'text',
  1266: 'text',
};

/** The loader's type hint for a column of this type OID (none for json, arrays, bytea and others: inferred). */
export function columnHint(oid: number): LogicalType | undefined {
  return HINTS[oid];
}
