/**
 * `${env:VAR}` / `${env:VAR:-default}` in a connection's `config` and
 * `streams` values, resolved like basin.yml's (env-interpolation.ts) but also
 * recording WHICH key paths held a reference, so the CLI and UI can hide them.
 */
import { ConfigError } from '../core/errors.js';
import type { EnvMap } from './env-interpolation.js';
import { formatKeyPath, isPlainObject, type KeyPath, type YamlFile } from './yaml-file.js';

const ENV_REF = /\$\{env:([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/** A value with env references resolved. */
export interface ConnectionEnvResult {
  value: unknown;
  /** Dotted key paths (from the file's root, e.g. `config.auth.token`) whose value referenced the environment. */
  paths: string[];
  /** The substituted environment values, for scrubbing messages. */
  secrets: string[];
}

/**
 * Resolves env references inside the string values under `basePath` of
 * `yaml` (`value` is the plain value found there). An unset variable without
 * a default is a ConfigError naming the file, line, key and variable.
 */
export function resolveConnectionEnv(value: unknown, basePath: KeyPath, env: EnvMap, yaml: YamlFile): ConnectionEnvResult {
  const paths: string[] = [];
  const secrets = new Set<string>();
  const walk = (v: unknown, path: Array<string | number>): unknown => {
    if (typeof v === 'string') {
      if (!v.includes('${env:')) return v;
      paths.push(formatKeyPath(path));
      return v.replace(ENV_REF, (_match, name: string, fallback: string | undefined) => {
        const raw = env[name];
        if (raw !== undefined && raw !== '') {
          secrets.add(raw);
          return raw;
        }
        if (fallback !== undefined) return fallback;
        throw new ConfigError(`environment variable ${name} is not set (write \${env:${name}:-default} to give a default)`, {
          location: yaml.locationOf(path),
          key: formatKeyPath(path),
        });
      });
    }
    if (Array.isArray(v)) return v.map((item, i) => walk(item, [...path, i]));
    if (isPlainObject(v)) {
      const out: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(v)) out[k] = walk(item, [...path, k]);
      return out;
    }
    return v;
  };
  const resolved = walk(value, [...basePath]);
  return { value: resolved, paths, secrets: [...secrets] };
}
