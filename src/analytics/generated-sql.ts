import type { SqlDialect } from '../warehouse/dialect.js';

/** A statement and its positional parameters: values are always bound, never pasted into the text. */
export interface GeneratedSql {
  sql: string;
  params: unknown[];
}

/** Collects parameters while SQL is assembled; `add` returns the placeholder. */
export class SqlParams {
  readonly values: unknown[] = [];
  constructor(private readonly dialect: SqlDialect) {}

  add(value: unknown): string {
    this.values.push(value);
    return this.dialect.param(this.values.length);
  }
}
