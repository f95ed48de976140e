/**
 * Reads property files (`version: 2` schema.yml files) into entries that
 * keep their key paths, so later steps can report lines. Only shapes are
 * checked here; matching entries to nodes happens in `parse-project-files`.
 */
import { ConfigError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import {
  formatKeyPath,
  isPlainObject,
  readYamlFile,
  zodIssuesToConfigError,
  type KeyPath,
  type YamlFile,
} from '../../config/index.js';
import type { z } from 'zod';
import type { DiscoveredFile } from './discover-files.js';
import {
  COLUMN_KEYS,
  columnSchema,
  exposureSchema,
  macroEntrySchema,
  modelVersionSchema,
  NODE_KEYS,
  nodeEntrySchema,
  SOURCE_KEYS,
  SOURCE_TABLE_KEYS,
  sourceSchema,
  sourceTableSchema,
} from './property-schema.js';
import { checkPrimaryKeys, readConstraints } from './read-constraints.js';
import type { ColumnSpec, ConstraintSpec } from './types.js';

/** A test entry as written, with where it is. */
export interface TestEntry {
  definition: unknown;
  keyPath: KeyPath;
}

/** A column with its tests. */
export interface ColumnProperties {
  spec: ColumnSpec;
  tests: TestEntry[];
  /** Tags from the column's `tags` and `config.tags`, applied to its tests. */
  testTags: string[];
}

/** The resource sections of a property file that patch nodes. */
export type NodeSection = 'models' | 'seeds' | 'snapshots' | 'analyses' | 'data_tests';

/** One entry of `models:`, `seeds:`, ... */
export interface NodeProperties {
  section: NodeSection;
  name: string;
  description: string;
  columns: ColumnProperties[];
  /** Model-level `constraints:`. */
  constraints: ConstraintSpec[];
  tests: TestEntry[];
  /** Legacy top-level `tags`/`meta`/`docs`, then `config:`. */
  configs: Array<Record<string, unknown>>;
  keyPath: KeyPath;
  line: number | undefined;
  /** Model versions (`versions:`), in the order written. */
  versions?: ModelVersionProperties[] | undefined;
  /** `latest_version`, else the greatest version (dbt's default). */
  latestVersion?: string | undefined;
}

/** One entry of a model's `versions:`. */
export interface ModelVersionProperties {
  v: string;
  /** The file (without `.sql`) defining it: `defined_in`, else `<model>_v<v>`. */
  definedIn: string;
  description: string | undefined;
  /** The model's columns with the version's `include`/`exclude` and overrides applied. */
  columns: ColumnProperties[];
  /** The version's `config:` (applied after the model's). */
  config: Record<string, unknown>;
  line: number | undefined;
}

/** A table of a source. */
export interface SourceTableProperties {
  name: string;
  description: string;
  identifier?: string | undefined;
  loadedAtField?: string | undefined;
  /** `hasFreshness` distinguishes an explicit `freshness: null` from no key. */
  hasFreshness: boolean;
  freshness: unknown;
  meta: Record<string, unknown>;
  tags: string[];
  quoting: Record<string, unknown>;
  external: unknown;
  config: Record<string, unknown>;
  columns: ColumnProperties[];
  tests: TestEntry[];
  keyPath: KeyPath;
  line: number | undefined;
}

/** One entry of `sources:`. */
export interface SourceProperties {
  name: string;
  description: string;
  database?: string | undefined;
  schema?: string | undefined;
  loader?: string | undefined;
  loadedAtField?: string | undefined;
  hasFreshness: boolean;
  freshness: unknown;
  meta: Record<string, unknown>;
  tags: string[];
  quoting: Record<string, unknown>;
  config: Record<string, unknown>;
  tables: SourceTableProperties[];
  keyPath: KeyPath;
  line: number | undefined;
}

/** One entry of `macros:`. */
export interface MacroProperties {
  name: string;
  description: string;
  arguments: unknown[];
  meta: Record<string, unknown>;
  line: number | undefined;
}

/** A property file's contents. */
export interface PropertyFile {
  file: DiscoveredFile;
  yaml: YamlFile;
  nodes: NodeProperties[];
  sources: SourceProperties[];
  macros: MacroProperties[];
  exposures: ExposureProperties[];
}

/** One entry of `exposures:`. */
export interface ExposureProperties {
  name: string;
  type: string;
  owner: { name?: string | undefined; email?: string | undefined };
  dependsOn: string[];
  description: string;
  label?: string | undefined;
  maturity?: string | undefined;
  url?: string | undefined;
  meta: Record<string, unknown>;
  tags: string[];
  enabled: boolean;
  line: number | undefined;
}

/** A non-fatal problem found in a property file. */
export interface PropertyWarning {
  message: string;
  file: string;
  line?: number | undefined;
}

const NODE_SECTIONS: readonly NodeSection[] = ['models', 'seeds', 'snapshots', 'analyses', 'data_tests'];
const IGNORED_SECTIONS = new Set(['metrics', 'semantic_models', 'groups', 'unit_tests', 'saved_queries', 'functions']);

const asList = (v: string | string[] | null | undefined): string[] => (v == null ? [] : Array.isArray(v) ? v : [v]);

/** Context for reading one file: its YAML and where to put warnings. */
interface ReadContext {
  yaml: YamlFile;
  /** Path shown in messages (relative to the root project). */
  shownFile: string;
  warn: (message: string, keyPath: KeyPath) => void;
}

function validate<S extends z.ZodType>(schema: S, value: unknown, ctx: ReadContext, keyPath: KeyPath): z.output<S> {
  if (!isPlainObject(value)) {
    throw new ConfigError('expected a mapping with a `name`', { location: ctx.yaml.locationOf(keyPath), key: formatKeyPath(keyPath) });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw zodIssuesToConfigError(parsed.error.issues, { yaml: ctx.yaml, input: value, schema, basePath: keyPath });
  }
  return parsed.data;
}

function warnUnknownKeys(value: unknown, known: readonly string[], ctx: ReadContext, keyPath: KeyPath): void {
  if (!isPlainObject(value)) return;
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) ctx.warn(`unknown property "${key}" ignored`, [...keyPath, key]);
  }
}

function listAt(value: unknown, ctx: ReadContext, keyPath: KeyPath): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    throw new ConfigError('expected a list', { location: ctx.yaml.locationOf(keyPath), key: formatKeyPath(keyPath) });
  }
  return value;
}

function testEntries(
  entry: { tests?: unknown[] | null | undefined; data_tests?: unknown[] | null | undefined },
  ctx: ReadContext,
  keyPath: KeyPath,
): TestEntry[] {
  if (entry.tests && entry.data_tests) {
    throw new ConfigError('use either `tests` or `data_tests`, not both', {
      location: ctx.yaml.locationOf([...keyPath, 'data_tests']),
      key: formatKeyPath([...keyPath, 'data_tests']),
    });
  }
  const key = entry.data_tests ? 'data_tests' : 'tests';
  return (entry.data_tests ?? entry.tests ?? []).map((definition, i) => ({ definition, keyPath: [...keyPath, key, i] }));
}

function readColumns(raw: unknown[] | null | undefined, ctx: ReadContext, keyPath: KeyPath): ColumnProperties[] {
  const seen = new Set<string>();
  return (raw ?? []).map((value, i) => {
    const path = [...keyPath, 'columns', i];
    const col = validate(columnSchema, value, ctx, path);
    warnUnknownKeys(value, COLUMN_KEYS, ctx, path);
    if (seen.has(col.name)) ctx.warn(`column "${col.name}" is declared twice; the last one wins`, path);
    seen.add(col.name);
    const configMeta = isPlainObject(col.config?.['meta']) ? (col.config['meta'] as Record<string, unknown>) : {};
    const configTags = col.config?.['tags'];
    const tags = [...new Set([...asList(col.tags), ...asList(configTags as string | string[] | undefined)])];
    return {
      spec: {
        name: col.name,
        description: col.description,
        data_type: col.data_type ?? undefined,
        meta: { ...(col.meta ?? {}), ...configMeta },
        tags,
        quote: col.quote ?? undefined,
        ...(col.constraints?.length ? { constraints: readConstraints(col.constraints, 'column', ctx, path) } : {}),
      },
      tests: testEntries(col, ctx, path),
      testTags: tags,
    };
  });
}

function readNode(section: NodeSection, value: unknown, ctx: ReadContext, keyPath: KeyPath): NodeProperties {
  const entry = validate(nodeEntrySchema, value, ctx, keyPath);
  warnUnknownKeys(value, NODE_KEYS, ctx, keyPath);
  const constraints = readConstraints(entry.constraints, 'model', ctx, keyPath);
  const legacy: Record<string, unknown> = {};
  if (entry.tags != null) legacy['tags'] = entry.tags;
  if (entry.meta != null) legacy['meta'] = entry.meta;
  if (entry.docs != null) legacy['docs'] = entry.docs;
  if (entry.access != null) legacy['access'] = entry.access;
  if (entry.group != null) legacy['group'] = entry.group;
  const columns = readColumns(entry.columns, ctx, keyPath);
  checkPrimaryKeys(
    columns.map((c) => c.spec),
    constraints,
    ctx,
    keyPath,
  );
  const versions = entry.versions && entry.versions.length > 0 ? readVersions(entry.name, entry.versions, columns, ctx, keyPath) : undefined;
  return {
    section,
    name: entry.name,
    description: entry.description,
    columns,
    constraints,
    tests: testEntries(entry, ctx, keyPath),
    configs: [legacy, entry.config ?? {}],
    keyPath,
    line: ctx.yaml.lineOf(keyPath),
    versions,
    latestVersion: versions ? latestVersionOf(entry.latest_version, versions, ctx, keyPath) : undefined,
  };
}

const versionText = (v: unknown): string => String(v);

function readVersions(model: string, raw: unknown[], base: ColumnProperties[], ctx: ReadContext, keyPath: KeyPath): ModelVersionProperties[] {
  const seen = new Set<string>();
  return raw.map((value, i) => {
    const path = [...keyPath, 'versions', i];
    const entry = validate(modelVersionSchema, value, ctx, path);
    const v = versionText(entry.v);
    if (seen.has(v)) throw new ConfigError(`version ${v} of model "${model}" is declared twice`, { location: ctx.yaml.locationOf(path), key: formatKeyPath(path) });
    seen.add(v);
    return {
      v,
      definedIn: entry.defined_in ?? `${model}_v${v.replace(/\./g, '_')}`,
      description: entry.description ?? undefined,
      columns: versionColumns(entry.columns, base, ctx, path),
      config: entry.config ?? {},
      line: ctx.yaml.lineOf(path),
    };
  });
}

/** A version's columns: the model's, narrowed by `include`/`exclude`, then the version's own entries (replacing by name). */
function versionColumns(raw: unknown[] | null | undefined, base: ColumnProperties[], ctx: ReadContext, keyPath: KeyPath): ColumnProperties[] {
  if (!raw) return base;
  const selector = raw.find((c) => isPlainObject(c) && ('include' in c || 'exclude' in c)) as { include?: unknown; exclude?: unknown } | undefined;
  const include = selector?.include === undefined || selector.include === 'all' || selector.include === '*' ? undefined : new Set(asList(selector.include as string | string[]));
  const exclude = new Set(asList((selector?.exclude ?? undefined) as string | string[] | undefined));
  const own = readColumns(
    raw.filter((c) => c !== selector),
    ctx,
    keyPath,
  );
  const ownNames = new Set(own.map((c) => c.spec.name));
  const kept = base.filter((c) => (include === undefined || include.has(c.spec.name)) && !exclude.has(c.spec.name) && !ownNames.has(c.spec.name));
  return [...kept, ...own];
}

function latestVersionOf(raw: unknown, versions: ModelVersionProperties[], ctx: ReadContext, keyPath: KeyPath): string {
  if (raw !== undefined && raw !== null) {
    const latest = versionText(raw);
    if (!versions.some((v) => v.v === latest)) {
      const path = [...keyPath, 'latest_version'];
      throw new ConfigError(`latest_version ${latest} is not one of the declared versions (${versions.map((v) => v.v).join(', ')})`, { location: ctx.yaml.locationOf(path), key: formatKeyPath(path) });
    }
    return latest;
  }
  const numeric = versions.every((v) => !Number.isNaN(Number(v.v)));
  return [...versions].sort((a, b) => (numeric ? Number(a.v) - Number(b.v) : a.v.localeCompare(b.v))).at(-1)!.v;
}

function readSource(value: unknown, ctx: ReadContext, keyPath: KeyPath): SourceProperties {
  const src = validate(sourceSchema, value, ctx, keyPath);
  warnUnknownKeys(value, SOURCE_KEYS, ctx, keyPath);
  if (src.overrides) ctx.warn('source `overrides` is not supported; ignored', [...keyPath, 'overrides']);
  const seen = new Set<string>();
  const tables = listAt(src.tables, ctx, [...keyPath, 'tables']).map((raw, i): SourceTableProperties => {
    const path = [...keyPath, 'tables', i];
    const table = validate(sourceTableSchema, raw, ctx, path);
    warnUnknownKeys(raw, SOURCE_TABLE_KEYS, ctx, path);
    if (seen.has(table.name)) {
      throw new ConfigError(`table "${table.name}" is declared twice in source "${src.name}"`, {
        location: ctx.yaml.locationOf(path),
        key: formatKeyPath(path),
      });
    }
    seen.add(table.name);
    return {
      name: table.name,
      description: table.description,
      identifier: table.identifier ?? undefined,
      loadedAtField: table.loaded_at_field ?? undefined,
      hasFreshness: isPlainObject(raw) && 'freshness' in raw,
      freshness: table.freshness,
      meta: table.meta ?? {},
      tags: asList(table.tags),
      quoting: table.quoting ?? {},
      external: table.external,
      config: table.config ?? {},
      columns: readColumns(table.columns, ctx, path),
      tests: testEntries(table, ctx, path),
      keyPath: path,
      line: ctx.yaml.lineOf(path),
    };
  });
  return {
    name: src.name,
    description: src.description,
    database: src.database ?? undefined,
    schema: src.schema ?? undefined,
    loader: src.loader ?? undefined,
    loadedAtField: src.loaded_at_field ?? undefined,
    hasFreshness: isPlainObject(value) && 'freshness' in value,
    freshness: src.freshness,
    meta: src.meta ?? {},
    tags: asList(src.tags),
    quoting: src.quoting ?? {},
    config: src.config ?? {},
    tables,
    keyPath,
    line: ctx.yaml.lineOf(keyPath),
  };
}

/**
 * Reads one property file. `shownFile` is the path used in messages
 * (relative to the root project). Warnings go to `warnings` and the logger.
 */
export async function readPropertyFile(
  file: DiscoveredFile,
  shownFile: string,
  options: { logger: Logger; warnings: PropertyWarning[] },
): Promise<PropertyFile> {
  const yaml = await readYamlFile(file.absolutePath, shownFile);
  const ctx: ReadContext = {
    yaml,
    shownFile,
    warn: (message, keyPath) => {
      const line = yaml.lineOf(keyPath);
      options.warnings.push({ message, file: shownFile, line });
      options.logger.warn(`${shownFile}${line === undefined ? '' : `:${line}`}: ${message}`);
    },
  };
  const result: PropertyFile = { file, yaml, nodes: [], sources: [], macros: [], exposures: [] };
  const root = yaml.value;
  if (root === undefined || root === null) return result;
  if (!isPlainObject(root)) {
    throw new ConfigError('expected a mapping (version: 2, models:, sources:, ...)', { location: { file: shownFile, line: 1 } });
  }
  if (root['version'] !== undefined && root['version'] !== 2 && root['version'] !== '2') {
    throw new ConfigError('only `version: 2` property files are supported', {
      location: yaml.locationOf(['version']),
      key: 'version',
    });
  }
  for (const [key, value] of Object.entries(root)) {
    if (key === 'version') continue;
    if ((NODE_SECTIONS as readonly string[]).includes(key)) {
      const section = key as NodeSection;
      listAt(value, ctx, [key]).forEach((entry, i) => result.nodes.push(readNode(section, entry, ctx, [key, i])));
    } else if (key === 'sources') {
      listAt(value, ctx, [key]).forEach((entry, i) => result.sources.push(readSource(entry, ctx, [key, i])));
    } else if (key === 'macros') {
      listAt(value, ctx, [key]).forEach((entry, i) => {
        const macro = validate(macroEntrySchema, entry, ctx, [key, i]);
        result.macros.push({
          name: macro.name,
          description: macro.description,
          arguments: macro.arguments ?? [],
          meta: macro.meta ?? {},
          line: yaml.lineOf([key, i]),
        });
      });
    } else if (key === 'exposures') {
      listAt(value, ctx, [key]).forEach((entry, i) => {
        const e = validate(exposureSchema, entry, ctx, [key, i]);
        const config = e.config ?? {};
        result.exposures.push({
          name: e.name,
          type: e.type,
          owner: { name: e.owner.name ?? undefined, email: e.owner.email ?? undefined },
          dependsOn: e.depends_on ?? [],
          description: e.description,
          label: e.label ?? undefined,
          maturity: e.maturity ?? undefined,
          url: e.url ?? undefined,
          meta: { ...(e.meta ?? {}), ...(isPlainObject(config['meta']) ? (config['meta'] as Record<string, unknown>) : {}) },
          tags: [...new Set([...asList(e.tags), ...asList(config['tags'] as string | string[] | undefined)])],
          enabled: config['enabled'] !== false,
          line: yaml.lineOf([key, i]),
        });
      });
    } else if (IGNORED_SECTIONS.has(key)) {
      options.logger.debug(`${shownFile}: \`${key}:\` is not used by Basin yet; ignored`);
    } else {
      ctx.warn(`unknown top-level key "${key}" ignored`, [key]);
    }
  }
  return result;
}
