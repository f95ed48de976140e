/**
 * Connections: one `sources/<name>.yml` (or `.yaml`) per connection, read,
 * env-resolved and validated into ConnectionConfigs. Errors name the file,
 * line and key, and never contain a value that came from the environment.
 */
import { access } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../core/errors.js';
import type { ConnectionConfig } from './connection-config.js';
import { resolveConnectionEnv } from './connection-env.js';
import { scrubSecrets, type EnvMap } from './env-interpolation.js';
import type { ProjectConfig } from './project-config.js';
import { CONNECTION_NAME_PATTERN, sourcesFileSchema } from './sources-schema.js';
import { readProjectYamlFiles } from './project-yaml-files.js';
import { isPlainObject, type YamlFile } from './yaml-file.js';
import { zodIssuesToConfigError } from './zod-issues.js';

/** The folder of connection files, relative to the project root. */
export const SOURCES_DIR = 'sources';

/** The connector type whose code is a TypeScript/JavaScript module in the project. */
export const CUSTOM_SOURCE_TYPE = 'custom';

/** Options of `loadConnections`. */
export interface LoadConnectionsOptions {
  /** Environment for `${env:...}`; defaults to the project's snapshot (`project.env`). */
  env?: EnvMap | undefined;
}

/** Reads every `sources/*.yml|yaml` of the project, sorted by name. No folder means no connections. */
export async function loadConnections(
  project: Pick<ProjectConfig, 'rootDir' | 'env'>,
  options: LoadConnectionsOptions = {},
): Promise<ConnectionConfig[]> {
  const env = options.env ?? project.env;
  const connections: ConnectionConfig[] = [];
  for (const { name, yaml } of await readProjectYamlFiles(project.rootDir, SOURCES_DIR, 'connection')) {
    connections.push(await parseConnectionFile(yaml, { name, rootDir: project.rootDir, env }));
  }
  return connections;
}

/** Validates one parsed connection file. `name` is the file's base name. */
export async function parseConnectionFile(
  yaml: YamlFile,
  options: { name: string; rootDir: string; env: EnvMap },
): Promise<ConnectionConfig> {
  const { name, rootDir, env } = options;
  if (!CONNECTION_NAME_PATTERN.test(name)) {
    throw new ConfigError(
      `connection name "${name}" (the file name) must be lowercase letters, digits and underscores, not starting with a digit; rename the file`,
      { location: { file: yaml.file } },
    );
  }
  if (yaml.value === undefined || yaml.value === null) {
    throw new ConfigError('file is empty; it needs at least `type:`', { location: { file: yaml.file, line: 1 } });
  }
  if (!isPlainObject(yaml.value)) {
    throw new ConfigError('expected a mapping with `type:`, `config:`, `streams:` ...', { location: { file: yaml.file, line: 1 } });
  }
  const raw = yaml.value;
  const config = resolveConnectionEnv(raw.config, ['config'], env, yaml);
  const streams = resolveConnectionEnv(raw.streams, ['streams'], env, yaml);
  const secrets = [...config.secrets, ...streams.secrets];
  const input = { ...raw, config: config.value, streams: streams.value };
  if (input.config === undefined) delete input.config;
  if (input.streams === undefined) delete input.streams;
  const parsed = sourcesFileSchema.safeParse(input);
  if (!parsed.success) {
    throw zodIssuesToConfigError(parsed.error.issues, {
      yaml,
      input,
      schema: sourcesFileSchema,
      scrub: (text) => scrubSecrets(text, secrets),
    });
  }
  const data = parsed.data;
  const module = await resolveModule(data.type, data.module, { name, rootDir, yaml });
  return {
    name,
    file: yaml.file,
    type: data.type,
    module,
    config: data.config,
    secretPaths: [...config.paths, ...streams.paths],
    schema: data.schema ?? name,
    streams: data.streams,
    schedule: data.schedule,
    pipeline: data.pipeline,
    audience: data.audience,
    owner: data.owner,
    notes: data.notes,
    locate: (keyPath) => yaml.locationOf(keyPath),
  };
}

/** For `type: custom`: the absolute path of the module (default `<name>.ts` beside the file), which must exist. */
export async function resolveModule(
  type: string,
  module: string | undefined,
  context: { name: string; rootDir: string; yaml: YamlFile; what?: string },
): Promise<string | undefined> {
  const { name, rootDir, yaml } = context;
  if (type !== CUSTOM_SOURCE_TYPE) {
    if (module === undefined) return undefined;
    throw new ConfigError(`only \`type: ${CUSTOM_SOURCE_TYPE}\` ${context.what ?? 'connection'}s take a module (this one is \`type: ${type}\`)`, {
      location: yaml.locationOf(['module']),
      key: 'module',
    });
  }
  const fileDir = path.dirname(path.resolve(rootDir, yaml.file));
  const absolute = path.resolve(fileDir, module ?? `${name}.ts`);
  try {
    await access(absolute);
  } catch {
    const shown = path.relative(rootDir, absolute).split(path.sep).join('/');
    const hint = module === undefined ? `; write \`module: <file>.ts\` (relative to ${path.posix.dirname(yaml.file)}/) to use another file` : '';
    throw new ConfigError(`custom ${context.what ?? 'source'} module ${shown} not found${hint}`, {
      location: yaml.locationOf([module === undefined ? 'type' : 'module']),
      key: module === undefined ? 'type' : 'module',
    });
  }
  return absolute;
}
