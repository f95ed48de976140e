/**
 * Turns what a custom stream's `read()` yields (an array, `{ records, state }`
 * or a file batch) into the loader's RecordBatch, with a clear error naming
 * the module and stream for anything else.
 */
import { ConfigError } from '../../core/errors.js';
import type { RecordBatch } from '../source.js';

const FILE_FORMATS = new Set(['jsonl', 'csv', 'parquet']);

/** Normalizes one yielded value; `file` and `stream` name the culprit in errors. */
export function toRecordBatch(value: unknown, where: { file: string; stream: string }): RecordBatch {
  if (Array.isArray(value)) return { kind: 'records', records: value as Array<Record<string, unknown>> };
  if (typeof value === 'object' && value !== null) {
    const v = value as Record<string, unknown>;
    if (v.kind === 'file') {
      if (typeof v.path === 'string' && typeof v.format === 'string' && FILE_FORMATS.has(v.format)) return value as RecordBatch;
      throw invalid(where, 'a file batch needs `path` (a string) and `format` (jsonl, csv or parquet)');
    }
    if ((v.kind === undefined || v.kind === 'records') && Array.isArray(v.records)) {
      if (v.state !== undefined && (typeof v.state !== 'object' || v.state === null || Array.isArray(v.state))) {
        throw invalid(where, '`state` must be an object (it is stored as JSON and handed back to read() as ctx.state)');
      }
      if (v.deletedKeys !== undefined && !Array.isArray(v.deletedKeys)) throw invalid(where, '`deletedKeys` must be a list of key tuples');
      return {
        kind: 'records',
        records: v.records as Array<Record<string, unknown>>,
        state: v.state as Record<string, unknown> | undefined,
        deletedKeys: v.deletedKeys as unknown[][] | undefined,
      };
    }
  }
  throw invalid(where, 'expected an array of records, { records, state } or { kind: "file", format, path }');
}

function invalid(where: { file: string; stream: string }, detail: string): ConfigError {
  return new ConfigError(`stream ${where.stream} yielded an invalid batch: ${detail}`, { location: { file: where.file } });
}
