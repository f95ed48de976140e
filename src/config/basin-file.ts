/**
 * basin.yml: read, resolve `${env:...}` references, validate with zod. Error
 * messages name file, line and key, and never contain resolved env values.
 */
import { ConfigError } from '../core/errors.js';
import { basinFileSchema, type BasinFile } from './basin-schema.js';
import { interpolateEnv, scrubSecrets, type EnvMap } from './env-interpolation.js';
import { readYamlFile, type YamlFile } from './yaml-file.js';
import { zodIssuesToConfigError } from './zod-issues.js';

/** basin.yml validated, plus the env values substituted into it. */
export interface LoadedBasinFile {
  config: BasinFile;
  /** Values that came from the environment; kept out of messages. */
  secrets: string[];
  yaml: YamlFile;
}

/** Reads and validates basin.yml. `file` is the path shown in messages. */
export async function loadBasinFile(absolutePath: string, file: string, env: EnvMap): Promise<LoadedBasinFile> {
  const yaml = await readYamlFile(absolutePath, file);
  return parseBasinFile(yaml, env);
}

/** Validates an already parsed basin.yml. */
export function parseBasinFile(yaml: YamlFile, env: EnvMap): LoadedBasinFile {
  if (yaml.value === undefined) {
    throw new ConfigError('file is empty; it needs at least `name:`', { location: { file: yaml.file, line: 1 } });
  }
  const { value, secrets } = interpolateEnv(yaml.value, env, yaml);
  const parsed = basinFileSchema.safeParse(value);
  if (!parsed.success) {
    throw zodIssuesToConfigError(parsed.error.issues, {
      yaml,
      input: value,
      schema: basinFileSchema,
      scrub: (text) => scrubSecrets(text, secrets),
    });
  }
  return { config: parsed.data, secrets, yaml };
}
