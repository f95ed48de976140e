/**
 * Lineage layouts kept on disk between server starts (ELK takes seconds on a
 * 1,000-asset graph): one JSON file per laid-out view in the project's
 * `.basin/lineage-layouts/`, named by a hash of the ELK input (every node,
 * edge and layout option, so any change to the graph or the view is another
 * file) and LAYOUT_FILE_VERSION. Written atomically (a temporary file renamed
 * over), read back only when its key, version and shape match the graph; at
 * most `keep` files, the least recently used removed. A file that cannot be
 * read or written is only logged: the layout is then computed as before.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { errorMessage } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { ElkInput, Layout } from './elk-graph.js';

/** Bump when what a file holds, or how ELK's answer is read (readLayout), changes. */
export const LAYOUT_FILE_VERSION = 1;

/** Layout files kept by default. */
export const LAYOUT_FILES_KEPT = 32;

/** The folder of a project's stored layouts. */
export function layoutStoreDir(projectDir: string): string {
  return path.join(projectDir, '.basin', 'lineage-layouts');
}

/** The file key of a layout of `input`. */
export function layoutKey(input: ElkInput): string {
  return createHash('sha256')
    .update(JSON.stringify({ version: LAYOUT_FILE_VERSION, input }))
    .digest('hex')
    .slice(0, 32);
}

interface LayoutFile {
  version: number;
  key: string;
  /** ELK's time when the layout was computed. */
  ms: number;
  width: number;
  height: number;
  /** [asset id, x, y] per node. */
  positions: Array<[string, number, number]>;
  paths: Array<Array<[number, number]>>;
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isPoint = (p: unknown): boolean => Array.isArray(p) && p.length === 2 && isNumber(p[0]) && isNumber(p[1]);

/** The stored layouts of one project. */
export class LayoutStore {
  constructor(
    private readonly dir: string,
    private readonly logger: Logger,
    private readonly keep = LAYOUT_FILES_KEPT,
  ) {}

  /** The stored layout of `input` with ELK's time, or undefined when there is none that fits it. */
  async read(key: string, input: ElkInput): Promise<{ layout: Layout; ms: number } | undefined> {
    const file = this.file(key);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      return undefined;
    }
    try {
      const data = JSON.parse(text) as Partial<LayoutFile>;
      const layout = data.version === LAYOUT_FILE_VERSION && data.key === key ? fitting(data, input) : undefined;
      if (!layout) {
        this.logger.debug('stored lineage layout does not fit the graph; laying out again', { file });
        return undefined;
      }
      // Kept as recently used (the store removes the least recently used files).
      const now = new Date();
      await utimes(file, now, now).catch(() => undefined);
      return { layout, ms: isNumber(data.ms) ? data.ms : 0 };
    } catch (err) {
      this.logger.warn('could not read a stored lineage layout; laying out again', { file, error: errorMessage(err) });
      return undefined;
    }
  }

  /** Stores `layout` under `key` (atomically), then removes the least recently used files beyond `keep`. */
  async write(key: string, layout: Layout, ms: number): Promise<void> {
    const data: LayoutFile = {
      version: LAYOUT_FILE_VERSION,
      key,
      ms: Math.round(ms),
      width: layout.width,
      height: layout.height,
      positions: [...layout.positions].map(([id, p]) => [id, p.x, p.y]),
      paths: layout.paths,
    };
    await mkdir(this.dir, { recursive: true });
    const file = this.file(key);
    const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
    try {
      await writeFile(tmp, JSON.stringify(data));
      await rename(tmp, file);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
    await this.prune();
  }

  private file(key: string): string {
    return path.join(this.dir, `${key}.json`);
  }

  private async prune(): Promise<void> {
    const names = (await readdir(this.dir)).filter((n) => n.endsWith('.json'));
    if (names.length <= this.keep) return;
    const dated = await Promise.all(
      names.map(async (name) => ({ name, at: await stat(path.join(this.dir, name)).then((s) => s.mtimeMs, () => 0) })),
    );
    dated.sort((a, b) => b.at - a.at || a.name.localeCompare(b.name));
    for (const { name } of dated.slice(this.keep)) await rm(path.join(this.dir, name), { force: true });
  }
}

/** The stored layout when it has a position for every node of `input` and a path for every edge. */
function fitting(data: Partial<LayoutFile>, input: ElkInput): Layout | undefined {
  if (!isNumber(data.width) || !isNumber(data.height) || !Array.isArray(data.positions) || !Array.isArray(data.paths)) return undefined;
  const positions = new Map<string, { x: number; y: number }>();
  for (const entry of data.positions) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !isNumber(entry[1]) || !isNumber(entry[2])) return undefined;
    positions.set(entry[0], { x: entry[1], y: entry[2] });
  }
  if (!input.children.every((c) => positions.has(c.id))) return undefined;
  if (data.paths.length !== input.edges.length || !data.paths.every((p) => Array.isArray(p) && p.every(isPoint))) return undefined;
  return { width: data.width, height: data.height, positions, paths: data.paths };
}
