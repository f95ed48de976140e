/**
 * Loads a custom source module (`sources/<name>.ts`, or .mts/.js/.mjs) from
 * a user's project with tsx, at run time and without a build step, checks
 * that its default export came from `defineSource`, and returns the
 * SourceFactory the ingest engine uses like any built-in connector's.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { z, type ZodType } from 'zod';
import { ConfigError, errorMessage } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { ConnectionConfig } from '../../config/connection-config.js';
import type { SourceContext, SourceFactory } from '../source.js';
import { createCustomSource } from './custom-source.js';
import type { SourceDefinition, SourceHttp } from './custom-source-definition.js';
import { brandVersionOf, isDefinedSource } from './define-source.js';
import { installSourceModuleAlias, SOURCE_MODULE_SPECIFIER } from './source-module-alias.js';

/** What `loadCustomSource` needs: where the project is, and optionally the connection it serves. */
export interface CustomSourceLoadContext extends Partial<SourceContext> {
  projectDir: string;
  logger: Logger;
  /** The factory's `type` (the connection's `type:`, i.e. `custom`). */
  connectionType?: string | undefined;
  /** Provides Basin's HTTP toolkit to the source as `ctx.http` (one client per connection). */
  http?: ((context: SourceContext) => SourceHttp | undefined) | undefined;
  /** Extra values never to show in messages (e.g. `connectionSecretValues(connection)`). */
  secrets?: readonly string[] | undefined;
}

const DEFAULT_CONNECTION_TYPE = 'custom';

/**
 * Imports the module `file` (absolute, or relative to `context.projectDir`),
 * or a `type: custom` connection's module, and returns its SourceFactory.
 * A module that fails to load or does not default-export a `defineSource`
 * result is a ConfigError naming the file.
 */
export async function loadCustomSource(
  module: string | Pick<ConnectionConfig, 'module' | 'file' | 'type'>,
  context: CustomSourceLoadContext,
): Promise<SourceFactory> {
  const absolute = modulePath(module, context.projectDir);
  const file = displayPath(absolute, context.projectDir);
  const definition = await importDefinition(absolute, file, context.projectDir);
  const configSchema = resolveConfigSchema(definition, file);
  const connectionType = context.connectionType ?? (typeof module === 'string' ? DEFAULT_CONNECTION_TYPE : module.type);
  return {
    type: connectionType,
    configSchema,
    create(config, sourceContext) {
      const secrets = [...(context.secrets ?? []), ...secretLookingValues(config)];
      return createCustomSource(definition, config, {
        file,
        type: typeof definition.type === 'string' && definition.type !== '' ? definition.type : connectionType,
        context: sourceContext,
        http: context.http?.(sourceContext),
        scrub: (text) => scrub(text, secrets),
      });
    },
  };
}

function modulePath(module: string | Pick<ConnectionConfig, 'module' | 'file' | 'type'>, projectDir: string): string {
  if (typeof module === 'string') return path.resolve(projectDir, module);
  if (!module.module) {
    throw new ConfigError(`a \`type: ${module.type}\` connection has no module to load`, { location: { file: module.file }, key: 'module' });
  }
  return path.resolve(projectDir, module.module);
}

function displayPath(absolute: string, projectDir: string): string {
  const relative = path.relative(projectDir, absolute);
  return relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative.split(path.sep).join('/');
}

async function importDefinition(absolute: string, file: string, projectDir: string): Promise<SourceDefinition> {
  if (!existsSync(absolute)) throw new ConfigError('custom source module not found', { location: { file } });
  installSourceModuleAlias();
  const tsconfig = path.join(projectDir, 'tsconfig.json');
  let loaded: unknown;
  try {
    loaded = await tsImport(pathToFileURL(absolute).href, {
      parentURL: pathToFileURL(path.join(projectDir, 'basin.yml')).href,
      tsconfig: existsSync(tsconfig) ? tsconfig : false,
    });
  } catch (err) {
    throw new ConfigError(`cannot load custom source: ${errorMessage(err).split('\n')[0] ?? ''}`, { location: { file } }, { cause: err });
  }
  const exported = defaultExport(loaded);
  if (isDefinedSource(exported)) {
    if (typeof exported.streams !== 'function') {
      throw new ConfigError('the defineSource({...}) call needs a streams(config, ctx) function', { location: { file } });
    }
    return exported as unknown as SourceDefinition;
  }
  const version = brandVersionOf(exported);
  if (version !== undefined) {
    throw new ConfigError(`was built with another version of defineSource (format ${version}); import it from '${SOURCE_MODULE_SPECIFIER}'`, {
      location: { file },
    });
  }
  const found = exported === undefined ? 'has no default export' : `default-exports ${describe(exported)}`;
  throw new ConfigError(
    `${found}; a custom source module must \`export default defineSource({ streams: ... })\` with \`import { defineSource } from '${SOURCE_MODULE_SPECIFIER}'\``,
    { location: { file } },
  );
}

/** The default export, seen through tsx's CommonJS interop (`module.exports` with `__esModule`). */
function defaultExport(loaded: unknown): unknown {
  if (typeof loaded !== 'object' || loaded === null) return undefined;
  const first = (loaded as { default?: unknown }).default;
  if (isDefinedSource(first) || brandVersionOf(first) !== undefined) return first;
  if (typeof first === 'object' && first !== null && '__esModule' in first) return (first as { default?: unknown }).default;
  return first;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'object') return 'a plain object (not a defineSource result)';
  return `a ${typeof value}`;
}

function resolveConfigSchema(definition: SourceDefinition, file: string): ZodType {
  const input = definition.config;
  if (input === undefined) return z.record(z.string(), z.unknown());
  let schema: unknown;
  try {
    schema = typeof input === 'function' ? (input as (zod: typeof z) => unknown)(z) : input;
  } catch (err) {
    throw new ConfigError(`config(z) threw: ${errorMessage(err)}`, { location: { file } }, { cause: err });
  }
  if (typeof (schema as ZodType | undefined)?.safeParse !== 'function') {
    throw new ConfigError('config must be a zod schema or a function (z) => schema', { location: { file } });
  }
  return schema as ZodType;
}

const SECRET_KEY = /password|passwd|token|secret|api_?key|private_?key|authorization/i;

/** String values under secret-looking keys of the validated config (the same rule as config's redaction). */
function secretLookingValues(config: unknown, under = false, out: string[] = []): string[] {
  if (typeof config === 'string' || typeof config === 'number') {
    if (under) out.push(String(config));
  } else if (Array.isArray(config)) {
    for (const item of config) secretLookingValues(item, under, out);
  } else if (typeof config === 'object' && config !== null) {
    for (const [key, value] of Object.entries(config)) {
      const normal = key.replace(/-/g, '_');
      secretLookingValues(value, under || (SECRET_KEY.test(normal) && !/_(url|uri|endpoint)$/i.test(normal)), out);
    }
  }
  return out;
}

function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length >= 3) out = out.split(secret).join('***');
  }
  return out;
}
