/**
 * The only reader of process.env in Basin. Everything else receives an env
 * map (usually `ProjectConfig.env`) by injection.
 */
import type { EnvMap } from './env-interpolation.js';

/** The live process environment. Call only at the edge (CLI, server start-up). */
export function processEnv(): EnvMap {
  return process.env;
}

/** A frozen copy of the defined variables of `env`, for `env_var()` in templates. */
export function snapshotEnv(env: EnvMap = process.env): Readonly<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined) out[key] = value;
  }
  return Object.freeze(out);
}
