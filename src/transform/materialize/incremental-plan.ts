import { BasinError } from '../../core/errors.js';
import type { TableRef } from '../../core/types.js';
import type { SqlDialect } from '../../warehouse/dialect.js';

/** Incremental strategies Basin supports (dbt's names). */
export type IncrementalStrategy = 'append' | 'merge' | 'delete+insert';

const STRATEGIES: readonly IncrementalStrategy[] = ['append', 'merge', 'delete+insert'];

/** Validates the `incremental_strategy` config; the default depends on whether a unique key is set. */
export function resolveIncrementalStrategy(
  configured: unknown,
  uniqueKey: string[],
  modelName: string,
): IncrementalStrategy {
  if (configured === undefined || configured === null || configured === '') {
    return uniqueKey.length > 0 ? 'delete+insert' : 'append';
  }
  if (typeof configured === 'string' && (STRATEGIES as readonly string[]).includes(configured)) {
    const strategy = configured as IncrementalStrategy;
    if (strategy !== 'append' && uniqueKey.length === 0) {
      throw new BasinError('MATERIALIZATION', `model ${modelName}: incremental_strategy '${strategy}' needs a unique_key`);
    }
    return strategy;
  }
  throw new BasinError(
    'MATERIALIZATION',
    `model ${modelName}: incremental_strategy must be one of ${STRATEGIES.join(', ')} (got ${JSON.stringify(configured)})`,
  );
}

/** Normalizes `unique_key` (a column, a comma-free list, or a list) to column names. */
export function normalizeUniqueKey(value: unknown): string[] {
  if (value === undefined || value === null || value === '') return [];
  if (Array.isArray(value)) return value.map((v) => String(v).trim()).filter(Boolean);
  return [String(value).trim()];
}

/**
 * A query that counts rows of `source` with a NULL in any key column. A merge
 * on a NULL key would silently duplicate rows, so the runner checks this first.
 */
export function nullKeyCheckSql(dialect: SqlDialect, source: TableRef, uniqueKey: string[]): string {
  const cond = uniqueKey.map((k) => `${dialect.quoteIdentifier(k)} is null`).join(' or ');
  return `select count(*) as null_keys from ${dialect.relation(source)} where ${cond}`;
}

/**
 * A query that counts key values appearing more than once in `source`: a
 * merge would otherwise fail in the warehouse with an unclear message, or
 * (delete+insert) insert duplicates.
 */
export function duplicateKeyCheckSql(dialect: SqlDialect, source: TableRef, uniqueKey: string[]): string {
  const keys = uniqueKey.map((k) => dialect.quoteIdentifier(k)).join(', ');
  return `select count(*) as duplicate_keys from (select ${keys} from ${dialect.relation(source)} group by ${keys} having count(*) > 1) as d`;
}

/** Statements that load the staged rows into the target with the strategy (run in one transaction). */
export function planIncrementalLoad(
  dialect: SqlDialect,
  strategy: IncrementalStrategy,
  target: TableRef,
  staged: TableRef,
  columns: string[],
  uniqueKey: string[],
): string[] {
  if (strategy === 'append') {
    const cols = columns.map((c) => dialect.quoteIdentifier(c)).join(', ');
    return [dialect.insertSelect(target, columns, `select ${cols} from ${dialect.relation(staged)}`)];
  }
  const spec = { target, source: staged, uniqueKey, columns };
  return strategy === 'merge' ? dialect.merge(spec) : dialect.deleteInsert(spec);
}
