import pg from 'pg';
import { safeIntegerFromText } from '../integers.js';

/** Postgres type OIDs Basin parses differently from pg's defaults. */
const OID = {
  int8: 20,
  numeric: 1700,
  date: 1082,
  timestamp: 1114,
  timestamptz: 1184,
  interval: 1186,
  int8Array: 1016,
  numericArray: 1231,
  dateArray: 1182,
  timestampArray: 1115,
} as const;

type Parser = (text: string) => unknown;

/** pg's (global, default) parser registry, read-only here. */
const getParser = pg.types.getTypeParser as (oid: number, format: 'text' | 'binary') => unknown;
const parseTimestampTz = getParser(OID.timestamptz, 'text') as Parser;

/** TIMESTAMP (no time zone) read as UTC, not as the process's local time. */
function parseTimestampUtc(text: string): unknown {
  if (text === 'infinity') return Infinity;
  if (text === '-infinity') return -Infinity;
  // `2024-01-02 03:04:05.123456[ BC]` -> insert the UTC offset before any era suffix.
  return text.endsWith(' BC') ? parseTimestampTz(`${text.slice(0, -3)}+00 BC`) : parseTimestampTz(`${text}+00`);
}

const identity: Parser = (text) => text;

/** pg's text[] parser splits any array literal into (nested) strings and nulls. */
const parseTextArray = getParser(1009, 'text') as (text: string) => unknown;
const deepMap = (value: unknown, item: Parser): unknown =>
  Array.isArray(value) ? value.map((v) => deepMap(v, item)) : value === null ? null : item(value as string);
const array = (item: Parser): Parser => (text) => deepMap(parseTextArray(text), item);

const TEXT_PARSERS = new Map<number, Parser>([
  [OID.int8, safeIntegerFromText],
  [OID.numeric, Number.parseFloat],
  [OID.date, identity],
  [OID.timestamp, parseTimestampUtc],
  [OID.interval, identity],
  [OID.int8Array, array(safeIntegerFromText)],
  [OID.numericArray, array(Number.parseFloat)],
  [OID.dateArray, array(identity)],
  [OID.timestampArray, array(parseTimestampUtc)],
]);

/**
 * Per-client type parsers (never pg's global registry, which other code may
 * share): BIGINT -> number when safe else bigint, NUMERIC -> number, DATE ->
 * 'YYYY-MM-DD', TIMESTAMP -> Date read as UTC, INTERVAL -> text. Everything
 * else keeps pg's defaults (json/jsonb parsed, bytea -> Buffer, TIME -> text).
 */
export const basinPgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary'): Parser {
    if (format !== 'binary') {
      const parser = TEXT_PARSERS.get(oid);
      if (parser) return parser;
    }
    return getParser(oid, format ?? 'text') as Parser;
  },
} as unknown as pg.CustomTypesConfig;

/**
 * A JS query parameter as pg should send it: bigint as text, Date as UTC
 * ISO-8601 (so a TIMESTAMP column stores the UTC wall time), Uint8Array as
 * Buffer, plain objects and arrays as JSON text, undefined as NULL.
 */
export function toPgParam(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return value;
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (typeof value === 'object') return JSON.stringify(value);
  return value;
}
