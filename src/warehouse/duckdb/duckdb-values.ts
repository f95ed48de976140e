import {
  DuckDBBlobValue,
  type DuckDBDateValue,
  DuckDBTimestampTZValue,
  DuckDBTypeId,
  JSDuckDBValueConverter,
  arrayFromArrayValue,
  arrayFromListValue,
  createDuckDBValueConverter,
  doubleFromDecimalValue,
  objectArrayFromMapValue,
  objectFromStructValue,
  objectFromUnionValue,
  type DuckDBType,
  type DuckDBValue,
  type DuckDBValueConverter,
  type JS,
} from '@duckdb/node-api';
import { safeInteger } from '../integers.js';

type Converter = DuckDBValueConverter<unknown>;

/** Integers wider than 32 bits: number when safe, else bigint. */
const wideInteger: Converter = (value) => (typeof value === 'bigint' ? safeInteger(value) : Number(value));

/** TIME, TIME WITH TIME ZONE, INTERVAL: DuckDB's own text form. */
const asText: Converter = (value) => String(value);

/** DATE as 'YYYY-MM-DD'; +/-infinity as 'infinity'/'-infinity' (Postgres's spelling). */
const date: Converter = (value) => {
  const v = value as DuckDBDateValue;
  if (v.isFinite === false) return v.days > 0 ? 'infinity' : '-infinity';
  return String(v);
};

/** Any timestamp kind: a JS Date (UTC); +/-infinity become +/-Infinity as pg does. */
const timestamp: Converter = (value, type, converter) => {
  const v = value as { isFinite?: boolean; toString(): string };
  if (v.isFinite === false) return v.toString().startsWith('-') ? -Infinity : Infinity;
  return JSDuckDBValueConverter(value, type, converter as DuckDBValueConverter<JS>);
};

/** VARCHAR; the JSON alias is parsed (as pg parses json/jsonb), invalid JSON stays text. */
const varchar: Converter = (value, type) => {
  const text = String(value);
  if (type.alias !== 'JSON') return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};

const OVERRIDES: Partial<Record<DuckDBTypeId, Converter>> = {
  [DuckDBTypeId.BIGINT]: wideInteger,
  [DuckDBTypeId.UBIGINT]: wideInteger,
  [DuckDBTypeId.HUGEINT]: wideInteger,
  [DuckDBTypeId.UHUGEINT]: wideInteger,
  [DuckDBTypeId.BIGNUM]: wideInteger,
  [DuckDBTypeId.DECIMAL]: doubleFromDecimalValue,
  [DuckDBTypeId.DATE]: date,
  [DuckDBTypeId.TIME]: asText,
  [DuckDBTypeId.TIME_NS]: asText,
  [DuckDBTypeId.TIME_TZ]: asText,
  [DuckDBTypeId.INTERVAL]: asText,
  [DuckDBTypeId.TIMESTAMP]: timestamp,
  [DuckDBTypeId.TIMESTAMP_S]: timestamp,
  [DuckDBTypeId.TIMESTAMP_MS]: timestamp,
  [DuckDBTypeId.TIMESTAMP_NS]: timestamp,
  [DuckDBTypeId.TIMESTAMP_TZ]: timestamp,
  [DuckDBTypeId.VARCHAR]: varchar,
  [DuckDBTypeId.LIST]: arrayFromListValue,
  [DuckDBTypeId.ARRAY]: arrayFromArrayValue,
  [DuckDBTypeId.STRUCT]: objectFromStructValue,
  [DuckDBTypeId.MAP]: objectArrayFromMapValue,
  [DuckDBTypeId.UNION]: objectFromUnionValue,
};

const fallback: Converter = (value, type, converter) => JSDuckDBValueConverter(value, type, converter as DuckDBValueConverter<JS>);

const byTypeId = Object.fromEntries(
  Object.values(DuckDBTypeId)
    .filter((id): id is DuckDBTypeId => typeof id === 'number')
    .map((id) => [id, OVERRIDES[id] ?? fallback]),
) as Record<DuckDBTypeId, Converter>;

/**
 * Converts DuckDB values to Basin's JS value contract (the same JS types the
 * Postgres warehouse returns): integers -> number when safe else bigint,
 * DECIMAL -> number, DATE/TIME/INTERVAL -> text, TIMESTAMP[TZ] -> Date,
 * JSON -> parsed value, BLOB -> Uint8Array, LIST/STRUCT -> arrays/objects.
 */
export const basinValueConverter: DuckDBValueConverter<unknown> = createDuckDBValueConverter(byTypeId);

/** The native type name DuckDB reports for a result column (JSON alias kept). */
export function duckDbTypeName(type: DuckDBType): string {
  return type.alias ?? type.toString();
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/**
 * A JS query parameter as a DuckDB value: Date -> TIMESTAMP WITH TIME ZONE,
 * integers beyond 32 bits -> BIGINT, Uint8Array -> BLOB, plain objects and
 * arrays -> JSON text, undefined -> NULL.
 */
export function toDuckDbParam(value: unknown): DuckDBValue {
  if (value === undefined || value === null) return null;
  switch (typeof value) {
    case 'boolean':
    case 'string':
    case 'bigint':
      return value;
    case 'number':
      if (Number.isInteger(value) && (value < INT32_MIN || value > INT32_MAX)) return BigInt(value);
      return value;
    default:
      break;
  }
  if (value instanceof Date) return new DuckDBTimestampTZValue(BigInt(value.getTime()) * 1000n);
  if (value instanceof Uint8Array) return new DuckDBBlobValue(value);
  return JSON.stringify(value);
}
