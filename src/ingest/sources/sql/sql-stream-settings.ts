/**
 * Per-stream settings shared by the database sources (postgres, mysql):
 * a table or a custom query, its key, write disposition, cursor column and
 * chunk size. Validation errors name the stream and the key.
 */
import { z } from 'zod';
import { ConfigError } from '../../../core/errors.js';
import type { WriteDisposition } from '../../source.js';

const identifier = z.string().min(1);

/** The zod schema of one stream's settings in sources/*.yml. */
export const sqlStreamSettingsSchema = z
  .object({
    /** `schema.table` or `table` (the connection's default schema). */
    table: identifier.optional(),
    /** A SELECT whose output columns include the cursor and key columns. */
    query: z.string().min(1).optional(),
    primary_key: z.union([identifier, z.array(identifier)]).optional(),
    write: z.enum(['append', 'replace', 'merge']).optional(),
    cursor: identifier.optional(),
    chunk_size: z.number().int().min(1).max(1_000_000).optional(),
  })
  .strict();

/** One validated stream of a database source. */
export interface SqlStreamSettings {
  name: string;
  /** Exactly one of `table` and `query` is set. */
  table?: { schema: string; name: string } | undefined;
  query?: string | undefined;
  /** Undefined: take the table's primary key from the catalog. */
  primaryKey?: string[] | undefined;
  /** Undefined: merge with a cursor and a key, append with a cursor alone, replace otherwise. */
  write?: WriteDisposition | undefined;
  cursor?: string | undefined;
  chunkSize?: number | undefined;
}

/** Splits `schema.table` (or `table`, in `defaultSchema`). */
export function parseTableName(value: string, defaultSchema: string): { schema: string; name: string } {
  const dot = value.indexOf('.');
  if (dot < 0) return { schema: defaultSchema, name: value };
  return { schema: value.slice(0, dot), name: value.slice(dot + 1) };
}

/** Validates every stream of `streams:`; throws a ConfigError naming `streams.<name>.<key>`. */
export function parseSqlStreams(
  streams: Record<string, Record<string, unknown>>,
  defaultSchema: string,
): SqlStreamSettings[] {
  const out: SqlStreamSettings[] = [];
  for (const [name, raw] of Object.entries(streams)) {
    const parsed = sqlStreamSettingsSchema.safeParse(raw ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const path = issue?.path.length ? `.${issue.path.join('.')}` : '';
      const keys = issue?.code === 'unrecognized_keys' ? `.${issue.keys.join(', ')}` : '';
      throw new ConfigError(issue?.message ?? 'invalid stream settings', { key: `streams.${name}${path}${keys}` });
    }
    const s = parsed.data;
    if ((s.table === undefined) === (s.query === undefined)) {
      throw new ConfigError('set exactly one of `table` and `query`', { key: `streams.${name}` });
    }
    if (s.write === 'merge' && s.query !== undefined && s.primary_key === undefined) {
      throw new ConfigError('merge needs a primary_key for a query stream', { key: `streams.${name}.primary_key` });
    }
    out.push({
      name,
      table: s.table === undefined ? undefined : parseTableName(s.table, defaultSchema),
      query: s.query,
      primaryKey: s.primary_key === undefined ? undefined : Array.isArray(s.primary_key) ? s.primary_key : [s.primary_key],
      write: s.write,
      cursor: s.cursor,
      chunkSize: s.chunk_size,
    });
  }
  return out;
}

/** The default write disposition for a stream with this key and cursor. */
export function defaultWrite(primaryKey: string[], cursor: string | undefined): WriteDisposition {
  if (cursor === undefined) return 'replace';
  return primaryKey.length > 0 ? 'merge' : 'append';
}
