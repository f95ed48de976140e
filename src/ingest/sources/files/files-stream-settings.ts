/**
 * The settings of one `files` stream in sources/*.yml. Errors name the
 * stream and the key (`streams.charges.path: ...`).
 */
import { z } from 'zod';
import { ConfigError } from '../../../core/errors.js';
import type { ContractMode, WriteDisposition } from '../../source.js';
import type { FileFormat } from './file-format.js';

const column = z.string().min(1);

/** The zod schema of one files stream. */
export const filesStreamSettingsSchema = z
  .object({
    /** A file or a glob (or several), relative to the project folder or absolute. */
    path: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
    format: z.enum(['csv', 'jsonl', 'parquet']).optional(),
    primary_key: z.union([column, z.array(column)]).optional(),
    write: z.enum(['append', 'replace', 'merge']).optional(),
    cursor: column.optional(),
    csv: z
      .object({ delimiter: z.string().min(1).max(4).optional(), header: z.boolean().optional() })
      .strict()
      .optional(),
    contract: z.enum(['evolve', 'freeze', 'discard_row', 'discard_value']).optional(),
    max_nesting_depth: z.number().int().min(0).optional(),
  })
  .strict();

/** One validated files stream. */
export interface FilesStreamSettings {
  name: string;
  patterns: string[];
  format?: FileFormat | undefined;
  primaryKey: string[];
  write: WriteDisposition;
  cursor?: string | undefined;
  csv?: { delimiter?: string; header?: boolean } | undefined;
  contract?: ContractMode | undefined;
  maxNestingDepth?: number | undefined;
}

/** Validates one stream's raw settings. */
export function parseFilesStream(name: string, raw: Record<string, unknown> | undefined): FilesStreamSettings {
  const parsed = filesStreamSettingsSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.length ? `.${issue.path.join('.')}` : '';
    const keys = issue?.code === 'unrecognized_keys' ? `.${issue.keys.join(', ')}` : '';
    throw new ConfigError(issue?.message ?? 'invalid stream settings', { key: `streams.${name}${path}${keys}` });
  }
  const s = parsed.data;
  const primaryKey = s.primary_key === undefined ? [] : Array.isArray(s.primary_key) ? s.primary_key : [s.primary_key];
  const write = s.write ?? (primaryKey.length > 0 ? 'merge' : 'append');
  if (write === 'merge' && primaryKey.length === 0) {
    throw new ConfigError('merge needs a primary_key', { key: `streams.${name}.primary_key` });
  }
  const csv = s.csv === undefined ? undefined : { ...s.csv };
  return {
    name,
    patterns: Array.isArray(s.path) ? s.path : [s.path],
    format: s.format,
    primaryKey,
    write,
    cursor: s.cursor,
    csv: csv as FilesStreamSettings['csv'],
    contract: s.contract,
    maxNestingDepth: s.max_nesting_depth,
  };
}
