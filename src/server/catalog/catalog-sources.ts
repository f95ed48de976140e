/** What the catalog reads besides the asset graph and the run store. */
import type { ConnectionConfig } from '../../config/connection-config.js';
import type { FreshnessExpectation } from '../../orchestrator/freshness/freshness-expectations.js';
import type { Manifest } from '../../transform/compile/manifest.js';
import type { Warehouse } from '../../warehouse/warehouse.js';

/**
 * The project as the catalog sees it: the transform manifest (columns,
 * descriptions, tests, SQL), the connections of sources/*.yml (only their
 * descriptive fields are ever sent, never `config`), the freshness
 * expectations, and the warehouse (introspection, read-only, and compiling).
 */
export interface CatalogSources {
  manifest: Manifest;
  connections: readonly ConnectionConfig[];
  freshness: readonly FreshnessExpectation[];
  warehouse: Warehouse;
}
