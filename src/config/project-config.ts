/**
 * The typed, validated project configuration every engine receives: where the
 * project lives, which warehouse to use, the dbt resource folders and config
 * trees. Built by `loadProjectConfig`.
 */
import type { RunStoreConfig } from './run-store-config.js';
import type { ResourceConfigTrees } from './config-tree.js';

/** A DuckDB database file (absolute path) or `:memory:`. */
export interface DuckDbWarehouseConfig {
  type: 'duckdb';
  path: string;
  threads?: number | undefined;
}

/** A Postgres connection. */
export interface PostgresWarehouseConfig {
  type: 'postgres';
  host: string;
  port: number;
  user: string;
  password?: string | undefined;
  database: string;
  ssl?: boolean | undefined;
  poolSize?: number | undefined;
}

export type WarehouseConfig = DuckDbWarehouseConfig | PostgresWarehouseConfig;

/** dbt resource folders, relative to the project (or package) root. */
export interface ResourcePaths {
  models: string[];
  seeds: string[];
  snapshots: string[];
  macros: string[];
  tests: string[];
  analyses: string[];
  docs: string[];
}

/** dbt's `quoting:` project config. */
export interface QuotingConfig {
  database?: boolean | undefined;
  schema?: boolean | undefined;
  identifier?: boolean | undefined;
}

/** One `dispatch:` entry of dbt_project.yml. */
export interface DispatchConfig {
  macroNamespace: string;
  searchOrder: string[];
}

/** Which files the configuration was read from (absolute paths). */
export interface ConfigFiles {
  basinYml?: string | undefined;
  dbtProjectYml?: string | undefined;
  profilesYml?: string | undefined;
}

/** Everything known about a project before its files are parsed. */
export interface ProjectConfig {
  /** Absolute project directory. */
  rootDir: string;
  /** Project (package) name used in fqns and unique ids: dbt_project.yml's name, else basin.yml's. */
  name: string;
  /** dbt_project.yml `version`, when given. */
  version?: string | undefined;
  /** dbt_project.yml `profile`, when given. */
  profile?: string | undefined;
  warehouse: WarehouseConfig;
  /** Target schema (dbt's `target.schema`). */
  schema: string;
  /** Target name (dbt's `target.name`). */
  targetName: string;
  threads: number;
  /** Root project vars as written (global keys plus per-package scopes); see `varsForPackage`. */
  vars: Record<string, unknown>;
  paths: ResourcePaths;
  /** Relative to the root, default `target`. */
  targetPath: string;
  /** Relative to the root, default `dbt_packages`. */
  packagesInstallPath: string;
  cleanTargets: string[];
  /** dbt_project.yml `models:`/`seeds:`/... trees. */
  resourceConfigs: ResourceConfigTrees;
  onRunStart: string[];
  onRunEnd: string[];
  quoting: QuotingConfig;
  dispatch: DispatchConfig[];
  /** Where run history lives (`run_store:`); undefined = SQLite at .basin/runs.sqlite. */
  runStore?: RunStoreConfig | undefined;
  /** basin.yml `freshness:` as written (validated by src/orchestrator/freshness/freshness-rules.ts). */
  freshness?: unknown[] | undefined;
  /** Loosely typed basin.yml sections owned by other engines. */
  jobs?: Record<string, unknown> | undefined;
  alerts?: Record<string, unknown> | undefined;
  server?: Record<string, unknown> | undefined;
  /** `smtp:`: how dashboard reports are e-mailed (validated by src/dashboards/report-delivery). */
  smtp?: Record<string, unknown> | undefined;
  /** `analytics:`: the events model of product analytics (validated by src/analytics). */
  analytics?: Record<string, unknown> | undefined;
  files: ConfigFiles;
  /**
   * Snapshot of the environment taken at load time, for the template
   * engine's `env_var()`. Nothing outside src/config reads process.env.
   */
  env: Readonly<Record<string, string>>;
}

/** dbt's default resource folders. */
export function defaultResourcePaths(): ResourcePaths {
  return {
    models: ['models'],
    seeds: ['seeds'],
    snapshots: ['snapshots'],
    macros: ['macros'],
    tests: ['tests'],
    analyses: ['analyses'],
    docs: ['models', 'seeds', 'snapshots', 'macros', 'tests', 'analyses'],
  };
}
