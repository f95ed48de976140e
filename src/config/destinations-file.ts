/**
 * Destinations: one `destinations/<name>.yml` per destination, read,
 * env-resolved and validated into DestinationConfigs. Errors name the file,
 * line and key, and never contain a value that came from the environment.
 */
import { z } from 'zod';
import { ConfigError } from '../core/errors.js';
import { resolveConnectionEnv } from './connection-env.js';
import type { DestinationConfig } from './destination-config.js';
import { scrubSecrets, type EnvMap } from './env-interpolation.js';
import { readProjectYamlFiles } from './project-yaml-files.js';
import type { ProjectConfig } from './project-config.js';
import { resolveModule } from './sources-file.js';
import { CONNECTION_NAME_PATTERN } from './sources-schema.js';
import { isPlainObject, type YamlFile } from './yaml-file.js';
import { describeType, zodIssuesToConfigError } from './zod-issues.js';

/** The folder of destination files, relative to the project root. */
export const DESTINATIONS_DIR = 'destinations';

const text = z.string().min(1);

/** One `destinations/<name>.yml`. */
export const destinationFileSchema = z.strictObject({
  type: text,
  module: text.optional(),
  config: z.custom<Record<string, unknown>>(isPlainObject, { error: (issue) => `expected a mapping of destination settings, got ${describeType(issue.input)}` }).default({}),
  owner: text.optional(),
  notes: text.optional(),
});

/** Reads every `destinations/*.yml|yaml`, sorted by name. */
export async function loadDestinations(project: Pick<ProjectConfig, 'rootDir' | 'env'>, options: { env?: EnvMap | undefined } = {}): Promise<DestinationConfig[]> {
  const env = options.env ?? project.env;
  const out: DestinationConfig[] = [];
  for (const { name, yaml } of await readProjectYamlFiles(project.rootDir, DESTINATIONS_DIR, 'destination')) {
    out.push(await parseDestinationFile(yaml, { name, rootDir: project.rootDir, env }));
  }
  return out;
}

/** Validates one parsed destination file. */
export async function parseDestinationFile(yaml: YamlFile, options: { name: string; rootDir: string; env: EnvMap }): Promise<DestinationConfig> {
  const { name, rootDir, env } = options;
  if (!CONNECTION_NAME_PATTERN.test(name)) {
    throw new ConfigError(`destination name "${name}" (the file name) must be lowercase letters, digits and underscores, not starting with a digit; rename the file`, {
      location: { file: yaml.file },
    });
  }
  if (!isPlainObject(yaml.value)) {
    throw new ConfigError('expected a mapping with `type:` and `config:`', { location: { file: yaml.file, line: 1 } });
  }
  const config = resolveConnectionEnv(yaml.value['config'], ['config'], env, yaml);
  const input = { ...yaml.value, config: config.value };
  if (input.config === undefined) delete input.config;
  const parsed = destinationFileSchema.safeParse(input);
  if (!parsed.success) {
    throw zodIssuesToConfigError(parsed.error.issues, { yaml, input, schema: destinationFileSchema, scrub: (t) => scrubSecrets(t, config.secrets) });
  }
  const data = parsed.data;
  return {
    name,
    file: yaml.file,
    type: data.type,
    module: await resolveModule(data.type, data.module, { name, rootDir, yaml, what: 'destination' }),
    config: data.config,
    secretPaths: config.paths,
    owner: data.owner,
    notes: data.notes,
    locate: (keyPath) => yaml.locationOf(keyPath),
  };
}
