import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import {
  DuckDBBlobValue,
  DuckDBDateValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  DuckDBTypeId,
  type DuckDBAppender,
  type DuckDBType,
} from '@duckdb/node-api';
import { WarehouseError, errorMessage } from '../../core/errors.js';
import type { Row } from '../../core/types.js';

/** Writes one non-null value into the appender's current column. */
type Writer = (appender: DuckDBAppender, value: unknown) => void;

const MS_PER_DAY = 86_400_000;
/** Rows between abort checks (and yields to the event loop). */
const CHECK_EVERY = 8192;

/** Anything as text: Dates as ISO-8601, objects and arrays as JSON. */
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Values DuckDB should cast from text themselves (strings, decimals, nested types). */
const viaText: Writer = (a, v) => a.appendVarchar(text(v));

function integerWriter(append: (a: DuckDBAppender, n: number) => void): Writer {
  return (a, v) => (typeof v === 'number' && Number.isInteger(v) ? append(a, v) : a.appendVarchar(text(v)));
}

const writeBigInt: Writer = (a, v) => {
  if (typeof v === 'bigint') a.appendBigInt(v);
  else if (typeof v === 'number' && Number.isInteger(v)) a.appendBigInt(BigInt(v));
  else a.appendVarchar(text(v));
};

const writeDouble: Writer = (a, v) => (typeof v === 'number' ? a.appendDouble(v) : a.appendVarchar(text(v)));

const writeBoolean: Writer = (a, v) => (typeof v === 'boolean' ? a.appendBoolean(v) : a.appendVarchar(text(v)));

const writeDate: Writer = (a, v) => {
  if (v instanceof Date) a.appendDate(new DuckDBDateValue(Math.floor(v.getTime() / MS_PER_DAY)));
  else a.appendVarchar(text(v));
};

const writeTimestamp: Writer = (a, v) => {
  if (v instanceof Date) a.appendTimestamp(new DuckDBTimestampValue(BigInt(v.getTime()) * 1000n));
  else a.appendVarchar(text(v));
};

const writeTimestampTz: Writer = (a, v) => {
  if (v instanceof Date) a.appendTimestampTZ(new DuckDBTimestampTZValue(BigInt(v.getTime()) * 1000n));
  else a.appendVarchar(text(v));
};

const writeBlob: Writer = (a, v) => {
  if (v instanceof Uint8Array) a.appendBlob(v);
  else a.appendBlob(DuckDBBlobValue.fromString(text(v)).bytes);
};

/** JSON columns: the row value is the JSON value, so a JS string becomes a JSON string. */
const writeJson: Writer = (a, v) => a.appendVarchar(JSON.stringify(v));

/** The writer for a column of `type`. */
export function writerFor(type: DuckDBType): Writer {
  if (type.alias === 'JSON') return writeJson;
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return writeBoolean;
    case DuckDBTypeId.TINYINT:
      return integerWriter((a, n) => a.appendTinyInt(n));
    case DuckDBTypeId.SMALLINT:
      return integerWriter((a, n) => a.appendSmallInt(n));
    case DuckDBTypeId.INTEGER:
      return integerWriter((a, n) => a.appendInteger(n));
    case DuckDBTypeId.BIGINT:
      return writeBigInt;
    case DuckDBTypeId.DOUBLE:
      return writeDouble;
    case DuckDBTypeId.VARCHAR:
      return (a, v) => a.appendVarchar(text(v));
    case DuckDBTypeId.DATE:
      return writeDate;
    case DuckDBTypeId.TIMESTAMP:
      return writeTimestamp;
    case DuckDBTypeId.TIMESTAMP_TZ:
      return writeTimestampTz;
    case DuckDBTypeId.BLOB:
      return writeBlob;
    default:
      return viaText;
  }
}

/** Where each table column's value comes from: a row key, or the column default. */
export interface AppendPlan {
  /** Per table column (in table order): the row key to read, or undefined for DEFAULT. */
  keys: (string | undefined)[];
  writers: Writer[];
}

/**
 * Appends `rows` through `appender`, typed per column, checking `signal`
 * every few thousand rows. Returns the number of rows appended. Memory stays
 * bounded: the appender flushes full chunks into the table as it goes.
 */
export async function appendRows(
  appender: DuckDBAppender,
  plan: AppendPlan,
  rows: Iterable<Row> | AsyncIterable<Row>,
  target: string,
  signal?: AbortSignal,
): Promise<number> {
  let count = 0;
  for await (const row of rows) {
    for (let i = 0; i < plan.keys.length; i++) {
      const key = plan.keys[i];
      if (key === undefined) {
        appender.appendDefault();
        continue;
      }
      const value = row[key];
      try {
        if (value === null || value === undefined) appender.appendNull();
        else plan.writers[i]!(appender, value);
      } catch (err) {
        throw new WarehouseError(`bulk load into ${target} failed at row ${count + 1}, column "${key}": ${errorMessage(err)}`, undefined, { cause: err });
      }
    }
    appender.endRow();
    count++;
    if (count % CHECK_EVERY === 0) {
      await yieldToEventLoop();
      if (signal?.aborted) throw new WarehouseError(`bulk load into ${target} was cancelled`, undefined, { code: 'ABORTED', cause: signal.reason });
    }
  }
  return count;
}
