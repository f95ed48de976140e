/**
 * dbt's profiles.yml, for dbt projects without basin.yml: find the file,
 * pick the project's profile and target output, render `env_var()` in its
 * values and map `duckdb`/`postgres` outputs to a warehouse config.
 */
import { access } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { ConfigError } from '../core/errors.js';
import type { EnvMap } from './env-interpolation.js';
import { MissingEnvVarError, renderEnvVars } from './env-var-template.js';
import type { WarehouseConfig } from './project-config.js';
import { formatKeyPath, isPlainObject, readYamlFile, type KeyPath, type YamlFile } from './yaml-file.js';

/** The chosen output of a profile. */
export interface ProfileTarget {
  /** Absolute path of the profiles.yml used. */
  file: string;
  profileName: string;
  targetName: string;
  warehouse: WarehouseConfig;
  schema: string;
  threads?: number | undefined;
  /** Values rendered from the environment (kept out of messages). */
  secrets: string[];
}

/** Directories searched for profiles.yml, in order: DBT_PROFILES_DIR, the project, ~/.dbt. */
export function profilesSearchDirs(rootDir: string, env: EnvMap): string[] {
  const dirs: string[] = [];
  const fromEnv = env['DBT_PROFILES_DIR'];
  if (fromEnv) dirs.push(path.resolve(rootDir, fromEnv));
  dirs.push(rootDir);
  const home = env['HOME'] ?? env['USERPROFILE'] ?? homedir();
  dirs.push(path.join(home, '.dbt'));
  return [...new Set(dirs)];
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * Finds the first profiles.yml (in `profilesSearchDirs` order) that defines
 * `profileName` and returns its chosen target, or undefined when none does.
 */
export async function loadProfileTarget(options: {
  rootDir: string;
  profileName: string;
  env: EnvMap;
  /** `--target`; else the profile's `target:`; else `default`. */
  target?: string | undefined;
}): Promise<ProfileTarget | undefined> {
  for (const dir of profilesSearchDirs(options.rootDir, options.env)) {
    const file = path.join(dir, 'profiles.yml');
    if (!(await exists(file))) continue;
    const shown = path.relative(options.rootDir, file) || file;
    const yaml = await readYamlFile(file, shown.startsWith('..') ? file : shown);
    if (!isPlainObject(yaml.value) || !isPlainObject(yaml.value[options.profileName])) continue;
    return pickTarget(yaml, file, options.profileName, options);
  }
  return undefined;
}

function pickTarget(
  yaml: YamlFile,
  file: string,
  profileName: string,
  options: { rootDir: string; env: EnvMap; target?: string | undefined },
): ProfileTarget {
  const profile = (yaml.value as Record<string, unknown>)[profileName] as Record<string, unknown>;
  const secrets: string[] = [];
  const render = (value: unknown, keyPath: KeyPath): unknown => renderValue(value, keyPath, yaml, options.env, secrets);

  const outputs = profile['outputs'];
  if (!isPlainObject(outputs) || Object.keys(outputs).length === 0) {
    throw configError(yaml, [profileName, 'outputs'], 'expected a mapping of target names to outputs');
  }
  const declared = render(profile['target'], [profileName, 'target']);
  const targetName = options.target ?? (typeof declared === 'string' && declared !== '' ? declared : 'default');
  const output = outputs[targetName];
  if (!isPlainObject(output)) {
    throw configError(
      yaml,
      [profileName, 'outputs'],
      `target "${targetName}" not found; available targets: ${Object.keys(outputs).join(', ')}`,
    );
  }
  const base: KeyPath = [profileName, 'outputs', targetName];
  const get = (key: string): unknown => render(output[key], [...base, key]);
  const str = (key: string): string | undefined => {
    const v = get(key);
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v === 'string' || typeof v === 'number') return String(v);
    throw configError(yaml, [...base, key], 'expected a string');
  };
  const num = (key: string): number | undefined => {
    const v = get(key);
    if (v === undefined || v === null || v === '') return undefined;
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : Number.NaN;
    if (!Number.isInteger(n) || n < 0) throw configError(yaml, [...base, key], 'expected a whole number');
    return n;
  };
  const required = (key: string, ...aliases: string[]): string => {
    for (const k of [key, ...aliases]) {
      const v = str(k);
      if (v !== undefined) return v;
    }
    throw configError(yaml, base, `"${key}" is required for a ${String(output['type'])} output`);
  };

  const type = get('type');
  const threads = num('threads');
  if (type === 'duckdb') {
    const p = str('path') ?? ':memory:';
    return {
      file,
      profileName,
      targetName,
      warehouse: { type: 'duckdb', path: p === ':memory:' ? p : path.resolve(options.rootDir, p) },
      schema: str('schema') ?? 'main',
      threads,
      secrets,
    };
  }
  if (type === 'postgres') {
    const sslmode = str('sslmode');
    return {
      file,
      profileName,
      targetName,
      warehouse: {
        type: 'postgres',
        host: str('host') ?? '127.0.0.1',
        port: num('port') ?? 5432,
        user: required('user', 'username'),
        password: str('password') ?? str('pass'),
        database: required('dbname', 'database'),
        ssl: sslmode === undefined ? undefined : !['disable', 'allow', 'prefer'].includes(sslmode),
      },
      schema: str('schema') ?? 'public',
      threads,
      secrets,
    };
  }
  throw configError(yaml, [...base, 'type'], `unsupported output type${typeof type === 'string' ? ` "${type}"` : ''}; supported: duckdb, postgres`);
}

function renderValue(value: unknown, keyPath: KeyPath, yaml: YamlFile, env: EnvMap, secrets: string[]): unknown {
  if (typeof value !== 'string') return value;
  try {
    const rendered = renderEnvVars(value, env);
    if (rendered.hasOtherTemplates) {
      throw configError(yaml, keyPath, 'only {{ env_var(...) }} is supported in profiles.yml values');
    }
    secrets.push(...rendered.secrets);
    return rendered.text;
  } catch (err) {
    if (err instanceof MissingEnvVarError) {
      throw configError(yaml, keyPath, `env_var('${err.variable}') is not set and has no default`);
    }
    throw err;
  }
}

function configError(yaml: YamlFile, keyPath: KeyPath, message: string): ConfigError {
  return new ConfigError(message, { location: yaml.locationOf(keyPath), key: formatKeyPath(keyPath) });
}
