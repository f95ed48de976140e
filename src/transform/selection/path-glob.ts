import { fnmatch } from './fnmatch.js';

/**
 * Glob matching of project-relative paths, as dbt's `path:` method does with
 * `Path(project_root).glob(selector)`: the pattern is split on `/`, each part
 * is a wildcard for one path segment, and `**` matches any number of folders.
 * Pure: instead of listing the file system, candidate paths are tested.
 */

/** Normalises a project-relative path: `/` separators, no `./`, no trailing `/`. */
export function normalizeRelativePath(p: string): string {
  const parts = p.replace(/\\/g, '/').split('/').filter((s) => s !== '' && s !== '.');
  return parts.join('/');
}

/** True when `pattern` (relative to the project root) matches the path `candidate`. */
export function globMatchesPath(pattern: string, candidate: string): boolean {
  const pat = normalizeRelativePath(pattern);
  const cand = normalizeRelativePath(candidate);
  if (pat === '') return true;
  return matchSegments(pat.split('/'), 0, cand === '' ? [] : cand.split('/'), 0);
}

/** The folders containing `file`, innermost first, excluding the project root. */
export function parentFolders(file: string): string[] {
  const parts = normalizeRelativePath(file).split('/');
  const out: string[] = [];
  for (let i = parts.length - 1; i >= 1; i--) out.push(parts.slice(0, i).join('/'));
  return out;
}

function matchSegments(pat: readonly string[], pi: number, path: readonly string[], si: number): boolean {
  if (pi === pat.length) return si === path.length;
  const seg = pat[pi]!;
  if (seg === '**') {
    for (let k = si; k <= path.length; k++) {
      if (matchSegments(pat, pi + 1, path, k)) return true;
    }
    return false;
  }
  if (si === path.length) return false;
  return fnmatch(path[si]!, seg) && matchSegments(pat, pi + 1, path, si + 1);
}
