/**
 * The zod schema of one `sources/<name>.yml` connection file. `config` and
 * the stream settings are left loose here: each connector validates its own
 * (see `validateConnectionConfig`).
 */
import { z } from 'zod';
import { isPlainObject } from './yaml-file.js';
import { describeType } from './zod-issues.js';

/** Lowercase identifier: connection names (file base names) and raw schema names. */
export const CONNECTION_NAME_PATTERN = /^[a-z_][a-z0-9_]*$/;

/** The audiences the catalog knows; any other string is a custom audience. */
export const KNOWN_AUDIENCES = ['core', 'product', 'gtm', 'finance', 'marketing', 'support'] as const;

const identifier = z.string().regex(CONNECTION_NAME_PATTERN, {
  message: 'must be lowercase letters, digits and underscores, not starting with a digit',
});

/** A YAML mapping; the message says what was found instead (its type, never its value). */
const mapping = (what: string) =>
  z.custom<Record<string, unknown>>(isPlainObject, { error: (issue) => `expected ${what}, got ${describeType(issue.input)}` });

/** One stream's settings; `name:` alone (null) means default settings. */
const streamSettings = z.preprocess((v) => v ?? {}, mapping('a mapping of stream settings'));

/** `streams:` as a mapping (`name: {settings}` or `name:` alone) or a list of names. */
const streams = z.preprocess(
  (v) => (Array.isArray(v) && v.every((n) => typeof n === 'string') ? Object.fromEntries(v.map((n) => [n, {}])) : v),
  mapping('a mapping of stream names to settings, or a list of stream names').pipe(z.record(z.string().min(1), streamSettings)),
);

/** A cron expression with 5 fields (minute hour day month weekday) or 6 (with seconds first). */
const cron = z.string().refine(
  (text) => {
    const fields = text.trim().split(/\s+/).filter(Boolean).length;
    return fields === 5 || fields === 6;
  },
  { message: 'expected a cron expression with 5 fields (minute hour day-of-month month day-of-week) or 6 (seconds first)' },
);

const text = z.string().min(1);

/** One `sources/<name>.yml`. */
export const sourcesFileSchema = z.strictObject({
  type: text,
  /** For `type: custom`: the TypeScript/JavaScript module, relative to the file (default `<name>.ts`). */
  module: text.optional(),
  config: mapping('a mapping of connector settings').default({}),
  schema: identifier.optional(),
  streams: streams.default({}),
  schedule: cron.optional(),
  pipeline: text.optional(),
  audience: text.optional(),
  owner: text.optional(),
  notes: text.optional(),
});

/** A validated connection file (defaults applied, list-form streams expanded). */
export type SourcesFile = z.output<typeof sourcesFileSchema>;
