import type { LogicalType } from '../../core/types.js';

/** The column types the loader infers from record values. */
export type InferredType = Extract<LogicalType, 'boolean' | 'bigint' | 'double' | 'text' | 'timestamptz' | 'json'>;

/**
 * The type of a scalar JSON-ish value: booleans, safe integers -> bigint,
 * other numbers -> double, bigint -> bigint, strings -> text (ISO-8601
 * strings stay text: detection is brittle and lossy across formats; a
 * `columns` hint of `timestamptz` loads them as timestamps), Dates ->
 * timestamptz, anything else -> json. Null/undefined have no type.
 */
export function typeOfValue(value: unknown): InferredType | undefined {
  switch (typeof value) {
    case 'boolean':
      return 'boolean';
    case 'number':
      return Number.isSafeInteger(value) ? 'bigint' : Number.isFinite(value) ? 'double' : 'text';
    case 'bigint':
      return 'bigint';
    case 'string':
      return 'text';
    case 'undefined':
      return undefined;
    default:
      if (value === null) return undefined;
      if (value instanceof Date) return 'timestamptz';
      return 'json';
  }
}

/** How a value of one type lands in a column of another. */
export type Fit =
  /** Stored as is (possibly converted losslessly, e.g. 1 -> 1.0 or 7 -> '7'). */
  | { kind: 'store'; value: unknown }
  /** The column must widen to `to` first (bigint -> double). */
  | { kind: 'widen'; to: LogicalType; value: unknown }
  /** The value goes to the variant column `<col>__v_<type>`. */
  | { kind: 'variant'; type: InferredType };

/**
 * Where `value` (of type `valueType`) goes in a column of `columnType`.
 * Never fails: incompatible values get a variant column.
 */
export function fitValue(columnType: LogicalType, valueType: InferredType, value: unknown): Fit {
  if (columnType === valueType) return { kind: 'store', value };
  switch (columnType) {
    case 'json':
      return { kind: 'store', value };
    case 'text':
      if (valueType === 'json') return { kind: 'variant', type: 'json' };
      return { kind: 'store', value: value instanceof Date ? value.toISOString() : String(value) };
    case 'double':
    case 'decimal':
      if (valueType === 'bigint') return { kind: 'store', value: Number(value) };
      // Exact decimals arrive as strings (e.g. Postgres numeric): the warehouse casts them without loss.
      if (valueType === 'text' && NUMBER_TEXT.test(value as string)) return { kind: 'store', value };
      break;
    case 'bigint':
    case 'integer':
      if (valueType === 'double') return { kind: 'widen', to: 'double', value };
      // Integers beyond 2^53 arrive as strings to stay exact.
      if (valueType === 'text' && INTEGER_TEXT.test(value as string)) return { kind: 'store', value };
      break;
    case 'timestamptz':
    case 'timestamp':
      // Stored as written: the warehouse parses it, so microseconds survive and a
      // timestamp without a zone stays the wall time it names (no local-zone shift).
      if (valueType === 'text' && TIMESTAMP_TEXT.test(value as string)) return { kind: 'store', value };
      break;
    case 'date':
      if (valueType === 'text' && DATE_TEXT.test(value as string)) return { kind: 'store', value };
      break;
    default:
      break;
  }
  return { kind: 'variant', type: valueType };
}

const NUMBER_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const INTEGER_TEXT = /^[+-]?\d+$/;
const DATE_TEXT = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP_TEXT = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?)?\s*(Z|[+-]\d{2}(:?\d{2})?)?$/i;

/** The variant column of `column` for values of `type`. */
export function variantColumn(column: string, type: InferredType): string {
  return `${column}__v_${type}`;
}
