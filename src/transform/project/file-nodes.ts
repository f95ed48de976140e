/**
 * Nodes built from files: models, seeds, snapshot files, analyses and
 * singular tests, with names, fqns, paths and checksums. Config is resolved
 * later, once property files are known.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, errorMessage } from '../../core/errors.js';
import type { DiscoveredFile } from './discover-files.js';
import { sha256Hex } from './hash.js';
import type { ProjectPackage } from './packages.js';
import { defaultNodeConfig } from './config-merge.js';
import type { ProjectNode } from './types.js';

/** The resource types built from files. */
export type FileResourceType = 'model' | 'seed' | 'snapshot' | 'analysis' | 'test';

/** The path of a package file relative to the root project. */
export function rootRelative(pkg: ProjectPackage, originalFilePath: string): string {
  return pkg.relativeDir ? `${pkg.relativeDir}/${originalFilePath}` : originalFilePath;
}

/** Reads a file as UTF-8 text (BOM stripped) and its bytes' sha256. */
export async function readSourceFile(file: DiscoveredFile, shown: string): Promise<{ text: string; checksum: string }> {
  let bytes: Buffer;
  try {
    // Project files are small and many: a synchronous read avoids four
    // thread-pool round trips per file (open, stat, read, close).
    bytes = readFileSync(file.absolutePath);
  } catch (err) {
    throw new ConfigError(`cannot read file: ${errorMessage(err)}`, { location: { file: shown } }, { cause: err });
  }
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  return { text, checksum: sha256Hex(bytes) };
}

/** The node name of a file: its base name without extension. */
export function nodeNameOf(file: DiscoveredFile): string {
  return path.posix.basename(file.path).replace(/\.[^.]+$/, '');
}

/** fqn folders of a file: its directories under the resource folder. */
export function foldersOf(file: DiscoveredFile): string[] {
  const dir = path.posix.dirname(file.path);
  return dir === '.' ? [] : dir.split('/');
}

/** A node for `file` with default config (resolved later). */
export async function buildFileNode(
  resourceType: FileResourceType,
  file: DiscoveredFile,
  pkg: ProjectPackage,
): Promise<ProjectNode> {
  const name = nodeNameOf(file);
  const shown = rootRelative(pkg, file.originalFilePath);
  const { text, checksum } = await readSourceFile(file, shown);
  const isSeed = resourceType === 'seed';
  return {
    uniqueId: `${resourceType}.${pkg.name}.${name}`,
    resourceType,
    packageName: pkg.name,
    name,
    path: file.path,
    originalFilePath: file.originalFilePath,
    fqn: [pkg.name, ...foldersOf(file), name],
    rawCode: isSeed ? '' : text,
    language: isSeed ? 'csv' : 'sql',
    config: defaultNodeConfig(resourceType),
    description: '',
    columns: {},
    refs: [],
    sources: [],
    dependsOn: { nodes: [], macros: [] },
    checksum,
    filePath: shown,
  };
}

const SNAPSHOT_BLOCK = /\{%-?\s*snapshot\s+([A-Za-z_][A-Za-z0-9_]*)\s*-?%\}/g;

/** Names declared by `{% snapshot name %}` in a snapshot file (a scan, not a Jinja parse). */
export function declaredSnapshotNames(rawCode: string): string[] {
  return [...rawCode.matchAll(SNAPSHOT_BLOCK)].map((m) => m[1] ?? '').filter(Boolean);
}
