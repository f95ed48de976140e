import type { Warehouse } from '../../warehouse/warehouse.js';
import type { Manifest } from '../compile/manifest.js';

/**
 * Creates the schemas the selected models, seeds and snapshots build into,
 * before `on-run-start` runs, as dbt does: so a start hook may write into the
 * target schema on a fresh warehouse.
 */
export async function createRunSchemas(manifest: Manifest, warehouse: Warehouse, ids: readonly string[], signal?: AbortSignal): Promise<void> {
  const seen = new Set<string>();
  const statements: string[] = [];
  for (const id of ids) {
    const node = manifest.nodes.get(id);
    const relation = manifest.relations.get(id);
    if (!node || !relation || (node.resourceType !== 'model' && node.resourceType !== 'seed' && node.resourceType !== 'snapshot')) continue;
    if (node.resourceType === 'model' && node.config.materialized === 'ephemeral') continue;
    const key = `${relation.database ?? ''}\u0000${relation.schema}`;
    if (seen.has(key)) continue;
    seen.add(key);
    statements.push(warehouse.dialect.createSchema(relation.schema, relation.database));
  }
  if (statements.length > 0) await warehouse.execute(statements, signal ? { signal } : {});
}
