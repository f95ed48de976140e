/**
 * The `files` source: CSV, JSONL and Parquet files (a path or glob per
 * stream), loaded by the warehouse's own readers, incremental by file.
 */
import { access } from 'node:fs/promises';
import { constants } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { errorMessage } from '../../../core/errors.js';
import type { CheckResult, Source, SourceContext, SourceFactory, Stream } from '../../source.js';
import { parseFilesStream } from './files-stream-settings.js';
import { FilesStream } from './files-stream.js';

/** The `config:` block of a files connection (optional). */
export const filesConfigSchema = z
  .object({
    /** Folder that relative stream paths resolve against (itself relative to the project). Default: the project. */
    base_dir: z.string().min(1).optional(),
  })
  .strict();

/** A validated files config. */
export type FilesConfig = z.output<typeof filesConfigSchema>;

class FilesSource implements Source {
  readonly type = 'files';
  private readonly list: FilesStream[];

  constructor(config: FilesConfig, context: SourceContext) {
    const baseDir = path.resolve(context.projectDir, config.base_dir ?? '.');
    this.list = Object.entries(context.streams).map(
      ([name, raw]) => new FilesStream(parseFilesStream(name, raw), baseDir, context.projectDir),
    );
  }

  async check(): Promise<CheckResult> {
    if (this.list.length === 0) return { ok: false, message: 'no streams configured (a files connection lists its streams)' };
    const problems: string[] = [];
    let total = 0;
    for (const s of this.list) {
      try {
        const files = await s.match();
        if (files.length === 0) problems.push(`stream ${s.definition.name}: no file matches`);
        for (const f of files) {
          try {
            await access(f.path, constants.R_OK);
            total++;
          } catch {
            problems.push(`stream ${s.definition.name}: ${f.key} is not readable`);
          }
        }
      } catch (err) {
        problems.push(errorMessage(err));
      }
    }
    if (problems.length > 0) return { ok: false, message: problems.join('; ') };
    return { ok: true, message: `${total} file${total === 1 ? '' : 's'} readable in ${this.list.length} stream${this.list.length === 1 ? '' : 's'}` };
  }

  async streams(): Promise<Stream[]> {
    return this.list;
  }
}

/** The `files` source factory. */
export const filesSource: SourceFactory<FilesConfig> = {
  type: 'files',
  configSchema: filesConfigSchema,
  create: (config, context) => new FilesSource(config, context),
};
