/**
 * Finds a package's files under its resource folders: models, seeds,
 * snapshots, macros, tests, analyses, property files and docs. Hidden
 * entries and the target/packages folders are skipped; results are sorted
 * by path so parsing is deterministic.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ResourcePaths } from '../../config/index.js';

/** A file found under a resource folder. */
export interface DiscoveredFile {
  absolutePath: string;
  /** Relative to the package root, POSIX separators (dbt's `original_file_path`). */
  originalFilePath: string;
  /** Relative to the resource folder it was found in (dbt's `path`). */
  path: string;
  /** The resource folder, relative to the package root. */
  resourceDir: string;
}

/** All files of one package, by kind. */
export interface DiscoveredFiles {
  models: DiscoveredFile[];
  pythonModels: DiscoveredFile[];
  seeds: DiscoveredFile[];
  snapshots: DiscoveredFile[];
  macros: DiscoveredFile[];
  /** `.sql` files under `<test-path>/generic/`: generic test definitions. */
  genericTests: DiscoveredFile[];
  singularTests: DiscoveredFile[];
  analyses: DiscoveredFile[];
  /** `.yml`/`.yaml` under model, seed, snapshot, analysis, macro and test folders. */
  propertyFiles: DiscoveredFile[];
  /** `.md` under the docs folders. */
  docs: DiscoveredFile[];
}

const toPosix = (p: string): string => p.split(path.sep).join('/');

/**
 * Lists files under `root/resourceDir` (recursively), skipping hidden entries
 * and `skipDirs`. Relative paths are built while walking (path.relative per
 * file costs more than the walk itself on large projects).
 */
export async function walkResourceDir(
  root: string,
  resourceDir: string,
  skipDirs: ReadonlySet<string>,
): Promise<DiscoveredFile[]> {
  const out: DiscoveredFile[] = [];
  const start = path.resolve(root, resourceDir);
  const startRel = toPosix(path.relative(root, start));
  const visit = async (dir: string, relFromRoot: string, relFromStart: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = `${dir}${path.sep}${entry.name}`;
      const rel = relFromRoot ? `${relFromRoot}/${entry.name}` : entry.name;
      const relStart = relFromStart ? `${relFromStart}/${entry.name}` : entry.name;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const s = await stat(full).catch(() => undefined);
        isDir = s?.isDirectory() ?? false;
        isFile = s?.isFile() ?? false;
      }
      if (isDir) {
        if (!skipDirs.has(rel)) await visit(full, rel, relStart);
      } else if (isFile) {
        out.push({ absolutePath: full, originalFilePath: rel, path: relStart, resourceDir });
      }
    }
  };
  await visit(start, startRel === '.' ? '' : startRel, '');
  return out;
}

function byPath(a: DiscoveredFile, b: DiscoveredFile): number {
  return a.originalFilePath < b.originalFilePath ? -1 : a.originalFilePath > b.originalFilePath ? 1 : 0;
}

/** Files of `dirs` (deduplicated, sorted) passing `keep`. */
async function collect(
  walk: (dir: string) => Promise<DiscoveredFile[]>,
  dirs: readonly string[],
  keep: (file: DiscoveredFile) => boolean,
): Promise<DiscoveredFile[]> {
  const seen = new Map<string, DiscoveredFile>();
  for (const dir of dirs) {
    for (const file of await walk(dir)) {
      if (keep(file) && !seen.has(file.originalFilePath)) seen.set(file.originalFilePath, file);
    }
  }
  return [...seen.values()].sort(byPath);
}

const ext = (file: DiscoveredFile, ...exts: string[]): boolean => exts.some((e) => file.path.toLowerCase().endsWith(e));
const isGenericTestPath = (file: DiscoveredFile): boolean => file.path.startsWith('generic/');

/** Discovers every file of the package rooted at `root`. `skipDirs` are relative to `root`. */
export async function discoverFiles(
  root: string,
  paths: ResourcePaths,
  skipDirs: readonly string[],
): Promise<DiscoveredFiles> {
  const skip = new Set(skipDirs.map((d) => toPosix(path.normalize(d)).replace(/\/+$/, '')));
  const yamlDirs = [...paths.models, ...paths.seeds, ...paths.snapshots, ...paths.analyses, ...paths.macros, ...paths.tests];
  // Each folder is walked once, however many kinds of file are looked for in it.
  const walks = new Map<string, Promise<DiscoveredFile[]>>();
  const walk = (dir: string): Promise<DiscoveredFile[]> => {
    let w = walks.get(dir);
    if (!w) {
      w = walkResourceDir(root, dir, skip);
      walks.set(dir, w);
    }
    return w;
  };
  const [models, pythonModels, seeds, snapshots, macros, tests, analyses, propertyFiles, docs] = await Promise.all([
    collect(walk, paths.models, (f) => ext(f, '.sql')),
    collect(walk, paths.models, (f) => ext(f, '.py')),
    collect(walk, paths.seeds, (f) => ext(f, '.csv')),
    collect(walk, paths.snapshots, (f) => ext(f, '.sql')),
    collect(walk, paths.macros, (f) => ext(f, '.sql')),
    collect(walk, paths.tests, (f) => ext(f, '.sql')),
    collect(walk, paths.analyses, (f) => ext(f, '.sql')),
    collect(walk, yamlDirs, (f) => ext(f, '.yml', '.yaml')),
    collect(walk, paths.docs, (f) => ext(f, '.md')),
  ]);
  return {
    models,
    pythonModels,
    seeds,
    snapshots,
    macros,
    genericTests: tests.filter(isGenericTestPath),
    singularTests: tests.filter((f) => !isGenericTestPath(f)),
    analyses,
    propertyFiles,
    docs,
  };
}
