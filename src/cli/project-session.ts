import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { BasinError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { loadProjectConfig, type ProjectConfig } from '../config/index.js';
import { buildManifest } from '../transform/compile/build-manifest.js';
import type { Manifest } from '../transform/compile/manifest.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { LazyWarehouse } from './lazy-warehouse.js';
import { explainWarehouseLocked } from './warehouse-locked.js';
import { dialectFor, openWarehouse } from './open-warehouse.js';

/** Options every project command accepts. */
export interface ProjectOptions {
  project?: string | undefined;
  target?: string | undefined;
  vars?: string | undefined;
  fullRefresh?: boolean | undefined;
  threads?: string | number | undefined;
  /** Environment for `${env:...}`; undefined means the process's own. */
  env?: Readonly<Record<string, string | undefined>> | undefined;
}

/** Parses `--vars` (YAML or JSON mapping, as dbt). */
export function parseVarsOption(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (err) {
    throw new BasinError('USAGE', `--vars must be a YAML or JSON mapping: ${(err as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new BasinError('USAGE', `--vars must be a YAML or JSON mapping such as '{start_date: 2024-01-01}'`);
  }
  return value as Record<string, unknown>;
}

/** Parses `--threads`. */
export function parseThreads(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new BasinError('USAGE', `--threads must be a positive integer (got '${value}')`);
  return n;
}

/** A loaded project with its warehouse open. Close it when done. */
export interface ProjectSession {
  config: ProjectConfig;
  manifest: Manifest;
  warehouse: Warehouse;
  close(): Promise<void>;
}

/**
 * Loads the project in `--project` (default: `cwd`), opens its warehouse and
 * builds the manifest. With `lazy`, the warehouse connects on first use.
 */
export async function openProject(options: ProjectOptions, cwd: string, logger: Logger, lazy = false): Promise<ProjectSession> {
  const root = path.resolve(cwd, options.project ?? '.');
  const config = await loadProjectConfig(root, { target: options.target, logger, env: options.env });
  const vars = parseVarsOption(options.vars);
  const threads = parseThreads(options.threads);
  const open = (): Promise<Warehouse> =>
    openWarehouse(config.warehouse, logger).catch(async (err: unknown) => {
      throw await explainWarehouseLocked(err, config.rootDir);
    });
  const warehouse = lazy ? new LazyWarehouse(dialectFor(config.warehouse), config.warehouse.type, open) : await open();
  try {
    const manifest = await buildManifest(config, {
      dialect: warehouse.dialect,
      logger,
      vars,
      fullRefresh: options.fullRefresh ?? false,
      threads,
    });
    return { config, manifest, warehouse, close: () => warehouse.close() };
  } catch (err) {
    await warehouse.close();
    throw err;
  }
}
