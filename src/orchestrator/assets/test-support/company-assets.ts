/**
 * The asset graph of examples/company for tests: its config, manifest and
 * graph, built with placeholder credentials (enough to build the graph; no
 * API is called).
 */
import { fileURLToPath } from 'node:url';
import { loadConnections, loadProjectConfig, loadSyncs } from '../../../config/index.js';
import type { ProjectConfig } from '../../../config/project-config.js';
import { silentLogger } from '../../../core/logger.js';
import { buildManifest } from '../../../transform/compile/build-manifest.js';
import type { Manifest } from '../../../transform/compile/manifest.js';
import { DuckDbDialect } from '../../../warehouse/duckdb/index.js';
import { loadDashboards } from '../../../dashboards/load-dashboards.js';
import { buildAssetGraph, type AssetGraph } from '../build-asset-graph.js';

const COMPANY = fileURLToPath(new URL('../../../../examples/company', import.meta.url));

const PLACEHOLDER_ENV = {
  STRIPE_API_KEY: 'x', HUBSPOT_ACCESS_TOKEN: 'x', HELPSCOUT_CLIENT_ID: 'x', HELPSCOUT_CLIENT_SECRET: 'x', AMPLITUDE_API_KEY: 'x',
  AMPLITUDE_SECRET_KEY: 'x', FIRESTORE_PROJECT_ID: 'p', GOOGLE_SERVICE_ACCOUNT_JSON: '{}', LOGGING_PROJECT_ID: 'p',
  SHEETS_REVENUE_TARGETS_SPREADSHEET_ID: 'a', SHEETS_ACCOUNT_MANAGERS_SPREADSHEET_ID: 'b', SHEETS_MARKETING_SPEND_SPREADSHEET_ID: 'c',
};

/** Loads examples/company and builds its asset graph. */
export async function loadCompanyAssets(): Promise<{ config: ProjectConfig; manifest: Manifest; assets: AssetGraph }> {
  const config = await loadProjectConfig(COMPANY, { logger: silentLogger, env: PLACEHOLDER_ENV });
  const manifest = await buildManifest(config, { dialect: new DuckDbDialect(), logger: silentLogger });
  return { config, manifest, assets: buildAssetGraph(manifest, await loadConnections(config), await loadSyncs(config), await loadDashboards(config)) };
}
