/**
 * zod schemas of property-file (schema.yml) entries. Objects are loose:
 * unknown keys are reported as warnings by the parser, not rejected.
 */
import { z } from 'zod';

const text = z.string().nullish().transform((v) => v ?? '');
const stringOrList = z.union([z.string(), z.array(z.string())]);
const record = z.record(z.string(), z.unknown());
const tests = z.array(z.unknown()).nullish();

/** One entry of a column's or model's `constraints:` (dbt's constraint properties). */
export const constraintSchema = z.looseObject({
  type: z.enum(['check', 'not_null', 'unique', 'primary_key', 'foreign_key', 'custom']),
  name: z.string().nullish(),
  expression: z.union([z.string(), z.number(), z.boolean()]).nullish(),
  columns: z.array(z.string()).nullish(),
  to: z.string().nullish(),
  to_columns: z.array(z.string()).nullish(),
  warn_unenforced: z.boolean().nullish(),
  warn_unsupported: z.boolean().nullish(),
});

/** A column of a model, seed, snapshot, analysis or source table. */
export const columnSchema = z.looseObject({
  name: z.string(),
  description: text,
  data_type: z.string().nullish(),
  meta: record.nullish(),
  tags: stringOrList.nullish(),
  quote: z.boolean().nullish(),
  tests,
  data_tests: tests,
  config: record.nullish(),
  constraints: z.array(z.unknown()).nullish(),
  granularity: z.string().nullish(),
  policy_tags: z.array(z.string()).nullish(),
});
export const COLUMN_KEYS = Object.keys(columnSchema.shape);

/** A `models:`/`seeds:`/`snapshots:`/`analyses:`/`data_tests:` entry. */
export const nodeEntrySchema = z.looseObject({
  name: z.string(),
  description: text,
  columns: z.array(z.unknown()).nullish(),
  tests,
  data_tests: tests,
  config: record.nullish(),
  tags: stringOrList.nullish(),
  meta: record.nullish(),
  docs: record.nullish(),
  access: z.string().nullish(),
  group: z.string().nullish(),
  constraints: z.array(z.unknown()).nullish(),
  latest_version: z.unknown().optional(),
  versions: z.array(z.unknown()).nullish(),
  deprecation_date: z.unknown().optional(),
  time_spine: z.unknown().optional(),
  relation: z.string().nullish(),
});
export const NODE_KEYS = Object.keys(nodeEntrySchema.shape);

/** An entry of a model's `versions:`. */
export const modelVersionSchema = z.looseObject({
  v: z.union([z.string(), z.number()]),
  defined_in: z.string().nullish(),
  description: z.string().nullish(),
  columns: z.array(z.unknown()).nullish(),
  config: record.nullish(),
});

/** Keys a source and each of its tables both accept (the table's win). */
const sourceSharedFields = {
  loaded_at_field: z.string().nullish(),
  loaded_at_query: z.string().nullish(),
  freshness: z.unknown().optional(),
  meta: record.nullish(),
  tags: stringOrList.nullish(),
  quoting: record.nullish(),
};

/** A table of a source. */
export const sourceTableSchema = z.looseObject({
  name: z.string(),
  description: text,
  identifier: z.string().nullish(),
  ...sourceSharedFields,
  external: z.unknown().optional(),
  columns: z.array(z.unknown()).nullish(),
  tests,
  data_tests: tests,
  config: record.nullish(),
  docs: record.nullish(),
});
export const SOURCE_TABLE_KEYS = Object.keys(sourceTableSchema.shape);

/** A `sources:` entry. */
export const sourceSchema = z.looseObject({
  name: z.string(),
  description: text,
  database: z.string().nullish(),
  schema: z.string().nullish(),
  loader: z.string().nullish(),
  ...sourceSharedFields,
  config: record.nullish(),
  overrides: z.string().nullish(),
  tables: z.array(z.unknown()).nullish(),
});
export const SOURCE_KEYS = Object.keys(sourceSchema.shape);

/** A `macros:` entry. */
export const macroEntrySchema = z.looseObject({
  name: z.string(),
  description: text,
  arguments: z.array(z.unknown()).nullish(),
  docs: record.nullish(),
  meta: record.nullish(),
  config: record.nullish(),
});

/** An `exposures:` entry. */
export const exposureSchema = z.looseObject({
  name: z.string(),
  type: z.enum(['dashboard', 'notebook', 'analysis', 'ml', 'application']),
  owner: z.looseObject({ name: z.string().nullish(), email: z.string().nullish() }),
  depends_on: z.array(z.string()).nullish(),
  description: text,
  label: z.string().nullish(),
  maturity: z.enum(['high', 'medium', 'low']).nullish(),
  url: z.string().nullish(),
  meta: record.nullish(),
  tags: stringOrList.nullish(),
  config: record.nullish(),
});
