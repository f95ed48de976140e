import { fnmatch } from './fnmatch.js';

/**
 * Glob matching of project-relative paths, as dbt's `path:` method does with
 * `Path(project_root).glob(selector)`: the pattern is split on `/`, each part
 * is a wildcard for one path segment, and `**` matches any number of folders.
 * Pure: instead of listing the file system, candidate paths are tested.
 */

/** Splits a project-relative path into segments, accepting `\`, `./` and doubled or trailing `/`. */
export function pathSegments(p: string): string[] {
  return p.replace(/\\/g, '/').split('/').filter((s) => s !== '' && s !== '.');
}

/** Normalises a project-relative path: `/` separators, no `./`, no trailing `/`. */
export function normalizeRelativePath(p: string): string {
  return pathSegments(p).join('/');
}

/** A compiled glob: tests a path given as segments, optionally only its first `length` segments. */
export type PathGlob = (segments: readonly string[], length?: number) => boolean;

/** Compiles a glob pattern relative to the project root. `.` matches everything. */
export function compilePathGlob(pattern: string): PathGlob {
  const pat = pathSegments(pattern);
  if (pat.length === 0) return () => true;
  return (segments, length = segments.length) => matchSegments(pat, 0, segments, 0, length);
}

/** True when `pattern` matches the path `candidate`. */
export function globMatchesPath(pattern: string, candidate: string): boolean {
  return compilePathGlob(pattern)(pathSegments(candidate));
}

/** True when `glob` matches the file or one of the folders containing it. */
export function globMatchesFileOrFolder(glob: PathGlob, file: string): boolean {
  const segments = pathSegments(file);
  for (let k = segments.length; k >= 1; k--) if (glob(segments, k)) return true;
  return false;
}

/** The folders containing `file`, innermost first, excluding the project root. */
export function parentFolders(file: string): string[] {
  const parts = pathSegments(file);
  const out: string[] = [];
  for (let i = parts.length - 1; i >= 1; i--) out.push(parts.slice(0, i).join('/'));
  return out;
}

function matchSegments(pat: readonly string[], pi: number, path: readonly string[], si: number, end: number): boolean {
  if (pi === pat.length) return si === end;
  const seg = pat[pi]!;
  if (seg === '**') {
    for (let k = si; k <= end; k++) {
      if (matchSegments(pat, pi + 1, path, k, end)) return true;
    }
    return false;
  }
  if (si === end) return false;
  return fnmatch(path[si]!, seg) && matchSegments(pat, pi + 1, path, si + 1, end);
}
