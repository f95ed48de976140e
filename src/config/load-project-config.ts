/**
 * Combines basin.yml, dbt_project.yml and profiles.yml into one ProjectConfig.
 * Precedence: basin.yml's warehouse wins over profiles.yml; dbt_project.yml
 * supplies paths and resource configs (basin.yml `paths:` override them);
 * with neither warehouse source, a DuckDB file `warehouse.duckdb` in the project.
 */
import { access } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { loadBasinFile, type LoadedBasinFile } from './basin-file.js';
import type { BasinFile } from './basin-schema.js';
import { emptyConfigTree } from './config-tree.js';
import { loadDbtProjectFile, type DbtProjectFile } from './dbt-project-file.js';
import type { EnvMap } from './env-interpolation.js';
import { processEnv, snapshotEnv } from './env-snapshot.js';
import { loadProfileTarget, type ProfileTarget } from './profiles-file.js';
import {
  defaultResourcePaths,
  type ProjectConfig,
  type ResourcePaths,
  type WarehouseConfig,
} from './project-config.js';

/** Options of `loadProjectConfig`. */
export interface LoadProjectConfigOptions {
  /** Environment for `${env:...}` and `env_var()`; defaults to process.env. */
  env?: EnvMap | undefined;
  /** Target name override (`--target`). */
  target?: string | undefined;
  logger?: Logger | undefined;
}

const DEFAULT_THREADS = 4;
const DEFAULT_TARGET = 'dev';

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

/** Loads and validates the configuration of the project in `rootDir`. */
export async function loadProjectConfig(rootDir: string, options: LoadProjectConfigOptions = {}): Promise<ProjectConfig> {
  const root = path.resolve(rootDir);
  const env = options.env ?? processEnv();
  const logger = options.logger;

  let basinPath: string | undefined;
  for (const candidate of ['basin.yml', 'basin.yaml']) {
    if (await exists(path.join(root, candidate))) {
      basinPath = path.join(root, candidate);
      break;
    }
  }
  const dbtPath = path.join(root, 'dbt_project.yml');
  const hasDbt = await exists(dbtPath);
  if (!basinPath && !hasDbt) {
    throw new ConfigError(`no basin.yml or dbt_project.yml found in ${root}`, { code: 'CONFIG_NOT_FOUND' });
  }

  const basin: LoadedBasinFile | undefined = basinPath
    ? await loadBasinFile(basinPath, path.basename(basinPath), env)
    : undefined;
  const dbt: DbtProjectFile | undefined = hasDbt ? await loadDbtProjectFile(dbtPath, 'dbt_project.yml', logger) : undefined;
  const b: BasinFile | undefined = basin?.config;

  const name = dbt?.name ?? b?.name;
  if (!name) throw new ConfigError('project has no name', { location: { file: 'basin.yml' } });
  if (dbt && b && dbt.name !== b.name) {
    logger?.debug(`basin.yml name "${b.name}" differs from dbt_project.yml name "${dbt.name}"; using "${dbt.name}" for node ids`);
  }

  const warehouse = await resolveWarehouse(root, env, b, dbt, options, logger);
  const paths = resolvePaths(dbt, b);
  const targetPath = b?.paths?.target ?? dbt?.targetPath ?? 'target';

  return {
    rootDir: root,
    name,
    version: dbt?.version,
    profile: dbt?.profile,
    warehouse: warehouse.warehouse,
    schema: warehouse.schema,
    targetName: warehouse.targetName,
    threads: b?.threads ?? warehouse.threads ?? DEFAULT_THREADS,
    vars: { ...(dbt?.vars ?? {}), ...(b?.vars ?? {}) },
    paths,
    targetPath,
    packagesInstallPath: b?.paths?.packages ?? dbt?.packagesInstallPath ?? 'dbt_packages',
    cleanTargets: dbt?.cleanTargets ?? [targetPath],
    resourceConfigs: dbt?.resourceConfigs ?? {
      models: emptyConfigTree(),
      seeds: emptyConfigTree(),
      snapshots: emptyConfigTree(),
      tests: emptyConfigTree(),
      sources: emptyConfigTree(),
      analyses: emptyConfigTree(),
    },
    onRunStart: dbt?.onRunStart ?? [],
    onRunEnd: dbt?.onRunEnd ?? [],
    quoting: dbt?.quoting ?? {},
    dispatch: dbt?.dispatch ?? [],
    runStore: b?.run_store,
    freshness: b?.freshness,
    jobs: b?.jobs,
    alerts: b?.alerts,
    server: b?.server,
    smtp: b?.smtp,
    analytics: b?.analytics,
    files: { basinYml: basinPath, dbtProjectYml: hasDbt ? dbtPath : undefined, profilesYml: warehouse.profilesFile },
    env: snapshotEnv(env),
  };
}

interface ResolvedWarehouse {
  warehouse: WarehouseConfig;
  schema: string;
  targetName: string;
  threads?: number | undefined;
  profilesFile?: string | undefined;
}

async function resolveWarehouse(
  root: string,
  env: EnvMap,
  b: BasinFile | undefined,
  dbt: DbtProjectFile | undefined,
  options: LoadProjectConfigOptions,
  logger: Logger | undefined,
): Promise<ResolvedWarehouse> {
  const targetName = options.target ?? b?.target ?? DEFAULT_TARGET;
  const w = b?.warehouse;
  if (w?.type === 'duckdb') {
    return {
      warehouse: { type: 'duckdb', path: w.path === ':memory:' ? w.path : path.resolve(root, w.path), threads: w.threads },
      schema: b?.schema ?? 'main',
      targetName,
    };
  }
  if (w?.type === 'postgres') {
    return {
      warehouse: {
        type: 'postgres',
        host: w.host,
        port: w.port,
        user: w.user,
        password: w.password,
        database: w.database,
        ssl: w.ssl,
        poolSize: w.pool_size,
      },
      schema: b?.schema ?? 'public',
      targetName,
    };
  }
  if (dbt?.profile) {
    const profile: ProfileTarget | undefined = await loadProfileTarget({
      rootDir: root,
      profileName: dbt.profile,
      env,
      target: options.target ?? b?.target,
    });
    if (profile) {
      return {
        warehouse: profile.warehouse,
        schema: b?.schema ?? profile.schema,
        targetName: profile.targetName,
        threads: profile.threads,
        profilesFile: profile.file,
      };
    }
    logger?.info(`profile "${dbt.profile}" not found in any profiles.yml; using DuckDB warehouse.duckdb in the project`);
  }
  return {
    warehouse: { type: 'duckdb', path: path.join(root, 'warehouse.duckdb') },
    schema: b?.schema ?? 'main',
    targetName,
  };
}

function resolvePaths(dbt: DbtProjectFile | undefined, b: BasinFile | undefined): ResourcePaths {
  const defaults = defaultResourcePaths();
  const pick = (key: keyof ResourcePaths): string[] | undefined => b?.paths?.[key] ?? dbt?.paths[key];
  const paths: ResourcePaths = {
    models: pick('models') ?? defaults.models,
    seeds: pick('seeds') ?? defaults.seeds,
    snapshots: pick('snapshots') ?? defaults.snapshots,
    macros: pick('macros') ?? defaults.macros,
    tests: pick('tests') ?? defaults.tests,
    analyses: pick('analyses') ?? defaults.analyses,
    docs: [],
  };
  paths.docs =
    pick('docs') ??
    [...new Set([...paths.models, ...paths.seeds, ...paths.snapshots, ...paths.macros, ...paths.tests, ...paths.analyses])];
  for (const key of Object.keys(paths) as Array<keyof ResourcePaths>) {
    paths[key] = paths[key].map(normalizeRelative);
  }
  return paths;
}

/** `./models/` -> `models` (POSIX separators, no trailing slash). */
function normalizeRelative(p: string): string {
  const normal = path.posix.normalize(p.replace(/\\/g, '/')).replace(/\/+$/, '');
  return normal === '' ? '.' : normal;
}
