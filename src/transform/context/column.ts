/**
 * dbt's Column as templates see it (what `adapter.get_columns_in_relation`
 * returns): `name`, `column`, `dtype`, `data_type`, `quoted`, `char_size`,
 * and the predicates packages call (`is_string()`, `is_number()`,
 * `string_size()`, ...), e.g. dbt_utils.union_relations widening a column.
 */
import type { SqlDialect } from '../../warehouse/dialect.js';

const STRING = /^(text|varchar|character varying|char|character|string|bpchar|nvarchar)\b/i;
const INTEGER = /^(tinyint|smallint|integer|int|int2|int4|int8|bigint|hugeint|utinyint|usmallint|uinteger|ubigint|serial|bigserial)\b/i;
const FLOAT = /^(real|float|float4|float8|double|double precision)\b/i;
const NUMERIC = /^(numeric|decimal)\b/i;

export class Column {
  readonly name: string;
  readonly column: string;
  readonly dtype: string;
  readonly quoted: string;
  /** The declared length of a string type (`varchar(40)`), else null. */
  readonly char_size: number | null;

  constructor(name: string, type: string, dialect: SqlDialect) {
    this.name = name;
    this.column = name;
    this.dtype = type;
    this.quoted = dialect.quoteIdentifier(name);
    const size = /\((\d+)\)/.exec(type);
    this.char_size = STRING.test(type) && size ? Number(size[1]) : null;
  }

  get data_type(): string {
    return this.dtype;
  }
  is_string(): boolean {
    return STRING.test(this.dtype);
  }
  is_integer(): boolean {
    return INTEGER.test(this.dtype);
  }
  is_float(): boolean {
    return FLOAT.test(this.dtype);
  }
  is_numeric(): boolean {
    return NUMERIC.test(this.dtype);
  }
  is_number(): boolean {
    return this.is_integer() || this.is_float() || this.is_numeric();
  }
  /** dbt: the string length, 256 when the type has none. */
  string_size(): number {
    return this.char_size ?? 256;
  }
  /** `value` cast to this column's type. */
  literal(value: unknown): string {
    return `cast(${String(value)} as ${this.dtype})`;
  }
  toString(): string {
    return `<Column ${this.name} (${this.dtype})>`;
  }
}
