import type { Warehouse } from '../../warehouse/warehouse.js';

/**
 * Runs statements as one unit: in a transaction where the warehouse's DDL is
 * transactional (so a swap is atomic), otherwise in order.
 */
export async function runAtomically(warehouse: Warehouse, statements: string[], signal?: AbortSignal): Promise<void> {
  if (statements.length === 0) return;
  const options = signal ? { signal } : {};
  if (statements.length === 1 || !warehouse.capabilities.transactionalDdl) {
    await warehouse.execute(statements, options);
    return;
  }
  await warehouse.transaction((session) => session.execute(statements, options), options);
}
