/**
 * Builds generic test nodes from property-file test entries (`- unique`,
 * `- accepted_values: {values: [...]}`, `- ns.test: {arguments: {...},
 * config: {...}}`, `- {name: x, test_name: unique}`), named and identified
 * exactly as dbt does (see generic-test-names.ts). Kwargs are kept as data:
 * `to: ref('x')` stays a string for the renderer.
 */
import path from 'node:path';
import { ConfigError } from '../../core/errors.js';
import { formatKeyPath, isPlainObject, type ResourceConfigTrees, type YamlFile } from '../../config/index.js';
import type { ConfigPatch } from './config-merge.js';
import { resolveNodeConfig } from './config-resolve.js';
import { genericTestUniqueId, modelKwarg, synthesizeGenericTestNames } from './generic-test-names.js';
import type { TestEntry } from './property-files.js';
import type { ProjectNode } from './types.js';

/** dbt's test arguments that are configs, not kwargs. */
const CONFIG_ARGS = [
  'severity', 'tags', 'enabled', 'where', 'limit', 'warn_if', 'error_if', 'fail_calc',
  'store_failures', 'store_failures_as', 'meta', 'database', 'schema', 'alias',
] as const;

const TEST_NAME = /^(?:([a-zA-Z_][0-9a-zA-Z_]*)\.)?([a-zA-Z_][0-9a-zA-Z_]*)$/;

/** What a test is attached to. */
export type TestTarget =
  | { kind: 'node'; resourceType: 'model' | 'seed' | 'snapshot' | 'analysis'; name: string; version?: string | undefined; uniqueId: string; enabled: boolean }
  | { kind: 'source'; source: string; table: string; uniqueId: string; enabled: boolean };

/** Everything needed to build tests from one property file. */
export interface GenericTestContext {
  packageName: string;
  yaml: YamlFile;
  /** The property file, relative to its package root. */
  originalFilePath: string;
  /** The property file, relative to the root project (for messages). */
  filePath: string;
  /** The property file's directory relative to its resource folder: fqn folders. */
  folders: string[];
  ownTrees: ResourceConfigTrees;
  rootTrees?: ResourceConfigTrees | undefined;
}

/** A test entry split into dbt's parts. */
export interface ParsedTestDefinition {
  name: string;
  namespace?: string | undefined;
  /** Kwargs for the test macro (no `model`), `column_name` included for column tests. */
  kwargs: Record<string, unknown>;
  config: ConfigPatch;
  nameOverride?: string | undefined;
  description: string;
}

/** Splits one test entry (dbt's `TestBuilder` rules). */
export function parseTestDefinition(entry: TestEntry, yaml: YamlFile, columnName?: string): ParsedTestDefinition {
  const fail = (message: string, keyPath = entry.keyPath): never => {
    throw new ConfigError(message, { location: yaml.locationOf(keyPath), key: formatKeyPath(keyPath) });
  };
  const def = entry.definition;
  let testName: unknown;
  let rawArgs: unknown;
  if (typeof def === 'string') {
    testName = def;
    rawArgs = {};
  } else if (isPlainObject(def) && 'test_name' in def) {
    const { test_name: name, ...rest } = def;
    testName = name;
    rawArgs = rest;
  } else if (isPlainObject(def)) {
    const entries = Object.entries(def);
    if (entries.length !== 1) {
      return fail(`a test must be a name or a mapping with exactly one test name (found ${entries.length} keys)`);
    }
    const [only] = entries;
    testName = only?.[0];
    rawArgs = only?.[1] ?? {};
  } else {
    return fail('a test must be a name (e.g. `unique`) or a mapping (e.g. `accepted_values: {values: [...]}`)');
  }
  if (typeof testName !== 'string') return fail('the test name must be a string');
  const match = TEST_NAME.exec(testName);
  if (!match) return fail(`"${testName}" is not a valid test name (write \`name\` or \`package.name\`)`);
  if (!isPlainObject(rawArgs)) return fail(`arguments of test "${testName}" must be a mapping`);

  const args: Record<string, unknown> = structuredClone(rawArgs);
  const argsPath = typeof def === 'string' || (isPlainObject(def) && 'test_name' in def) ? entry.keyPath : [...entry.keyPath, testName];
  if (isPlainObject(args['arguments'])) {
    const nested = args['arguments'];
    delete args['arguments'];
    Object.assign(args, nested);
  } else if (args['arguments'] !== undefined && args['arguments'] !== null) {
    return fail('`arguments` must be a mapping', [...argsPath, 'arguments']);
  } else {
    delete args['arguments'];
  }
  if (columnName !== undefined) args['column_name'] = columnName;
  if ('model' in args) return fail('test arguments may not include `model` (it is the node the test is attached to)', argsPath);

  let nestedConfig: Record<string, unknown> = {};
  if (args['config'] !== undefined && args['config'] !== null) {
    if (!isPlainObject(args['config'])) return fail('`config` must be a mapping', [...argsPath, 'config']);
    nestedConfig = { ...args['config'] };
  }
  delete args['config'];
  const config: ConfigPatch = {};
  for (const key of CONFIG_ARGS) {
    const value = args[key];
    delete args[key];
    if (value !== undefined && value !== null && value !== false && value !== '' && key in nestedConfig) {
      return fail(`"${key}" is set both at the top level and in \`config\`; keep one`, [...argsPath, key]);
    }
    if (value !== undefined && value !== null) config[key] = value;
  }
  for (const [key, value] of Object.entries(nestedConfig)) if (value !== undefined && value !== null) config[key] = value;

  let nameOverride: string | undefined;
  if (args['name'] !== undefined) {
    if (typeof args['name'] !== 'string') return fail('`name` must be a string', [...argsPath, 'name']);
    nameOverride = args['name'];
    delete args['name'];
  }
  let description = '';
  if (typeof args['description'] === 'string') {
    description = args['description'];
    delete args['description'];
  }
  return { name: match[2] ?? testName, namespace: match[1], kwargs: args, config, nameOverride, description };
}

/** Builds the test node for one entry attached to `target` (and `column`, for column tests). */
export function buildGenericTest(
  entry: TestEntry,
  target: TestTarget,
  ctx: GenericTestContext,
  column?: { name: string; quote: boolean; tags: string[] },
): ProjectNode {
  const columnName = column ? (column.quote ? `"${column.name}"` : column.name) : undefined;
  const parsed = parseTestDefinition(entry, ctx.yaml, columnName);
  const targetName =
    target.kind === 'source' ? `${target.source}_${target.table}` : target.version !== undefined ? `${target.name}_v${target.version}` : target.name;
  let testType = target.kind === 'source' ? `source_${parsed.name}` : parsed.name;
  if (parsed.namespace) testType = `${parsed.namespace}_${testType}`;

  const names = parsed.nameOverride
    ? { shortName: parsed.nameOverride, fullName: parsed.nameOverride }
    : synthesizeGenericTestNames(testType, targetName, parsed.kwargs);
  const modelArg = modelKwarg(target.kind === 'source' ? { kind: 'source', source: target.source, table: target.table } : { kind: 'ref', name: target.name, version: target.version });
  const uniqueId = genericTestUniqueId(ctx.packageName, names.fullName, {
    name: parsed.name,
    namespace: parsed.namespace,
    kwargs: { ...parsed.kwargs, model: modelArg },
  });

  const builderConfig: ConfigPatch = { ...parsed.config };
  if (names.shortName !== names.fullName && builderConfig['alias'] === undefined) builderConfig['alias'] = names.shortName;
  const fqn = [ctx.packageName, ...ctx.folders, names.fullName];
  const { config, layers } = resolveNodeConfig({
    resourceType: 'test',
    fqn,
    ownTrees: ctx.ownTrees,
    rootTrees: ctx.rootTrees,
    propertyConfigs: [{ tags: column?.tags ?? [] }, builderConfig],
  });
  if (!target.enabled) {
    config.enabled = false;
    layers.base = { ...layers.base, enabled: false };
  }

  return {
    uniqueId,
    resourceType: 'test',
    packageName: ctx.packageName,
    name: names.fullName,
    path: `${names.shortName}.sql`,
    originalFilePath: ctx.originalFilePath,
    fqn,
    rawCode: '',
    language: 'sql',
    config,
    description: parsed.description,
    columns: {},
    refs: target.kind === 'node' ? [target.version !== undefined ? { name: target.name, version: target.version } : { name: target.name }] : [],
    sources: target.kind === 'source' ? [[target.source, target.table]] : [],
    dependsOn: { nodes: [], macros: [] },
    testMetadata: { name: parsed.name, namespace: parsed.namespace, kwargs: parsed.kwargs },
    attachedNode: target.uniqueId,
    columnName,
    checksum: '',
    filePath: ctx.filePath,
    shortName: names.shortName,
    configLayers: layers,
  };
}

/** The fqn folders of a property file: its directory relative to its resource folder. */
export function propertyFileFolders(pathInResourceDir: string): string[] {
  const dir = path.posix.dirname(pathInResourceDir);
  return dir === '.' ? [] : dir.split('/');
}
