/**
 * Parses a project's files (and its installed packages) into nodes, sources
 * and raw macro/docs files: discovery, property files, config resolution,
 * generic tests. Pure data: nothing is rendered.
 */
import { ConfigError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { ProjectConfig } from '../../config/index.js';
import { resolveNodeConfig } from './config-resolve.js';
import { discoverFiles } from './discover-files.js';
import { buildFileNode, declaredSnapshotNames, readSourceFile, rootRelative, type FileResourceType } from './file-nodes.js';
import { buildGenericTest, propertyFileFolders, type GenericTestContext, type TestTarget } from './generic-tests.js';
import { installedPackages, rootPackage, type ProjectPackage } from './packages.js';
import type { ParsedProject } from './parsed-project.js';
import {
  readPropertyFile,
  type ExposureProperties,
  type ModelVersionProperties,
  type NodeProperties,
  type NodeSection,
  type PropertyFile,
  type TestEntry,
} from './property-files.js';
import { buildSourceDefinitions } from './source-definitions.js';
import { parseExposureDependency } from './exposure-dependencies.js';
import type { ColumnSpec, ExposureDefinition, ProjectNode, RefCall } from './types.js';

/** Options of `parseProjectFiles`. */
export interface ParseProjectOptions {
  logger: Logger;
}

const SECTION_OF: Record<FileResourceType, NodeSection> = {
  model: 'models',
  seed: 'seeds',
  snapshot: 'snapshots',
  analysis: 'analyses',
  test: 'data_tests',
};

const KIND_NAME: Record<NodeSection, string> = {
  models: 'model',
  seeds: 'seed',
  snapshots: 'snapshot',
  analyses: 'analysis',
  data_tests: 'singular test',
};

/** Project-level files that can sit in a resource folder set to `.` but are not property files. */
const NOT_PROPERTY_FILES = new Set(['dbt_project.yml', 'basin.yml', 'basin.yaml', 'profiles.yml', 'packages.yml', 'dependencies.yml', 'selectors.yml', 'package-lock.yml']);

/** Parses the project described by `config` and its installed packages. */
export async function parseProjectFiles(config: ProjectConfig, options: ParseProjectOptions): Promise<ParsedProject> {
  const { logger } = options;
  const result: ParsedProject = {
    config,
    nodes: [],
    sources: [],
    macroFiles: [],
    docsFiles: [],
    exposures: [],
    macroProperties: [],
    snapshotProperties: [],
    packages: [],
    propertyWarnings: [],
  };
  const packages = [rootPackage(config), ...(await installedPackages(config, logger, result.propertyWarnings))];
  for (const pkg of packages) {
    result.packages.push({
      name: pkg.name,
      rootDir: pkg.rootDir,
      relativeDir: pkg.relativeDir,
      isRoot: pkg.isRoot,
      version: pkg.version,
      vars: pkg.vars,
      resourceConfigs: pkg.trees,
    });
    await parsePackage(pkg, config, logger, result);
  }
  return result;
}

interface PatchRef {
  props: NodeProperties;
  file: PropertyFile;
  shown: string;
}

async function parsePackage(pkg: ProjectPackage, config: ProjectConfig, logger: Logger, result: ParsedProject): Promise<void> {
  const rootTrees = pkg.isRoot ? undefined : config.resourceConfigs;
  const warnings = result.propertyWarnings;
  const warn = (message: string, file: string, line?: number): void => {
    warnings.push({ message, file, line });
    logger.warn(`${file}${line === undefined ? '' : `:${line}`}: ${message}`);
  };
  const files = await discoverFiles(pkg.rootDir, pkg.paths, pkg.skipDirs);

  const build = (type: FileResourceType, list: typeof files.models) => Promise.all(list.map((f) => buildFileNode(type, f, pkg)));
  const models = await build('model', files.models);
  const seeds = await build('seed', files.seeds);
  const snapshots = await build('snapshot', files.snapshots);
  const analyses = await build('analysis', files.analyses);
  const singularTests = await build('test', files.singularTests);
  const pythonModels = await build('model', files.pythonModels);

  for (const [kind, list] of [['macro', files.macros], ['generic_test', files.genericTests]] as const) {
    for (const file of list) {
      const filePath = rootRelative(pkg, file.originalFilePath);
      const { text } = await readSourceFile(file, filePath);
      result.macroFiles.push({ path: file.originalFilePath, filePath, absolutePath: file.absolutePath, source: text, packageName: pkg.name, kind });
    }
  }
  for (const file of files.docs) {
    const filePath = rootRelative(pkg, file.originalFilePath);
    const { text } = await readSourceFile(file, filePath);
    result.docsFiles.push({ path: file.originalFilePath, filePath, absolutePath: file.absolutePath, source: text, packageName: pkg.name });
  }

  // Names that ref() resolves must be unique within a package; so must unique ids.
  const snapshotNames = new Map<string, string>();
  const claimed = new Map<string, string>();
  const claim = (key: string, what: string, file: string): void => {
    const earlier = claimed.get(key);
    if (earlier !== undefined) {
      throw new ConfigError(`two ${what} are named "${key.split(':')[1] ?? key}": ${earlier} and ${file}`, { location: { file } });
    }
    claimed.set(key, file);
  };
  for (const node of [...models, ...pythonModels, ...seeds]) claim(`ref:${node.name}`, 'resources', node.filePath ?? node.originalFilePath);
  for (const node of snapshots) {
    for (const name of declaredSnapshotNames(node.rawCode)) {
      claim(`ref:${name}`, 'resources', node.filePath ?? node.originalFilePath);
      snapshotNames.set(name, node.filePath ?? node.originalFilePath);
    }
  }
  for (const node of [...analyses, ...singularTests]) claim(`${node.resourceType}:${node.name}`, `${node.resourceType === 'test' ? 'tests' : 'analyses'}`, node.filePath ?? node.originalFilePath);

  // Property files, and the entry patching each node.
  const propertyFiles: Array<{ file: PropertyFile; shown: string }> = [];
  for (const file of files.propertyFiles) {
    if (NOT_PROPERTY_FILES.has(file.originalFilePath)) continue;
    const shown = rootRelative(pkg, file.originalFilePath);
    propertyFiles.push({ file: await readPropertyFile(file, shown, { logger, warnings }), shown });
  }
  const patches = new Map<string, PatchRef>();
  for (const { file, shown } of propertyFiles) {
    for (const props of file.nodes) {
      const key = `${props.section}:${props.name}`;
      const earlier = patches.get(key);
      if (earlier) {
        throw new ConfigError(
          `${props.section} entry "${props.name}" is declared twice: ${earlier.shown}:${earlier.props.line ?? '?'} and ${shown}:${props.line ?? '?'}`,
          { location: { file: shown, line: props.line } },
        );
      }
      patches.set(key, { props, file, shown });
    }
  }

  // Versioned models: each version's file becomes a node of the model's name.
  const versionOf = applyModelVersions(models, patches, pkg.name);

  // Config, descriptions and columns of file nodes.
  const byName = new Map<string, ProjectNode>();
  for (const node of [...models, ...seeds, ...analyses, ...singularTests, ...snapshots, ...pythonModels]) {
    const patch = node.resourceType === 'snapshot' ? undefined : patches.get(`${SECTION_OF[node.resourceType]}:${node.name}`);
    const version = versionOf.get(node);
    if (patch) {
      node.description = version?.description ?? patch.props.description;
      node.columns = columnRecord(version ? { columns: version.columns } : patch.props);
      if (patch.props.constraints.length > 0) node.constraints = patch.props.constraints;
      node.patchPath = { file: patch.shown, line: version?.line ?? patch.props.line };
    }
    const { config: resolved, layers } = resolveNodeConfig({
      resourceType: node.resourceType,
      fqn: node.fqn,
      ownTrees: pkg.trees,
      rootTrees,
      propertyConfigs: version ? [...(patch?.props.configs ?? []), version.config] : patch?.props.configs,
    });
    node.config = resolved;
    node.configLayers = layers;
    if (node.resourceType !== 'snapshot' && !version) byName.set(`${SECTION_OF[node.resourceType]}:${node.name}`, node);
  }
  for (const node of pythonModels) {
    if (node.config.enabled) {
      throw new ConfigError('Python models are not supported (disable it with `enabled: false` or rewrite it in SQL)', {
        location: { file: node.filePath ?? node.originalFilePath },
      });
    }
  }

  result.nodes.push(...models, ...seeds, ...snapshots, ...analyses, ...singularTests);

  // Sources, generic tests, macro and snapshot properties, in file order.
  const testIds = new Map<string, { file: string; line: number | undefined }>();
  const addTest = (test: ProjectNode, at: { file: string; line: number | undefined }): void => {
    const earlier = testIds.get(test.uniqueId);
    if (earlier) {
      throw new ConfigError(
        `two tests have the same name "${test.name}" (${earlier.file}:${earlier.line ?? '?'} and ${at.file}:${at.line ?? '?'}); give one of them a \`name:\``,
        { location: at },
      );
    }
    testIds.set(test.uniqueId, at);
    result.nodes.push(test);
  };
  const sourceIds = new Set<string>();

  for (const { file, shown } of propertyFiles) {
    const ctx: GenericTestContext = {
      packageName: pkg.name,
      yaml: file.yaml,
      originalFilePath: file.file.originalFilePath,
      filePath: shown,
      folders: propertyFileFolders(file.file.path),
      ownTrees: pkg.trees,
      rootTrees,
    };
    const testsFor = (target: TestTarget, tests: TestEntry[], columns: NodeProperties['columns']): void => {
      const at = (entry: TestEntry) => ({ file: shown, line: file.yaml.lineOf(entry.keyPath) });
      for (const entry of tests) addTest(buildGenericTest(entry, target, ctx), at(entry));
      for (const column of columns) {
        for (const entry of column.tests) {
          const test = buildGenericTest(entry, target, ctx, { name: column.spec.name, quote: column.spec.quote === true, tags: column.testTags });
          addTest(test, at(entry));
        }
      }
    };
    const testCount = (props: NodeProperties): number => props.tests.length + props.columns.reduce((n, c) => n + c.tests.length, 0);

    for (const props of file.nodes) {
      if (props.section === 'snapshots') {
        if (!snapshotNames.has(props.name)) {
          warn(`snapshots entry "${props.name}" matches no {% snapshot %} block; ignored`, shown, props.line);
          continue;
        }
        result.snapshotProperties.push({
          packageName: pkg.name,
          name: props.name,
          description: props.description,
          columns: columnRecord(props),
          configs: props.configs,
          location: { file: shown, line: props.line },
        });
        testsFor({ kind: 'node', resourceType: 'snapshot', name: props.name, uniqueId: `snapshot.${pkg.name}.${props.name}`, enabled: true }, props.tests, props.columns);
        continue;
      }
      if (props.section === 'models' && props.versions) {
        for (const node of models.filter((m) => m.name === props.name && m.version !== undefined)) {
          const version = props.versions.find((v) => v.v === node.version);
          const target: TestTarget = { kind: 'node', resourceType: 'model', name: node.name, version: node.version, uniqueId: node.uniqueId, enabled: node.config.enabled };
          testsFor(target, props.tests, version?.columns ?? props.columns);
        }
        continue;
      }
      const node = byName.get(`${props.section}:${props.name}`);
      if (!node) {
        const skipped = testCount(props);
        const isPython = props.section === 'models' && pythonModels.some((p) => p.name === props.name);
        if (!isPython) {
          warn(
            `${props.section} entry "${props.name}" matches no ${KIND_NAME[props.section]} file; ignored${skipped ? ` with its ${skipped} test(s)` : ''}`,
            shown,
            props.line,
          );
        }
        continue;
      }
      if (node.resourceType === 'model' || node.resourceType === 'seed') {
        testsFor({ kind: 'node', resourceType: node.resourceType, name: node.name, uniqueId: node.uniqueId, enabled: node.config.enabled }, props.tests, props.columns);
      } else if (testCount(props) > 0) {
        warn(`tests on ${props.section} are not supported; ignored`, shown, props.line);
      }
    }

    for (const source of file.sources) {
      const definitions = buildSourceDefinitions(source, ctx);
      source.tables.forEach((table, i) => {
        const def = definitions[i];
        if (!def) return;
        if (sourceIds.has(def.uniqueId)) {
          throw new ConfigError(`source table "${source.name}.${table.name}" is declared more than once`, {
            location: { file: shown, line: table.line },
          });
        }
        sourceIds.add(def.uniqueId);
        result.sources.push(def);
        testsFor(
          { kind: 'source', source: source.name, table: table.name, uniqueId: def.uniqueId, enabled: def.config.enabled },
          table.tests,
          table.columns,
        );
      });
    }

    for (const exposure of file.exposures) {
      if (!exposure.enabled) continue;
      result.exposures.push(buildExposure(exposure, pkg.name, file.file.originalFilePath, shown));
    }

    for (const macro of file.macros) {
      result.macroProperties.push({
        packageName: pkg.name,
        name: macro.name,
        description: macro.description,
        arguments: macro.arguments,
        meta: macro.meta,
        location: { file: shown, line: macro.line },
      });
    }
  }
}

/**
 * Turns the files of versioned models into versions, as dbt does: the file
 * `<model>_v<v>.sql` (or `defined_in`) becomes node `model.<pkg>.<model>.v<v>`
 * named `<model>` with `version` set; its relation defaults to `<model>_v<v>`.
 */
function applyModelVersions(models: ProjectNode[], patches: Map<string, PatchRef>, packageName: string): Map<ProjectNode, ModelVersionProperties> {
  const out = new Map<ProjectNode, ModelVersionProperties>();
  for (const { props, shown } of patches.values()) {
    if (props.section !== 'models' || !props.versions) continue;
    for (const version of props.versions) {
      const node = models.find((m) => m.name === version.definedIn && !out.has(m));
      if (!node) {
        throw new ConfigError(`version ${version.v} of model "${props.name}" is defined in "${version.definedIn}", but no model file has that name`, {
          location: { file: shown, line: version.line },
        });
      }
      node.name = props.name;
      node.version = version.v;
      node.latestVersion = props.latestVersion;
      node.uniqueId = `model.${packageName}.${props.name}.v${version.v}`;
      node.fqn = [...node.fqn.slice(0, -1), props.name, `v${version.v}`];
      out.set(node, version);
    }
  }
  return out;
}

function buildExposure(props: ExposureProperties, packageName: string, originalFilePath: string, shown: string): ExposureDefinition {
  const refs: RefCall[] = [];
  const sources: Array<[string, string]> = [];
  for (const text of props.dependsOn) {
    const dep = parseExposureDependency(text);
    if (!dep) {
      throw new ConfigError(`exposure "${props.name}": depends_on entry "${text}" is not a ref('...') or source('...', '...') call`, {
        location: { file: shown, line: props.line },
      });
    }
    if ('ref' in dep) refs.push(dep.ref);
    else sources.push(dep.source);
  }
  return {
    uniqueId: `exposure.${packageName}.${props.name}`,
    packageName,
    name: props.name,
    type: props.type,
    owner: props.owner,
    description: props.description,
    label: props.label,
    maturity: props.maturity,
    url: props.url,
    meta: props.meta,
    tags: props.tags,
    refs,
    sources,
    dependsOn: { nodes: [] },
    originalFilePath,
    filePath: shown,
    fqn: [packageName, ...propertyFileFolders(originalFilePath).slice(1), props.name],
    location: { file: shown, line: props.line },
  };
}

function columnRecord(props: Pick<NodeProperties, 'columns'>): Record<string, ColumnSpec> {
  const out: Record<string, ColumnSpec> = {};
  for (const column of props.columns) out[column.spec.name] = column.spec;
  return out;
}
