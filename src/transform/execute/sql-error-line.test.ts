import { describe, expect, it } from 'vitest';
import { BasinError, WarehouseError } from '../../core/errors.js';
import { compiledSqlErrorLine } from './sql-error-line.js';

const compiled = 'select\n  1 as a,\n  nosuchcol + 1 as b\nfrom t';

describe('compiledSqlErrorLine', () => {
  it("maps DuckDB's LINE n through the statement wrapper", () => {
    const sql = `CREATE VIEW "main"."m" AS (\n${compiled}\n)`;
    const err = new WarehouseError('Binder Error: column not found\n\nLINE 4:   nosuchcol + 1 as b', sql);
    expect(compiledSqlErrorLine(err, compiled)).toBe(3);
  });
  it("maps Postgres's character position, through wrapping errors", () => {
    const sql = `CREATE TABLE "s"."m__dbt_tmp" AS (\n${compiled}\n)`;
    const position = sql.indexOf('nosuchcol') + 1;
    const err = new BasinError('MATERIALIZATION', 'failed', { cause: new WarehouseError('column "nosuchcol" does not exist', sql, { cause: { position: String(position) } }) });
    expect(compiledSqlErrorLine(err, compiled)).toBe(3);
  });
  it('says nothing when the warehouse gave no position or the SQL is not the model', () => {
    expect(compiledSqlErrorLine(new WarehouseError('boom', 'select 1'), compiled)).toBeUndefined();
    expect(compiledSqlErrorLine(new Error('x'), compiled)).toBeUndefined();
  });
});
