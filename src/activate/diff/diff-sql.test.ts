import { describe, expect, it } from 'vitest';
import { DuckDbDialect } from '../../warehouse/duckdb/duckdb-dialect.js';
import { PostgresDialect } from '../../warehouse/postgres/postgres-dialect.js';
import { applyOutcomesSql, createOutcomeStagingSql } from './outcome-sql.js';
import { planCountsSql, planSql, rejectCountsSql, rejectsSql } from './plan-sql.js';
import { planPageSql } from './read-plan-sql.js';
import { createStateSql } from './state-sql.js';
import { syncTables, type SyncDiffSpec } from './sync-diff-spec.js';

const duck = new DuckDbDialect();
const pg = new PostgresDialect();
const tables = syncTables('crm');
const composite: SyncDiffSpec = {
  sync: 'crm',
  source: { relation: { schema: 'marts', name: 'users' } },
  key: ['org', 'id'],
  payload: [
    { column: 'email', field: 'Email' },
    { column: 'plan', field: 'plan' },
  ],
  mode: 'mirror',
};
const single: SyncDiffSpec = {
  sync: 'crm',
  source: { sql: 'select id, email from marts.users;' },
  key: ['id'],
  payload: [{ column: 'email', field: 'Email' }],
  mode: 'upsert',
};
const staging = { schema: '_basin_activate', name: 'crm__out_ab12' };

describe('activation diff SQL (golden)', () => {
  it('creates the state schema and table', () => {
    expect(createStateSql(duck, tables)).toEqual([
      `CREATE SCHEMA IF NOT EXISTS "_basin_activate"`,
      `CREATE TABLE IF NOT EXISTS "_basin_activate"."crm" (
  "key" VARCHAR PRIMARY KEY,
  "delivered_hash" VARCHAR,
  "delivered_at" TIMESTAMP WITH TIME ZONE,
  "failed_hash" VARCHAR,
  "error" VARCHAR,
  "attempts" INTEGER NOT NULL DEFAULT 0,
  "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
  "run_id" VARCHAR
)`,
    ]);
  });

  it('writes rejected rows (NULL and duplicated keys) with the whole row as JSON', () => {
    expect(rejectsSql(duck, single, tables)).toEqual([
      `DROP TABLE IF EXISTS "_basin_activate"."crm__rejects" CASCADE`,
      `CREATE TABLE "_basin_activate"."crm__rejects" AS (
WITH "basin_dups" AS (
  SELECT CAST("basin_src"."id" AS VARCHAR) AS "key"
  FROM (
select id, email from marts.users
) AS "basin_src"
  GROUP BY 1
  HAVING COUNT(*) > 1
)
SELECT CAST("basin_src"."id" AS VARCHAR) AS "key",
  CASE WHEN CAST("basin_src"."id" AS VARCHAR) IS NULL THEN 'null_key' ELSE 'duplicate_key' END AS "reason",
  to_json("basin_src") AS "row"
FROM (
select id, email from marts.users
) AS "basin_src"
WHERE CAST("basin_src"."id" AS VARCHAR) IS NULL OR CAST("basin_src"."id" AS VARCHAR) IN (SELECT "key" FROM "basin_dups" WHERE "key" IS NOT NULL)
)`,
    ]);
  });

  it('plans adds, changes and removes for a composite key in mirror mode', () => {
    expect(planSql(duck, composite, tables)).toEqual([
      `DROP TABLE IF EXISTS "_basin_activate"."crm__plan" CASCADE`,
      `CREATE TABLE "_basin_activate"."crm__plan" AS (
WITH "basin_rows" AS (
  SELECT CASE WHEN "basin_src"."org" IS NULL OR "basin_src"."id" IS NULL THEN NULL ELSE CAST(length(CAST("basin_src"."org" AS VARCHAR)) AS VARCHAR) || ':' || CAST("basin_src"."org" AS VARCHAR) || '|' || CAST(length(CAST("basin_src"."id" AS VARCHAR)) AS VARCHAR) || ':' || CAST("basin_src"."id" AS VARCHAR) END AS "_basin_key",
    md5(CAST(ROW(CAST("basin_src"."email" AS VARCHAR), CAST("basin_src"."plan" AS VARCHAR)) AS VARCHAR)) AS "_basin_hash",
    "basin_src"."email" AS "Email",
    "basin_src"."plan" AS "plan"
  FROM "marts"."users" AS "basin_src"
  WHERE CASE WHEN "basin_src"."org" IS NULL OR "basin_src"."id" IS NULL THEN NULL ELSE CAST(length(CAST("basin_src"."org" AS VARCHAR)) AS VARCHAR) || ':' || CAST("basin_src"."org" AS VARCHAR) || '|' || CAST(length(CAST("basin_src"."id" AS VARCHAR)) AS VARCHAR) || ':' || CAST("basin_src"."id" AS VARCHAR) END IS NOT NULL
)
SELECT ROW_NUMBER() OVER (ORDER BY CASE "_basin_op" WHEN 'add' THEN 1 WHEN 'change' THEN 2 ELSE 3 END, "_basin_key") AS "_basin_seq", "_basin_op", "_basin_key", "_basin_hash", "Email", "plan"
FROM (
  SELECT CASE WHEN "basin_rows"."_basin_key" IS NULL THEN 'remove' WHEN "basin_state"."delivered_hash" IS NULL THEN 'add' ELSE 'change' END AS "_basin_op",
    COALESCE("basin_rows"."_basin_key", "basin_state"."key") AS "_basin_key", "basin_rows"."_basin_hash" AS "_basin_hash", "basin_rows"."Email", "basin_rows"."plan"
  FROM "basin_rows"
  FULL JOIN "_basin_activate"."crm" AS "basin_state" ON "basin_state"."key" = "basin_rows"."_basin_key"
  WHERE ("basin_rows"."_basin_key" IS NULL AND "basin_state"."delivered_hash" IS NOT NULL)
     OR ("basin_rows"."_basin_key" IS NOT NULL AND "basin_rows"."_basin_key" NOT IN (SELECT "key" FROM "_basin_activate"."crm__rejects" WHERE "key" IS NOT NULL) AND ("basin_state"."delivered_hash" IS NULL OR "basin_state"."delivered_hash" <> "basin_rows"."_basin_hash" OR "basin_state"."attempts" > 0))
) AS "basin_plan"
ORDER BY "_basin_seq"
)`,
      `CREATE INDEX "crm__plan_seq" ON "_basin_activate"."crm__plan" ("_basin_seq")`,
    ]);
  });

  it('plans adds and changes (no removes) for a SQL source in upsert mode', () => {
    expect(planSql(pg, single, tables)[1]).toBe(`CREATE TABLE "_basin_activate"."crm__plan" AS (
WITH "basin_rows" AS (
  SELECT CAST("basin_src"."id" AS TEXT) AS "_basin_key",
    md5(CAST(ROW(CAST("basin_src"."email" AS TEXT)) AS TEXT)) AS "_basin_hash",
    "basin_src"."email" AS "Email"
  FROM (
select id, email from marts.users
) AS "basin_src"
  WHERE CAST("basin_src"."id" AS TEXT) IS NOT NULL
)
SELECT ROW_NUMBER() OVER (ORDER BY CASE "_basin_op" WHEN 'add' THEN 1 WHEN 'change' THEN 2 ELSE 3 END, "_basin_key") AS "_basin_seq", "_basin_op", "_basin_key", "_basin_hash", "Email"
FROM (
  SELECT CASE WHEN "basin_state"."delivered_hash" IS NULL THEN 'add' ELSE 'change' END AS "_basin_op",
    "basin_rows"."_basin_key" AS "_basin_key", "basin_rows"."_basin_hash" AS "_basin_hash", "basin_rows"."Email"
  FROM "basin_rows"
  LEFT JOIN "_basin_activate"."crm" AS "basin_state" ON "basin_state"."key" = "basin_rows"."_basin_key"
  WHERE "basin_rows"."_basin_key" NOT IN (SELECT "key" FROM "_basin_activate"."crm__rejects" WHERE "key" IS NOT NULL) AND ("basin_state"."delivered_hash" IS NULL OR "basin_state"."delivered_hash" <> "basin_rows"."_basin_hash" OR "basin_state"."attempts" > 0)
) AS "basin_plan"
ORDER BY "_basin_seq"
)`);
  });

  it('plans every row on a full resync, adds only in insert mode', () => {
    expect(planSql(pg, { ...single, fullResync: true }, tables)[1]).toBe(`CREATE TABLE "_basin_activate"."crm__plan" AS (
WITH "basin_rows" AS (
  SELECT CAST("basin_src"."id" AS TEXT) AS "_basin_key",
    md5(CAST(ROW(CAST("basin_src"."email" AS TEXT)) AS TEXT)) AS "_basin_hash",
    "basin_src"."email" AS "Email"
  FROM (
select id, email from marts.users
) AS "basin_src"
  WHERE CAST("basin_src"."id" AS TEXT) IS NOT NULL
)
SELECT ROW_NUMBER() OVER (ORDER BY CASE "_basin_op" WHEN 'add' THEN 1 WHEN 'change' THEN 2 ELSE 3 END, "_basin_key") AS "_basin_seq", "_basin_op", "_basin_key", "_basin_hash", "Email"
FROM (
  SELECT CASE WHEN "basin_state"."delivered_hash" IS NULL THEN 'add' ELSE 'change' END AS "_basin_op",
    "basin_rows"."_basin_key" AS "_basin_key", "basin_rows"."_basin_hash" AS "_basin_hash", "basin_rows"."Email"
  FROM "basin_rows"
  LEFT JOIN "_basin_activate"."crm" AS "basin_state" ON "basin_state"."key" = "basin_rows"."_basin_key"
  WHERE "basin_rows"."_basin_key" NOT IN (SELECT "key" FROM "_basin_activate"."crm__rejects" WHERE "key" IS NOT NULL)
) AS "basin_plan"
ORDER BY "_basin_seq"
)`);
    expect(planSql(pg, { ...single, mode: 'insert', fullResync: true }, tables)[1]).toBe(`CREATE TABLE "_basin_activate"."crm__plan" AS (
WITH "basin_rows" AS (
  SELECT CAST("basin_src"."id" AS TEXT) AS "_basin_key",
    md5(CAST(ROW(CAST("basin_src"."email" AS TEXT)) AS TEXT)) AS "_basin_hash",
    "basin_src"."email" AS "Email"
  FROM (
select id, email from marts.users
) AS "basin_src"
  WHERE CAST("basin_src"."id" AS TEXT) IS NOT NULL
)
SELECT ROW_NUMBER() OVER (ORDER BY CASE "_basin_op" WHEN 'add' THEN 1 WHEN 'change' THEN 2 ELSE 3 END, "_basin_key") AS "_basin_seq", "_basin_op", "_basin_key", "_basin_hash", "Email"
FROM (
  SELECT CASE WHEN "basin_state"."delivered_hash" IS NULL THEN 'add' ELSE 'change' END AS "_basin_op",
    "basin_rows"."_basin_key" AS "_basin_key", "basin_rows"."_basin_hash" AS "_basin_hash", "basin_rows"."Email"
  FROM "basin_rows"
  LEFT JOIN "_basin_activate"."crm" AS "basin_state" ON "basin_state"."key" = "basin_rows"."_basin_key"
  WHERE "basin_rows"."_basin_key" NOT IN (SELECT "key" FROM "_basin_activate"."crm__rejects" WHERE "key" IS NOT NULL) AND "basin_state"."delivered_hash" IS NULL
) AS "basin_plan"
ORDER BY "_basin_seq"
)`);
    const insertOnly = planSql(pg, { ...single, mode: 'insert' }, tables)[1];
    expect(insertOnly).toBe(planSql(pg, { ...single, mode: 'insert', fullResync: true }, tables)[1]);
    expect(planSql(pg, { ...single, mode: 'update' }, tables)).toEqual(planSql(pg, single, tables));
  });

  it('counts the plan per op and the rejects per reason', () => {
    expect([planCountsSql(duck, tables), rejectCountsSql(duck, tables)]).toEqual([
      `SELECT "_basin_op" AS "op", COUNT(*) AS "n" FROM "_basin_activate"."crm__plan" GROUP BY 1`,
      `SELECT "reason", COUNT(*) AS "n" FROM "_basin_activate"."crm__rejects" GROUP BY 1`,
    ]);
  });

  it('stages outcomes and applies them set-based', () => {
    expect(createOutcomeStagingSql(pg, staging)).toEqual([
      `DROP TABLE IF EXISTS "_basin_activate"."crm__out_ab12" CASCADE`,
      `CREATE TABLE "_basin_activate"."crm__out_ab12" (
  "key" TEXT,
  "op" TEXT,
  "payload_hash" TEXT,
  "succeeded" BOOLEAN,
  "error" TEXT
)`,
    ]);
    expect(applyOutcomesSql(pg, tables, staging, "run'1")).toEqual([
      `DELETE FROM "_basin_activate"."crm"
WHERE EXISTS (SELECT 1 FROM "_basin_activate"."crm__out_ab12" AS "basin_out" WHERE "basin_out"."key" = "_basin_activate"."crm"."key" AND "basin_out"."succeeded" AND "basin_out"."op" = 'remove')`,
      `UPDATE "_basin_activate"."crm" AS "basin_state"
SET "delivered_hash" = "basin_out"."payload_hash", "delivered_at" = CURRENT_TIMESTAMP, "failed_hash" = NULL, "error" = NULL, "attempts" = 0, "updated_at" = CURRENT_TIMESTAMP, "run_id" = 'run''1'
FROM "_basin_activate"."crm__out_ab12" AS "basin_out"
WHERE "basin_out"."key" = "basin_state"."key" AND "basin_out"."succeeded" AND NOT ("basin_out"."op" = 'remove')`,
      `UPDATE "_basin_activate"."crm" AS "basin_state"
SET "failed_hash" = "basin_out"."payload_hash", "error" = "basin_out"."error", "attempts" = "basin_state"."attempts" + 1, "updated_at" = CURRENT_TIMESTAMP, "run_id" = 'run''1'
FROM "_basin_activate"."crm__out_ab12" AS "basin_out"
WHERE "basin_out"."key" = "basin_state"."key" AND NOT "basin_out"."succeeded"`,
      `INSERT INTO "_basin_activate"."crm" ("key", "delivered_hash", "delivered_at", "failed_hash", "error", "attempts", "updated_at", "run_id")
SELECT "basin_out"."key",
  CASE WHEN "basin_out"."succeeded" THEN "basin_out"."payload_hash" END,
  CASE WHEN "basin_out"."succeeded" THEN CURRENT_TIMESTAMP END,
  CASE WHEN "basin_out"."succeeded" THEN NULL ELSE "basin_out"."payload_hash" END,
  CASE WHEN "basin_out"."succeeded" THEN NULL ELSE "basin_out"."error" END,
  CASE WHEN "basin_out"."succeeded" THEN 0 ELSE 1 END,
  CURRENT_TIMESTAMP, 'run''1'
FROM "_basin_activate"."crm__out_ab12" AS "basin_out"
WHERE NOT ("basin_out"."op" = 'remove') AND NOT EXISTS (SELECT 1 FROM "_basin_activate"."crm" AS "basin_state" WHERE "basin_state"."key" = "basin_out"."key")`,
    ]);
  });

  it('pages the plan by keyset on _basin_seq', () => {
    expect(planPageSql(duck, tables, ['Email', 'plan'], 500)).toBe(`SELECT "_basin_seq", "_basin_op", "_basin_key", "_basin_hash", "Email", "plan"
FROM "_basin_activate"."crm__plan"
WHERE "_basin_op" = $1 AND "_basin_seq" > CAST($2 AS BIGINT)
ORDER BY "_basin_seq"
LIMIT 500`);
  });
});
