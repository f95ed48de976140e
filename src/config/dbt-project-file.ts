/**
 * dbt_project.yml: name, resource paths (with dbt's legacy names), vars,
 * hooks, quoting, dispatch and the resource config trees.
 */
import { ConfigError, type SourceLocation } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { buildConfigTree, mergeConfigTrees, type ResourceConfigTrees } from './config-tree.js';
import type { DispatchConfig, QuotingConfig, ResourcePaths } from './project-config.js';
import { formatKeyPath, isPlainObject, readYamlFile, type KeyPath, type YamlFile } from './yaml-file.js';

/** dbt_project.yml, validated and normalized. */
export interface DbtProjectFile {
  /** Absolute path of the file. */
  file: string;
  name: string;
  version?: string | undefined;
  profile?: string | undefined;
  configVersion?: number | undefined;
  /** Paths as written (unset ones omitted) so callers can apply defaults and overrides. */
  paths: Partial<ResourcePaths>;
  targetPath?: string | undefined;
  packagesInstallPath?: string | undefined;
  cleanTargets?: string[] | undefined;
  vars: Record<string, unknown>;
  quoting: QuotingConfig;
  onRunStart: string[];
  onRunEnd: string[];
  dispatch: DispatchConfig[];
  resourceConfigs: ResourceConfigTrees;
}

const PATH_KEYS: ReadonlyArray<[key: string, target: keyof ResourcePaths, legacy?: string]> = [
  ['model-paths', 'models', 'source-paths'],
  ['seed-paths', 'seeds', 'data-paths'],
  ['snapshot-paths', 'snapshots'],
  ['macro-paths', 'macros'],
  ['test-paths', 'tests'],
  ['analysis-paths', 'analyses'],
  ['docs-paths', 'docs'],
];

const KNOWN_KEYS = new Set([
  'name', 'version', 'profile', 'config-version', 'model-paths', 'source-paths', 'seed-paths', 'data-paths',
  'snapshot-paths', 'macro-paths', 'test-paths', 'analysis-paths', 'docs-paths', 'asset-paths',
  'function-paths', 'target-path', 'log-path', 'packages-install-path', 'modules-path', 'clean-targets', 'vars',
  'require-dbt-version', 'quoting', 'on-run-start', 'on-run-end', 'dispatch', 'models', 'seeds', 'snapshots',
  'tests', 'data_tests', 'sources', 'analyses', 'exposures', 'metrics', 'semantic-models', 'saved-queries',
  'unit_tests', 'functions', 'flags', 'query-comment', 'restrict-access',
]);

const PROJECT_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Reads and validates a dbt_project.yml. `file` is the path shown in messages. */
export async function loadDbtProjectFile(absolutePath: string, file: string, logger?: Logger): Promise<DbtProjectFile> {
  const yaml = await readYamlFile(absolutePath, file);
  return parseDbtProject(yaml, absolutePath, logger);
}

/** Validates an already parsed dbt_project.yml. */
export function parseDbtProject(yaml: YamlFile, absolutePath: string, logger?: Logger): DbtProjectFile {
  const raw = yaml.value;
  if (!isPlainObject(raw)) {
    throw new ConfigError('expected a mapping with at least `name`', { location: { file: yaml.file, line: 1 } });
  }
  const at = (path: KeyPath): { location: SourceLocation; key: string } => ({
    location: yaml.locationOf(path),
    key: formatKeyPath(path),
  });
  for (const key of Object.keys(raw)) {
    if (!KNOWN_KEYS.has(key)) logger?.warn(`${yaml.file}: unknown key "${key}" ignored`, { file: yaml.file, line: yaml.lineOf([key]) });
  }

  const name = raw['name'];
  if (typeof name !== 'string' || !PROJECT_NAME.test(name)) {
    throw new ConfigError(
      name === undefined ? 'is required' : 'must be letters, digits and underscores, not starting with a digit',
      at(['name']),
    );
  }

  const optString = (key: string): string | undefined => {
    const v = raw[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'number') return String(v);
    if (typeof v !== 'string') throw new ConfigError('expected a string', at([key]));
    return v;
  };
  const stringList = (key: string): string[] | undefined => {
    const v = raw[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string') return [v];
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
    throw new ConfigError('expected a string or a list of strings', at([key]));
  };

  const paths: Partial<ResourcePaths> = {};
  for (const [key, target, legacy] of PATH_KEYS) {
    const value = stringList(key) ?? (legacy ? stringList(legacy) : undefined);
    if (value) paths[target] = value;
  }

  const configVersion = raw['config-version'];
  if (configVersion !== undefined && configVersion !== 1 && configVersion !== 2) {
    throw new ConfigError('expected 1 or 2', at(['config-version']));
  }

  const vars = raw['vars'] ?? {};
  if (!isPlainObject(vars)) throw new ConfigError('expected a mapping', at(['vars']));

  const tree = (key: string) => buildConfigTree(raw[key], yaml, [key]);
  const resourceConfigs: ResourceConfigTrees = {
    models: tree('models'),
    seeds: tree('seeds'),
    snapshots: tree('snapshots'),
    tests: mergeConfigTrees(tree('tests'), tree('data_tests')),
    sources: tree('sources'),
    analyses: tree('analyses'),
  };

  return {
    file: absolutePath,
    name,
    version: optString('version'),
    profile: optString('profile'),
    configVersion: configVersion as number | undefined,
    paths,
    targetPath: optString('target-path'),
    packagesInstallPath: optString('packages-install-path') ?? optString('modules-path'),
    cleanTargets: stringList('clean-targets'),
    vars,
    quoting: parseQuoting(raw['quoting'], yaml, ['quoting']),
    onRunStart: hookList(raw['on-run-start'], yaml, ['on-run-start']),
    onRunEnd: hookList(raw['on-run-end'], yaml, ['on-run-end']),
    dispatch: parseDispatch(raw['dispatch'], yaml),
    resourceConfigs,
  };
}

/** `on-run-start`/`on-run-end`: a string or a list of strings. */
function hookList(value: unknown, yaml: YamlFile, path: KeyPath): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  throw new ConfigError('expected a SQL string or a list of SQL strings', {
    location: yaml.locationOf(path),
    key: formatKeyPath(path),
  });
}

function parseQuoting(value: unknown, yaml: YamlFile, path: KeyPath): QuotingConfig {
  if (value === undefined || value === null) return {};
  if (!isPlainObject(value)) {
    throw new ConfigError('expected a mapping of database/schema/identifier to true or false', {
      location: yaml.locationOf(path),
      key: formatKeyPath(path),
    });
  }
  const out: QuotingConfig = {};
  for (const [key, v] of Object.entries(value)) {
    if (key !== 'database' && key !== 'schema' && key !== 'identifier') {
      throw new ConfigError('unknown key; allowed keys: database, schema, identifier', {
        location: yaml.locationOf([...path, key]),
        key: formatKeyPath([...path, key]),
      });
    }
    if (typeof v !== 'boolean') {
      throw new ConfigError('expected true or false', { location: yaml.locationOf([...path, key]), key: formatKeyPath([...path, key]) });
    }
    out[key] = v;
  }
  return out;
}

function parseDispatch(value: unknown, yaml: YamlFile): DispatchConfig[] {
  if (value === undefined || value === null) return [];
  const fail = (path: KeyPath, message: string): never => {
    throw new ConfigError(message, { location: yaml.locationOf(path), key: formatKeyPath(path) });
  };
  if (!Array.isArray(value)) return fail(['dispatch'], 'expected a list of {macro_namespace, search_order}');
  return value.map((entry, i): DispatchConfig => {
    if (!isPlainObject(entry)) return fail(['dispatch', i], 'expected a mapping with macro_namespace and search_order');
    const ns = entry['macro_namespace'];
    const order = entry['search_order'];
    if (typeof ns !== 'string') return fail(['dispatch', i, 'macro_namespace'], 'expected a string');
    if (!Array.isArray(order) || !order.every((o) => typeof o === 'string')) {
      return fail(['dispatch', i, 'search_order'], 'expected a list of package names');
    }
    return { macroNamespace: ns, searchOrder: order as string[] };
  });
}
