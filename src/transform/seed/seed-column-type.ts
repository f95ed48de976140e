import type { LogicalType } from '../../core/types.js';
import { parseSeedBoolean } from './seed-boolean.js';
import { isSeedNull } from './seed-null.js';
import { parseSeedNumber } from './seed-number.js';
import { parseSeedDate, parseSeedTimestamp } from './seed-temporal.js';

const INT32_MIN = -(2n ** 31n);
const INT32_MAX = 2n ** 31n - 1n;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * Infers one seed column's type the way dbt's agate TypeTester does: a type
 * survives while every non-null value parses as it, and the first survivor in
 * the order number, date, timestamp, boolean, text wins. Numbers become
 * `integer` when all are whole and fit 32 bits, `bigint` when they fit 64
 * bits, else `double`. A column with no non-null value is `integer`, as in dbt.
 */
export class SeedColumnTypeInferrer {
  #number = true;
  #integral = true;
  #min = 0n;
  #max = 0n;
  #date = true;
  #timestamp = true;
  #zoned = false;
  #boolean = true;

  /** Feeds one raw field. */
  observe(raw: string): void {
    if (isSeedNull(raw)) return;
    if (this.#number) {
      const n = parseSeedNumber(raw);
      if (n === undefined) this.#number = false;
      else if (this.#integral) {
        if (n.integer === undefined) this.#integral = false;
        else {
          if (n.integer < this.#min) this.#min = n.integer;
          if (n.integer > this.#max) this.#max = n.integer;
        }
      }
    }
    if (this.#date && parseSeedDate(raw) === undefined) this.#date = false;
    if (this.#timestamp) {
      const t = parseSeedTimestamp(raw);
      if (t === undefined) this.#timestamp = false;
      else if (t.zoned) this.#zoned = true;
    }
    if (this.#boolean && parseSeedBoolean(raw) === undefined) this.#boolean = false;
  }

  /** The inferred type. */
  result(): LogicalType {
    if (this.#number) {
      if (!this.#integral) return 'double';
      if (this.#min >= INT32_MIN && this.#max <= INT32_MAX) return 'integer';
      if (this.#min >= INT64_MIN && this.#max <= INT64_MAX) return 'bigint';
      return 'double';
    }
    if (this.#date) return 'date';
    if (this.#timestamp) return this.#zoned ? 'timestamptz' : 'timestamp';
    if (this.#boolean) return 'boolean';
    return 'text';
  }
}

/**
 * Converts a raw field to the JS value of its column's type: null for NULLs,
 * numbers (bigint when an integer is beyond 2^53), booleans, `YYYY-MM-DD`
 * strings for dates, Date for timestamps, and the field unchanged for text.
 */
export function convertSeedValue(raw: string, type: LogicalType): unknown {
  if (isSeedNull(raw)) return null;
  switch (type) {
    case 'integer':
    case 'bigint': {
      const n = parseSeedNumber(raw)!.integer!;
      return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
    }
    case 'double':
      return parseSeedNumber(raw)!.double;
    case 'date':
      return parseSeedDate(raw)!;
    case 'timestamp':
    case 'timestamptz':
      return parseSeedTimestamp(raw)!.value;
    case 'boolean':
      return parseSeedBoolean(raw)!;
    default:
      return raw;
  }
}
