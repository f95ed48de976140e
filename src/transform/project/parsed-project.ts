/**
 * The result of parsing a project's files: nodes, sources and raw macro and
 * docs files, before any template is rendered.
 */
import type { ProjectConfig, ResourceConfigTrees } from '../../config/index.js';
import type { ConfigPatch } from './config-merge.js';
import type { PropertyWarning } from './property-files.js';
import type { ColumnSpec, ExposureDefinition, FileLocation, ProjectNode, SourceDefinition } from './types.js';

/** A raw `.sql` file of macros (from macro paths) or generic test blocks (from `tests/generic/`). */
export interface MacroFile {
  /** Relative to its package root (dbt's `original_file_path`). */
  path: string;
  /** Relative to the root project, for messages. */
  filePath: string;
  absolutePath: string;
  source: string;
  packageName: string;
  /** `generic_test` for files under `<test-path>/generic/`. */
  kind: 'macro' | 'generic_test';
}

/** A raw `.md` file that may hold `{% docs %}` blocks. */
export interface DocsFile {
  path: string;
  filePath: string;
  absolutePath: string;
  source: string;
  packageName: string;
}

/** A `macros:` property entry (documentation for a macro). */
export interface MacroProperty {
  packageName: string;
  name: string;
  description: string;
  arguments: unknown[];
  meta: Record<string, unknown>;
  location: FileLocation;
}

/**
 * A `snapshots:` property entry. Snapshot blocks are split by the renderer,
 * which applies these (description, columns, config layers) to the snapshot
 * node of the same name and package.
 */
export interface SnapshotProperty {
  packageName: string;
  name: string;
  description: string;
  columns: Record<string, ColumnSpec>;
  /** Property-file config layers, in order, for `mergeConfig`. */
  configs: ConfigPatch[];
  location: FileLocation;
}

/** A package whose files were parsed (the root project included). */
export interface PackageInfo {
  name: string;
  rootDir: string;
  /** Relative to the root project; `''` for the root. */
  relativeDir: string;
  isRoot: boolean;
  version?: string | undefined;
  /** The package's own dbt_project.yml vars (see `varsForPackage`). */
  vars: Record<string, unknown>;
  /** The package's own dbt_project.yml config trees. */
  resourceConfigs: ResourceConfigTrees;
}

/** Everything parsing found. Pure data: no template has been rendered. */
export interface ParsedProject {
  config: ProjectConfig;
  /**
   * Models, seeds, snapshot files (one raw node per file, named after the
   * file; the renderer splits its blocks), analyses, singular tests and
   * generic tests. Disabled nodes are included with `config.enabled: false`.
   */
  nodes: ProjectNode[];
  sources: SourceDefinition[];
  /** Enabled exposures, not yet linked. */
  exposures: ExposureDefinition[];
  macroFiles: MacroFile[];
  docsFiles: DocsFile[];
  macroProperties: MacroProperty[];
  snapshotProperties: SnapshotProperty[];
  packages: PackageInfo[];
  propertyWarnings: PropertyWarning[];
}
