import { describe, expect, it } from 'vitest';
import { BasinError } from '../../core/errors.js';
import type { LogicalType } from '../../core/types.js';
import { PostgresDialect } from './postgres-dialect.js';
import { canonicalPgType } from './postgres-type-names.js';

const d = new PostgresDialect();
const t = { schema: 'analytics', name: 'orders' };
const src = { schema: 'analytics', name: 'orders__src' };

describe('PostgresDialect', () => {
  it('quotes identifiers, relations and parameters', () => {
    expect(d.name).toBe('postgres');
    expect(d.quoteIdentifier('Mixed Case')).toBe('"Mixed Case"');
    expect(d.quoteIdentifier('we"ird')).toBe('"we""ird"');
    expect(d.relation(t)).toBe('"analytics"."orders"');
    expect(d.relation({ database: 'test', schema: 's', name: 'n' })).toBe('"test"."s"."n"');
    expect(d.param(3)).toBe('$3');
    expect(() => d.param(1.5)).toThrow(BasinError);
  });

  it('quotes literals', () => {
    expect(d.quoteLiteral(null)).toBe('NULL');
    expect(d.quoteLiteral(true)).toBe('TRUE');
    expect(d.quoteLiteral(0)).toBe('0');
    expect(d.quoteLiteral(1e21)).toBe('1e+21');
    expect(d.quoteLiteral(Infinity)).toBe("CAST('Infinity' AS DOUBLE PRECISION)");
    expect(d.quoteLiteral(-5n)).toBe('-5');
    expect(d.quoteLiteral("a'b\\c")).toBe("'a''b\\c'");
    expect(d.quoteLiteral(new Date('2024-01-02T03:04:05.006Z'))).toBe("CAST('2024-01-02T03:04:05.006Z' AS TIMESTAMP WITH TIME ZONE)");
    expect(d.quoteLiteral(Buffer.from([0, 171, 255]))).toBe("CAST('\\x00abff' AS BYTEA)");
    expect(d.quoteLiteral({ k: [1, null] })).toBe(`CAST('{"k":[1,null]}' AS JSONB)`);
    expect(() => d.quoteLiteral(Symbol('x'))).toThrow(BasinError);
  });

  it('maps logical types both ways, in the canonical upper-case format_type() form', () => {
    const expected: Record<LogicalType, string> = {
      boolean: 'BOOLEAN',
      integer: 'INTEGER',
      bigint: 'BIGINT',
      double: 'DOUBLE PRECISION',
      decimal: 'NUMERIC',
      text: 'TEXT',
      date: 'DATE',
      time: 'TIME WITHOUT TIME ZONE',
      timestamp: 'TIMESTAMP WITHOUT TIME ZONE',
      timestamptz: 'TIMESTAMP WITH TIME ZONE',
      json: 'JSONB',
      binary: 'BYTEA',
    };
    for (const [logical, native] of Object.entries(expected) as [LogicalType, string][]) {
      expect(d.typeFor(logical)).toBe(native);
      expect(d.logicalTypeOf(native)).toBe(logical);
      expect(d.logicalTypeOf(native.toLowerCase())).toBe(logical);
    }
    expect(d.logicalTypeOf('NUMERIC(10,2)')).toBe('decimal');
    expect(d.logicalTypeOf('CHARACTER VARYING(20)')).toBe('text');
    expect(d.logicalTypeOf('CHARACTER(3)')).toBe('text');
    expect(d.logicalTypeOf('TIMESTAMP(3) WITHOUT TIME ZONE')).toBe('timestamp');
    expect(d.logicalTypeOf('TIMESTAMP(6) WITH TIME ZONE')).toBe('timestamptz');
    expect(d.logicalTypeOf('SMALLINT')).toBe('integer');
    expect(d.logicalTypeOf('REAL')).toBe('double');
    expect(d.logicalTypeOf('JSON')).toBe('json');
    expect(d.logicalTypeOf('TEXT[]')).toBe('json');
    expect(d.logicalTypeOf('UUID')).toBe('text');
    expect(d.logicalTypeOf('"MyEnum"')).toBe('text');
  });

  it('canonicalizes format_type() output', () => {
    expect(canonicalPgType('timestamp(3) without time zone')).toBe('TIMESTAMP(3) WITHOUT TIME ZONE');
    expect(canonicalPgType('character varying(20)[]')).toBe('CHARACTER VARYING(20)[]');
    expect(canonicalPgType('myschema."MyEnum"')).toBe('MYSCHEMA."MyEnum"');
  });

  it('writes schema and relation DDL', () => {
    expect(d.createSchema('s')).toBe('CREATE SCHEMA IF NOT EXISTS "s"');
    expect(d.createSchema('s', 'ignored_db')).toBe('CREATE SCHEMA IF NOT EXISTS "s"');
    expect(d.dropSchema('s')).toBe('DROP SCHEMA IF EXISTS "s" CASCADE');
    expect(d.createTableAs(t, 'SELECT 1 AS id;')).toBe('CREATE TABLE "analytics"."orders" AS (\nSELECT 1 AS id\n)');
    expect(() => d.createTableAs(t, 'SELECT 1', { replace: true })).toThrow(BasinError);
    expect(d.createViewAs(t, 'SELECT 1 AS id')).toBe('CREATE VIEW "analytics"."orders" AS (\nSELECT 1 AS id\n)');
    expect(d.createViewAs(t, 'SELECT 1 AS id', { replace: true })).toBe('CREATE OR REPLACE VIEW "analytics"."orders" AS (\nSELECT 1 AS id\n)');
    expect(
      d.createTable(t, [
        { name: 'id', type: 'INTEGER', nullable: false },
        { name: 'at', type: 'TIMESTAMP WITH TIME ZONE', nullable: true },
      ]),
    ).toBe('CREATE TABLE "analytics"."orders" (\n  "id" INTEGER NOT NULL,\n  "at" TIMESTAMP WITH TIME ZONE\n)');
    expect(d.dropRelation(t, 'table')).toBe('DROP TABLE IF EXISTS "analytics"."orders" CASCADE');
    expect(d.dropRelation(t, 'view')).toBe('DROP VIEW IF EXISTS "analytics"."orders" CASCADE');
    expect(d.renameRelation(t, 'orders__old', 'table')).toBe('ALTER TABLE "analytics"."orders" RENAME TO "orders__old"');
    expect(d.renameRelation(t, 'orders__old', 'view')).toBe('ALTER VIEW "analytics"."orders" RENAME TO "orders__old"');
  });

  it('writes column changes', () => {
    expect(d.addColumns(t, [{ name: 'a', type: 'TEXT' }])).toEqual(['ALTER TABLE "analytics"."orders" ADD COLUMN "a" TEXT']);
    expect(d.addColumns(t, [])).toEqual([]);
    expect(d.dropColumns(t, ['a'])).toEqual(['ALTER TABLE "analytics"."orders" DROP COLUMN "a"']);
    expect(d.alterColumnType(t, 'a', 'BIGINT')).toBe('ALTER TABLE "analytics"."orders" ALTER COLUMN "a" TYPE BIGINT USING CAST("a" AS BIGINT)');
  });

  it('writes insert and delete', () => {
    expect(d.insertSelect(t, ['id'], 'SELECT 1')).toBe('INSERT INTO "analytics"."orders" ("id")\nSELECT 1');
    expect(d.deleteWhere(t)).toBe('DELETE FROM "analytics"."orders"');
    expect(d.deleteWhere(t, 'id = 1')).toBe('DELETE FROM "analytics"."orders" WHERE id = 1');
  });

  it('writes MERGE (Postgres 15+) with single and composite keys', () => {
    expect(d.merge({ target: t, source: src, uniqueKey: ['id'], columns: ['id', 'v'] })).toEqual([
      [
        'MERGE INTO "analytics"."orders" AS "basin_target"',
        'USING "analytics"."orders__src" AS "basin_source"',
        'ON "basin_target"."id" = "basin_source"."id"',
        'WHEN MATCHED THEN UPDATE SET "v" = "basin_source"."v"',
        'WHEN NOT MATCHED THEN INSERT ("id", "v") VALUES ("basin_source"."id", "basin_source"."v")',
      ].join('\n'),
    ]);
    expect(d.merge({ target: t, source: src, uniqueKey: ['a', 'b'], columns: ['a', 'b', 'v', 'w'], updateColumns: ['w'] })).toEqual([
      [
        'MERGE INTO "analytics"."orders" AS "basin_target"',
        'USING "analytics"."orders__src" AS "basin_source"',
        'ON "basin_target"."a" = "basin_source"."a" AND "basin_target"."b" = "basin_source"."b"',
        'WHEN MATCHED THEN UPDATE SET "w" = "basin_source"."w"',
        'WHEN NOT MATCHED THEN INSERT ("a", "b", "v", "w") VALUES ("basin_source"."a", "basin_source"."b", "basin_source"."v", "basin_source"."w")',
      ].join('\n'),
    ]);
  });

  it('writes UPDATE + INSERT for servers without MERGE', () => {
    const pg14 = new PostgresDialect({ merge: false });
    expect(pg14.merge({ target: t, source: src, uniqueKey: ['id'], columns: ['id', 'v'] })).toEqual([
      'UPDATE "analytics"."orders" AS "basin_target"\nSET "v" = "basin_source"."v"\nFROM "analytics"."orders__src" AS "basin_source"\nWHERE "basin_target"."id" = "basin_source"."id"',
      'INSERT INTO "analytics"."orders" ("id", "v")\nSELECT "basin_source"."id", "basin_source"."v"\nFROM "analytics"."orders__src" AS "basin_source"\nWHERE NOT EXISTS (SELECT 1 FROM "analytics"."orders" AS "basin_target" WHERE "basin_target"."id" = "basin_source"."id")',
    ]);
    // Only keys: nothing to update, insert only.
    expect(pg14.merge({ target: t, source: src, uniqueKey: ['id'], columns: ['id'] })).toHaveLength(1);
  });

  it('writes delete+insert', () => {
    expect(d.deleteInsert({ target: t, source: src, uniqueKey: ['a', 'b'], columns: ['a', 'b', 'v'] })).toEqual([
      'DELETE FROM "analytics"."orders" AS "basin_target"\nWHERE EXISTS (SELECT 1 FROM "analytics"."orders__src" AS "basin_source" WHERE "basin_target"."a" = "basin_source"."a" AND "basin_target"."b" = "basin_source"."b")',
      'INSERT INTO "analytics"."orders" ("a", "b", "v")\nSELECT "a", "b", "v"\nFROM "analytics"."orders__src"',
    ]);
  });

  it('writes expressions', () => {
    expect(d.currentTimestamp()).toBe('CURRENT_TIMESTAMP');
    expect(d.cast('$1', 'INTEGER')).toBe('CAST($1 AS INTEGER)');
    expect(d.md5('x')).toBe('md5(CAST(x AS TEXT))');
    expect(d.concatText(['a', 'b'])).toBe("COALESCE(CAST(a AS TEXT), '') || COALESCE(CAST(b AS TEXT), '')");
    expect(d.emptySelect('SELECT 1 AS a')).toBe('SELECT * FROM (\nSELECT 1 AS a\n) AS "basin_empty" WHERE 1 = 0');
  });
});
