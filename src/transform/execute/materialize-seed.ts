import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { BasinError, errorMessage } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { ColumnDef, TableRef } from '../../core/types.js';
import type { Warehouse } from '../../warehouse/warehouse.js';
import { backupRelation, tempRelation } from '../materialize/relation-names.js';
import type { ProjectNode } from '../project/types.js';
import { parseSeedCsv } from '../seed/index.js';
import type { MaterializeOutcome } from './materialize-model.js';
import type { RelationCache } from './relation-cache.js';
import { runAtomically } from './run-statements.js';

/** Inputs of {@link materializeSeed}. */
export interface SeedInput {
  warehouse: Warehouse;
  relations: RelationCache;
  node: ProjectNode;
  target: TableRef;
  rootDir: string;
  logger: Logger;
  signal?: AbortSignal | undefined;
}

/**
 * Loads a seed CSV: infers column types (overridden by `column_types`),
 * creates a new table under a temp name, bulk-loads the rows and swaps it in
 * atomically, so readers see the old rows or the new ones, never a mix.
 */
export async function materializeSeed(input: SeedInput): Promise<MaterializeOutcome> {
  const { warehouse, relations, node, target, signal } = input;
  const d = warehouse.dialect;
  const file = node.filePath ?? node.originalFilePath;
  const text = await readFile(path.join(input.rootDir, file), 'utf8');
  const overrides = (node.config.column_types ?? {}) as Record<string, string>;
  const seed = parseSeedCsv(text, {
    file,
    delimiter: typeof node.config.delimiter === 'string' ? node.config.delimiter : ',',
    columnTypes: overrides,
  });
  const columns: ColumnDef[] = seed.columns.map((c) => ({
    name: c.name,
    type: c.nativeTypeOverride ?? d.typeFor(c.logicalType),
  }));
  const temp = tempRelation(target);
  const backup = backupRelation(target);
  const options = signal ? { signal } : {};
  await warehouse.execute([d.dropRelation(temp, 'table'), d.dropRelation(backup, 'table'), d.createTable(temp, columns)], options);
  await relations.delete(temp);
  let loaded: number;
  try {
    loaded = await warehouse.bulkLoad(temp, seed.rows, { columns, ...options });
  } catch (err) {
    await warehouse.execute(d.dropRelation(temp, 'table')).catch(() => undefined);
    throw new BasinError('SEED', `${file}: loading failed: ${errorMessage(err)}`, { cause: err });
  }
  const existing = await warehouse.getRelation(target, options);
  const swap: string[] = [];
  if (existing) swap.push(d.renameRelation(target, backup.name, existing.kind));
  swap.push(d.renameRelation(temp, target.name, 'table'));
  if (existing) swap.push(d.dropRelation(backup, existing.kind));
  await runAtomically(warehouse, swap, signal);
  await relations.set({ ...target, kind: 'table' });
  return { message: `INSERT ${loaded}`, rowsAffected: loaded };
}
