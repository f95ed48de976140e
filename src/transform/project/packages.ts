/**
 * The root project and the packages installed under `dbt_packages/` (each
 * with its own dbt_project.yml), as the units files are discovered in.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { errorMessage } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import {
  defaultResourcePaths,
  loadDbtProjectFile,
  type ProjectConfig,
  type ResourceConfigTrees,
  type ResourcePaths,
} from '../../config/index.js';
import type { PropertyWarning } from './property-files.js';

/** A package whose files are parsed: the root project or an installed package. */
export interface ProjectPackage {
  name: string;
  /** Absolute directory. */
  rootDir: string;
  /** Relative to the root project, POSIX; `''` for the root project. */
  relativeDir: string;
  isRoot: boolean;
  paths: ResourcePaths;
  /** Folders (relative to `rootDir`) never searched: target and packages folders. */
  skipDirs: string[];
  /** The package's own dbt_project.yml config trees. */
  trees: ResourceConfigTrees;
  /** The package's own dbt_project.yml vars (for `varsForPackage`). */
  vars: Record<string, unknown>;
  version?: string | undefined;
}

/** The root project as a package. */
export function rootPackage(config: ProjectConfig): ProjectPackage {
  return {
    name: config.name,
    rootDir: config.rootDir,
    relativeDir: '',
    isRoot: true,
    paths: config.paths,
    skipDirs: [config.targetPath, config.packagesInstallPath, 'node_modules'],
    trees: config.resourceConfigs,
    vars: config.vars,
    version: config.version,
  };
}

/**
 * Installed packages under `config.packagesInstallPath`, sorted by folder
 * name. Folders without a readable dbt_project.yml, or whose name clashes
 * with an earlier package, are skipped with a warning.
 */
export async function installedPackages(
  config: ProjectConfig,
  logger: Logger,
  warnings: PropertyWarning[],
): Promise<ProjectPackage[]> {
  const installDir = path.resolve(config.rootDir, config.packagesInstallPath);
  let entries;
  try {
    entries = await readdir(installDir, { withFileTypes: true });
  } catch {
    return [];
  }
  const warn = (message: string, file: string): void => {
    warnings.push({ message, file });
    logger.warn(`${file}: ${message}`);
  };
  const names = new Set([config.name]);
  const out: ProjectPackage[] = [];
  for (const entry of entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const rootDir = path.join(installDir, entry.name);
    const relativeDir = path.relative(config.rootDir, rootDir).split(path.sep).join('/');
    const shown = `${relativeDir}/dbt_project.yml`;
    let project;
    try {
      project = await loadDbtProjectFile(path.join(rootDir, 'dbt_project.yml'), shown, logger);
    } catch (err) {
      warn(`package skipped: ${errorMessage(err)}`, shown);
      continue;
    }
    if (names.has(project.name)) {
      warn(`package skipped: the name "${project.name}" is already used by another package or the project`, shown);
      continue;
    }
    names.add(project.name);
    const defaults = defaultResourcePaths();
    const paths: ResourcePaths = {
      models: project.paths.models ?? defaults.models,
      seeds: project.paths.seeds ?? defaults.seeds,
      snapshots: project.paths.snapshots ?? defaults.snapshots,
      macros: project.paths.macros ?? defaults.macros,
      tests: project.paths.tests ?? defaults.tests,
      analyses: project.paths.analyses ?? defaults.analyses,
      docs: [],
    };
    paths.docs = project.paths.docs ?? [...new Set(Object.values(paths).flat())];
    out.push({
      name: project.name,
      rootDir,
      relativeDir,
      isRoot: false,
      paths,
      skipDirs: [project.targetPath ?? 'target', project.packagesInstallPath ?? 'dbt_packages', 'node_modules'],
      trees: project.resourceConfigs,
      vars: project.vars,
      version: project.version,
    });
  }
  return out;
}
