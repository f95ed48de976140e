/** Seed CSV reading and dbt-compatible type inference (pure; the caller reads the file). */
export { parseSeedCsv } from './parse-seed-csv.js';
export type { ParseSeedOptions, SeedColumn, SeedTable } from './seed-table.js';
export { SeedColumnTypeInferrer, convertSeedValue } from './seed-column-type.js';
export { SeedError } from './seed-error.js';
export { isSeedNull, SEED_NULL_VALUES } from './seed-null.js';
export { parseSeedNumber } from './seed-number.js';
export type { SeedNumber } from './seed-number.js';
export { parseSeedDate, parseSeedTimestamp } from './seed-temporal.js';
export type { SeedTimestamp } from './seed-temporal.js';
export { parseSeedBoolean } from './seed-boolean.js';
