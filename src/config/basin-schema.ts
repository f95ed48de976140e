/**
 * The zod schema of basin.yml. Values arrive as strings when they come from
 * `${env:...}`, so numbers and booleans accept their string spellings.
 */
import { z } from 'zod';
import { runStoreConfigSchema } from './run-store-config.js';

const toNumber = (v: unknown): unknown => (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : v);
const toBoolean = (v: unknown): unknown => (v === 'true' ? true : v === 'false' ? false : v);

const int = (min: number, max = Number.MAX_SAFE_INTEGER) => z.preprocess(toNumber, z.number().int().min(min).max(max));
const bool = () => z.preprocess(toBoolean, z.boolean());
const stringList = z.union([z.string().transform((s) => [s]), z.array(z.string())]);

/** Lowercase identifier: the project name. */
export const BASIN_NAME_PATTERN = /^[a-z_][a-z0-9_]*$/;

const duckdb = z.strictObject({
  type: z.literal('duckdb'),
  path: z.string().min(1).default('warehouse.duckdb'),
  threads: int(1).optional(),
});

const postgres = z.strictObject({
  type: z.literal('postgres'),
  host: z.string().min(1).default('127.0.0.1'),
  port: int(1, 65535).default(5432),
  user: z.string().min(1),
  password: z.string().optional(),
  database: z.string().min(1),
  ssl: bool().optional(),
  pool_size: int(1).optional(),
});

/** `warehouse:` of basin.yml. */
export const warehouseSchema = z.discriminatedUnion('type', [duckdb, postgres]);

const paths = z.strictObject({
  models: stringList.optional(),
  seeds: stringList.optional(),
  snapshots: stringList.optional(),
  macros: stringList.optional(),
  tests: stringList.optional(),
  analyses: stringList.optional(),
  docs: stringList.optional(),
  target: z.string().min(1).optional(),
  packages: z.string().min(1).optional(),
});

const looseRecord = z.record(z.string(), z.unknown());

/** basin.yml. */
export const basinFileSchema = z.strictObject({
  name: z.string().regex(BASIN_NAME_PATTERN, {
    message: 'must be lowercase letters, digits and underscores, not starting with a digit',
  }),
  warehouse: warehouseSchema.optional(),
  schema: z.string().min(1).optional(),
  target: z.string().min(1).optional(),
  threads: int(1, 1024).optional(),
  vars: looseRecord.default({}),
  paths: paths.optional(),
  jobs: looseRecord.optional(),
  run_store: runStoreConfigSchema.optional(),
  freshness: z.array(z.unknown()).optional(),
  alerts: looseRecord.optional(),
  server: looseRecord.optional(),
  smtp: looseRecord.optional(),
  analytics: looseRecord.optional(),
});

/** basin.yml after validation (defaults applied). */
export type BasinFile = z.output<typeof basinFileSchema>;
