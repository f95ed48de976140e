/**
 * `${env:VAR}` and `${env:VAR:-default}` references in basin.yml values,
 * resolved from an injected environment map. Resolved values are collected so
 * that error messages can be scrubbed of them.
 */
import { ConfigError } from '../core/errors.js';
import { formatKeyPath, isPlainObject, type KeyPath, type YamlFile } from './yaml-file.js';

/** The environment as the loader sees it. */
export type EnvMap = Readonly<Record<string, string | undefined>>;

const ENV_REF = /\$\{env:([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/** A value with env references resolved, plus the substituted values (treated as secrets). */
export interface Interpolated<T> {
  value: T;
  secrets: string[];
}

/**
 * Resolves every `${env:...}` inside string values of `value` (keys are left
 * alone). An unset variable without a default is a ConfigError naming the
 * file, key and variable, never a value.
 */
export function interpolateEnv(value: unknown, env: EnvMap, yaml: YamlFile): Interpolated<unknown> {
  const secrets = new Set<string>();
  const walk = (v: unknown, path: Array<string | number>): unknown => {
    if (typeof v === 'string') return resolveString(v, env, yaml, path, secrets);
    if (Array.isArray(v)) return v.map((item, i) => walk(item, [...path, i]));
    if (isPlainObject(v)) {
      const out: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(v)) out[k] = walk(item, [...path, k]);
      return out;
    }
    return v;
  };
  const resolved = walk(value, []);
  return { value: resolved, secrets: [...secrets] };
}

function resolveString(
  text: string,
  env: EnvMap,
  yaml: YamlFile,
  path: KeyPath,
  secrets: Set<string>,
): string {
  return text.replace(ENV_REF, (_match, name: string, fallback: string | undefined) => {
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

/** Replaces every occurrence of a secret in `text` with `***` (short values are left alone). */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length < 3) continue;
    out = out.split(secret).join('***');
  }
  return out;
}
