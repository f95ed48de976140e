/**
 * A small glob matcher for file streams (Node 20 has no fs.glob): `*`, `?`,
 * `[abc]` / `[!abc]`, `{a,b}` within one path segment, and `**` for any
 * number of folders. `*` and `?` do not match a leading dot (as in a shell).
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

const MAGIC = /[*?[{]/u;

/** True when `pattern` has glob characters. */
export function hasGlob(pattern: string): boolean {
  return MAGIC.test(pattern);
}

/** Compiles one path segment (no `/`) to a RegExp. */
export function segmentRegExp(segment: string): RegExp {
  let re = '';
  let braces = 0;
  for (let i = 0; i < segment.length; i++) {
    const ch = segment[i] as string;
    if (ch === '\\' && i + 1 < segment.length) {
      re += escapeChar(segment[++i] as string);
    } else if (ch === '*') {
      re += '[^/]*';
    } else if (ch === '?') {
      re += '[^/]';
    } else if (ch === '[') {
      const end = segment.indexOf(']', i + 2);
      if (end < 0) {
        re += '\\[';
      } else {
        let body = segment.slice(i + 1, end);
        if (body.startsWith('!')) body = `^${body.slice(1)}`;
        re += `[${body.replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else if (ch === '{') {
      braces++;
      re += '(?:';
    } else if (ch === '}' && braces > 0) {
      braces--;
      re += ')';
    } else if (ch === ',' && braces > 0) {
      re += '|';
    } else {
      re += escapeChar(ch);
    }
  }
  const dotGuard = segment.startsWith('.') ? '' : '(?!\\.)';
  return new RegExp(`^${dotGuard}${re}$`, 'u');
}

function escapeChar(ch: string): string {
  return /[\\^$.*+?()[\]{}|/]/u.test(ch) ? `\\${ch}` : ch;
}

/** Expands an absolute pattern to the sorted absolute paths of the regular files it matches. */
export async function expandGlob(pattern: string): Promise<string[]> {
  const abs = path.resolve(pattern);
  if (!hasGlob(abs)) {
    const st = await stat(abs).catch(() => undefined);
    return st?.isFile() ? [abs] : [];
  }
  const parts = abs.split(path.sep);
  let first = parts.findIndex((p) => hasGlob(p));
  if (first < 0) first = parts.length;
  const root = parts.slice(0, first).join(path.sep) || path.sep;
  const segments = parts.slice(first);
  const found = new Set<string>();
  await walk(root, segments, found);
  return [...found].sort();
}

async function walk(dir: string, segments: string[], found: Set<string>): Promise<void> {
  const [seg, ...rest] = segments;
  if (seg === undefined) return;
  if (seg === '**') {
    await walk(dir, rest, found);
    for (const sub of await entries(dir)) {
      if (sub.dir && !sub.name.startsWith('.')) await walk(path.join(dir, sub.name), segments, found);
    }
    return;
  }
  const re = segmentRegExp(seg);
  for (const e of await entries(dir)) {
    if (!re.test(e.name)) continue;
    const full = path.join(dir, e.name);
    if (rest.length === 0) {
      if (e.file) found.add(full);
    } else if (e.dir) {
      await walk(full, rest, found);
    }
  }
}

interface Entry {
  name: string;
  file: boolean;
  dir: boolean;
}

async function entries(dir: string): Promise<Entry[]> {
  const list = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const out: Entry[] = [];
  for (const d of list) {
    if (d.isSymbolicLink()) {
      const st = await stat(path.join(dir, d.name)).catch(() => undefined);
      out.push({ name: d.name, file: st?.isFile() ?? false, dir: st?.isDirectory() ?? false });
    } else {
      out.push({ name: d.name, file: d.isFile(), dir: d.isDirectory() });
    }
  }
  return out;
}
