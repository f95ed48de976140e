/**
 * One `files` stream: finds the files its paths match and yields each new or
 * changed one (sorted by path) as a FileBatch for the loader to read. The
 * state maps each loaded file to its fingerprint, so a rerun skips files
 * already loaded ("incremental by file"). `write: replace` and full refreshes
 * always yield every file (the table is rebuilt from them).
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, throwIfAborted } from '../../../core/errors.js';
import type { FileBatch, ReadContext, Stream, StreamDefinition, StreamState } from '../../source.js';
import { sameStat, sha256File, type FileFingerprint } from './file-fingerprint.js';
import { formatFromPath, isTabSeparated, type FileFormat } from './file-format.js';
import type { FilesStreamSettings } from './files-stream-settings.js';
import { expandGlob, hasGlob } from './glob.js';

/** The state of a files stream: fingerprints by path (project-relative when inside the project). */
export interface FilesState {
  files: Record<string, FileFingerprint>;
}

/** A matched file and how the loader should read it. */
export interface MatchedFile {
  path: string;
  /** The state key: project-relative with `/`, or absolute outside the project. */
  key: string;
  format: FileFormat;
}

/** A stream of a files connection. */
export class FilesStream implements Stream {
  readonly definition: StreamDefinition;

  constructor(
    private readonly settings: FilesStreamSettings,
    private readonly baseDir: string,
    private readonly projectDir: string,
  ) {
    this.definition = {
      name: settings.name,
      primaryKey: settings.primaryKey,
      cursorField: settings.cursor,
      write: settings.write,
      contract: settings.contract,
      maxNestingDepth: settings.maxNestingDepth,
    };
  }

  /** The files the stream's paths match now, sorted; throws when a literal path is missing. */
  async match(): Promise<MatchedFile[]> {
    const seen = new Map<string, MatchedFile>();
    for (const pattern of this.settings.patterns) {
      const abs = path.resolve(this.baseDir, pattern);
      const files = await expandGlob(abs);
      if (files.length === 0 && !hasGlob(pattern)) {
        const st = await stat(abs).catch(() => undefined);
        const why = st?.isDirectory() ? 'is a folder (use a glob such as dir/*.csv)' : 'does not exist or is not readable';
        throw new ConfigError(`${pattern} ${why}`, { key: `streams.${this.settings.name}.path` });
      }
      for (const file of files) {
        const format = this.settings.format ?? formatFromPath(file);
        if (format === undefined) {
          throw new ConfigError(`cannot tell the format of ${path.basename(file)} from its extension; set format`, {
            key: `streams.${this.settings.name}.format`,
          });
        }
        seen.set(file, { path: file, key: this.keyOf(file), format });
      }
    }
    return [...seen.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  async *read(context: ReadContext): AsyncGenerator<FileBatch> {
    const rebuild = context.fullRefresh || this.settings.write === 'replace';
    const previous = rebuild ? {} : (filesOf(context.state) ?? {});
    const files = await this.match();
    if (files.length === 0) {
      context.logger.warn('no file matches the stream path', { stream: this.settings.name, path: this.settings.patterns });
      return;
    }
    const current: Record<string, FileFingerprint> = {};
    for (const f of files) {
      const old = previous[f.key];
      if (old !== undefined) current[f.key] = old;
    }
    let skipped = 0;
    for (const f of files) {
      throwIfAborted(context.signal);
      const st = await stat(f.path);
      const old = previous[f.key];
      if (sameStat(old, st)) {
        skipped++;
        continue;
      }
      const sha256 = await sha256File(f.path, context.signal);
      current[f.key] = { size: st.size, mtime: st.mtime.toISOString(), sha256 };
      if (old?.sha256 === sha256) {
        skipped++;
        continue;
      }
      yield {
        kind: 'file',
        format: f.format,
        path: f.path,
        csv: f.format === 'csv' ? this.csvOptions(f.path) : undefined,
        state: { files: { ...current } } satisfies FilesState,
      };
    }
    context.logger.debug('files read', { stream: this.settings.name, matched: files.length, unchanged: skipped });
  }

  private csvOptions(file: string): { delimiter?: string; header?: boolean } {
    const out: { delimiter?: string; header?: boolean } = { header: true, ...this.settings.csv };
    if (out.delimiter === undefined && isTabSeparated(file)) out.delimiter = '\t';
    return out;
  }

  private keyOf(file: string): string {
    const rel = path.relative(this.projectDir, file);
    if (rel.startsWith('..') || path.isAbsolute(rel)) return file.split(path.sep).join('/');
    return rel.split(path.sep).join('/');
  }
}

function filesOf(state: StreamState | undefined): Record<string, FileFingerprint> | undefined {
  const files = state?.files;
  if (files === null || typeof files !== 'object' || Array.isArray(files)) return undefined;
  return files as Record<string, FileFingerprint>;
}
