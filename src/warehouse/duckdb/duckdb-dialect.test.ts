import { describe, expect, it } from 'vitest';
import { BasinError } from '../../core/errors.js';
import type { LogicalType } from '../../core/types.js';
import { DuckDbDialect } from './duckdb-dialect.js';

const d = new DuckDbDialect();
const t = { schema: 'analytics', name: 'orders' };
const src = { schema: 'analytics', name: 'orders__src' };

describe('DuckDbDialect', () => {
  it('quotes identifiers, relations and parameters', () => {
    expect(d.name).toBe('duckdb');
    expect(d.quoteIdentifier('plain')).toBe('"plain"');
    expect(d.quoteIdentifier('we"ird')).toBe('"we""ird"');
    expect(d.relation(t)).toBe('"analytics"."orders"');
    expect(d.relation({ database: 'wh', schema: 's"x', name: 'n' })).toBe('"wh"."s""x"."n"');
    expect(d.param(1)).toBe('$1');
    expect(d.param(12)).toBe('$12');
    expect(() => d.param(0)).toThrow(BasinError);
  });

  it('quotes literals', () => {
    expect(d.quoteLiteral(null)).toBe('NULL');
    expect(d.quoteLiteral(undefined)).toBe('NULL');
    expect(d.quoteLiteral(true)).toBe('TRUE');
    expect(d.quoteLiteral(false)).toBe('FALSE');
    expect(d.quoteLiteral(42)).toBe('42');
    expect(d.quoteLiteral(-1.5)).toBe('-1.5');
    expect(d.quoteLiteral(NaN)).toBe("CAST('NaN' AS DOUBLE)");
    expect(d.quoteLiteral(-Infinity)).toBe("CAST('-Infinity' AS DOUBLE)");
    expect(d.quoteLiteral(12345678901234567890n)).toBe('12345678901234567890');
    expect(d.quoteLiteral("O'Reilly \\ \"x\"")).toBe("'O''Reilly \\ \"x\"'");
    expect(d.quoteLiteral(new Date('2024-01-02T03:04:05.006Z'))).toBe("CAST('2024-01-02T03:04:05.006Z' AS TIMESTAMP WITH TIME ZONE)");
    expect(d.quoteLiteral(new Uint8Array([0, 171, 255]))).toBe("CAST('\\x00\\xAB\\xFF' AS BLOB)");
    expect(d.quoteLiteral({ a: "it's" })).toBe(`CAST('{"a":"it''s"}' AS JSON)`);
    expect(d.quoteLiteral([1, 2])).toBe("CAST('[1,2]' AS JSON)");
    expect(() => d.quoteLiteral(new Date(NaN))).toThrow(BasinError);
    expect(() => d.quoteLiteral(() => 1)).toThrow(BasinError);
  });

  it('maps logical types both ways', () => {
    const expected: Record<LogicalType, string> = {
      boolean: 'BOOLEAN',
      integer: 'INTEGER',
      bigint: 'BIGINT',
      double: 'DOUBLE',
      decimal: 'DECIMAL(38,9)',
      text: 'VARCHAR',
      date: 'DATE',
      time: 'TIME',
      timestamp: 'TIMESTAMP',
      timestamptz: 'TIMESTAMP WITH TIME ZONE',
      json: 'JSON',
      binary: 'BLOB',
    };
    for (const [logical, native] of Object.entries(expected) as [LogicalType, string][]) {
      expect(d.typeFor(logical)).toBe(native);
      expect(d.logicalTypeOf(native)).toBe(logical);
    }
    expect(d.logicalTypeOf('DECIMAL(10,2)')).toBe('decimal');
    expect(d.logicalTypeOf('hugeint')).toBe('bigint');
    expect(d.logicalTypeOf('SMALLINT')).toBe('integer');
    expect(d.logicalTypeOf('FLOAT')).toBe('double');
    expect(d.logicalTypeOf('TIMESTAMPTZ')).toBe('timestamptz');
    expect(d.logicalTypeOf('TIMESTAMP_NS')).toBe('timestamp');
    expect(d.logicalTypeOf('UUID')).toBe('text');
    expect(d.logicalTypeOf('INTEGER[]')).toBe('json');
    expect(d.logicalTypeOf('STRUCT("a" INTEGER)')).toBe('json');
    expect(d.logicalTypeOf('MAP(VARCHAR, INTEGER)')).toBe('json');
    expect(d.logicalTypeOf('INTERVAL')).toBe('text');
  });

  it('writes schema and relation DDL', () => {
    expect(d.createSchema('s')).toBe('CREATE SCHEMA IF NOT EXISTS "s"');
    expect(d.createSchema('s', 'wh')).toBe('CREATE SCHEMA IF NOT EXISTS "wh"."s"');
    expect(d.dropSchema('s')).toBe('DROP SCHEMA IF EXISTS "s" CASCADE');
    expect(d.dropSchema('s', 'wh')).toBe('DROP SCHEMA IF EXISTS "wh"."s" CASCADE');
    expect(d.createTableAs(t, 'SELECT 1 AS id;\n')).toBe('CREATE TABLE "analytics"."orders" AS (\nSELECT 1 AS id\n)');
    expect(d.createTableAs(t, 'SELECT 1 AS id', { replace: true })).toBe('CREATE OR REPLACE TABLE "analytics"."orders" AS (\nSELECT 1 AS id\n)');
    expect(d.createViewAs(t, 'SELECT 1 AS id -- note')).toBe('CREATE VIEW "analytics"."orders" AS (\nSELECT 1 AS id -- note\n)');
    expect(d.createViewAs(t, 'SELECT 1 AS id', { replace: true })).toBe('CREATE OR REPLACE VIEW "analytics"."orders" AS (\nSELECT 1 AS id\n)');
    expect(
      d.createTable(t, [
        { name: 'id', type: 'INTEGER', nullable: false },
        { name: 'note', type: 'VARCHAR' },
      ]),
    ).toBe('CREATE TABLE "analytics"."orders" (\n  "id" INTEGER NOT NULL,\n  "note" VARCHAR\n)');
    expect(() => d.createTable(t, [])).toThrow(BasinError);
    expect(d.dropRelation(t, 'table')).toBe('DROP TABLE IF EXISTS "analytics"."orders" CASCADE');
    expect(d.dropRelation(t, 'view')).toBe('DROP VIEW IF EXISTS "analytics"."orders" CASCADE');
    expect(d.renameRelation(t, 'orders__old', 'table')).toBe('ALTER TABLE "analytics"."orders" RENAME TO "orders__old"');
    expect(d.renameRelation(t, 'orders__old', 'view')).toBe('ALTER VIEW "analytics"."orders" RENAME TO "orders__old"');
  });

  it('writes column changes', () => {
    expect(d.addColumns(t, [{ name: 'a', type: 'VARCHAR' }, { name: 'b', type: 'BIGINT', nullable: false }])).toEqual([
      'ALTER TABLE "analytics"."orders" ADD COLUMN "a" VARCHAR',
      'ALTER TABLE "analytics"."orders" ADD COLUMN "b" BIGINT NOT NULL',
    ]);
    expect(d.dropColumns(t, ['a', 'b'])).toEqual([
      'ALTER TABLE "analytics"."orders" DROP COLUMN "a"',
      'ALTER TABLE "analytics"."orders" DROP COLUMN "b"',
    ]);
    expect(d.alterColumnType(t, 'a', 'BIGINT')).toBe('ALTER TABLE "analytics"."orders" ALTER COLUMN "a" SET DATA TYPE BIGINT');
  });

  it('writes insert and delete', () => {
    expect(d.insertSelect(t, ['id', 'note'], 'SELECT * FROM x;')).toBe('INSERT INTO "analytics"."orders" ("id", "note")\nSELECT * FROM x');
    expect(d.deleteWhere(t)).toBe('DELETE FROM "analytics"."orders"');
    expect(d.deleteWhere(t, '  ')).toBe('DELETE FROM "analytics"."orders"');
    expect(d.deleteWhere(t, 'id > 3')).toBe('DELETE FROM "analytics"."orders" WHERE id > 3');
  });

  it('writes MERGE with single and composite keys', () => {
    expect(d.merge({ target: t, source: src, uniqueKey: ['id'], columns: ['id', 'note', 'n'] })).toEqual([
      [
        'MERGE INTO "analytics"."orders" AS "basin_target"',
        'USING "analytics"."orders__src" AS "basin_source"',
        'ON "basin_target"."id" = "basin_source"."id"',
        'WHEN MATCHED THEN UPDATE SET "note" = "basin_source"."note", "n" = "basin_source"."n"',
        'WHEN NOT MATCHED THEN INSERT ("id", "note", "n") VALUES ("basin_source"."id", "basin_source"."note", "basin_source"."n")',
      ].join('\n'),
    ]);
    expect(d.merge({ target: t, source: src, uniqueKey: ['a', 'b'], columns: ['a', 'b', 'v'], updateColumns: ['v'] })).toEqual([
      [
        'MERGE INTO "analytics"."orders" AS "basin_target"',
        'USING "analytics"."orders__src" AS "basin_source"',
        'ON "basin_target"."a" = "basin_source"."a" AND "basin_target"."b" = "basin_source"."b"',
        'WHEN MATCHED THEN UPDATE SET "v" = "basin_source"."v"',
        'WHEN NOT MATCHED THEN INSERT ("a", "b", "v") VALUES ("basin_source"."a", "basin_source"."b", "basin_source"."v")',
      ].join('\n'),
    ]);
    expect(d.merge({ target: t, source: src, uniqueKey: ['id'], columns: ['id'] })).toEqual([
      [
        'MERGE INTO "analytics"."orders" AS "basin_target"',
        'USING "analytics"."orders__src" AS "basin_source"',
        'ON "basin_target"."id" = "basin_source"."id"',
        'WHEN NOT MATCHED THEN INSERT ("id") VALUES ("basin_source"."id")',
      ].join('\n'),
    ]);
    expect(() => d.merge({ target: t, source: src, uniqueKey: [], columns: ['id'] })).toThrow(BasinError);
  });

  it('writes the UPDATE + INSERT fallback when MERGE is off', () => {
    const old = new DuckDbDialect({ merge: false });
    expect(old.merge({ target: t, source: src, uniqueKey: ['a', 'b'], columns: ['a', 'b', 'v'] })).toEqual([
      [
        'UPDATE "analytics"."orders" AS "basin_target"',
        'SET "v" = "basin_source"."v"',
        'FROM "analytics"."orders__src" AS "basin_source"',
        'WHERE "basin_target"."a" = "basin_source"."a" AND "basin_target"."b" = "basin_source"."b"',
      ].join('\n'),
      [
        'INSERT INTO "analytics"."orders" ("a", "b", "v")',
        'SELECT "basin_source"."a", "basin_source"."b", "basin_source"."v"',
        'FROM "analytics"."orders__src" AS "basin_source"',
        'WHERE NOT EXISTS (SELECT 1 FROM "analytics"."orders" AS "basin_target" WHERE "basin_target"."a" = "basin_source"."a" AND "basin_target"."b" = "basin_source"."b")',
      ].join('\n'),
    ]);
  });

  it('writes delete+insert with single and composite keys', () => {
    expect(d.deleteInsert({ target: t, source: src, uniqueKey: ['id'], columns: ['id', 'v'] })).toEqual([
      'DELETE FROM "analytics"."orders" AS "basin_target"\nWHERE EXISTS (SELECT 1 FROM "analytics"."orders__src" AS "basin_source" WHERE "basin_target"."id" = "basin_source"."id")',
      'INSERT INTO "analytics"."orders" ("id", "v")\nSELECT "id", "v"\nFROM "analytics"."orders__src"',
    ]);
    expect(d.deleteInsert({ target: t, source: src, uniqueKey: ['a', 'b'], columns: ['a', 'b'] })[0]).toBe(
      'DELETE FROM "analytics"."orders" AS "basin_target"\nWHERE EXISTS (SELECT 1 FROM "analytics"."orders__src" AS "basin_source" WHERE "basin_target"."a" = "basin_source"."a" AND "basin_target"."b" = "basin_source"."b")',
    );
    expect(() => d.deleteInsert({ target: t, source: src, uniqueKey: ['id'], columns: [] })).toThrow(BasinError);
  });

  it('writes expressions', () => {
    expect(d.currentTimestamp()).toBe('CURRENT_TIMESTAMP');
    expect(d.cast('x', 'BIGINT')).toBe('CAST(x AS BIGINT)');
    expect(d.md5('"name"')).toBe('md5(CAST("name" AS VARCHAR))');
    expect(d.concatText(['a', "'-'", 'b'])).toBe("COALESCE(CAST(a AS VARCHAR), '') || COALESCE(CAST('-' AS VARCHAR), '') || COALESCE(CAST(b AS VARCHAR), '')");
    expect(d.concatText([])).toBe("''");
    expect(d.emptySelect('SELECT 1 AS a;')).toBe('SELECT * FROM (\nSELECT 1 AS a\n) AS "basin_empty" WHERE 1 = 0');
  });
});
