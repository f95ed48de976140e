/**
 * A data file's format from its extension (`.csv`, `.tsv`, `.jsonl`,
 * `.ndjson`, `.parquet`, optionally compressed with `.gz` / `.zst`).
 */

/** The formats the loader reads directly. */
export type FileFormat = 'csv' | 'jsonl' | 'parquet';

const BY_EXTENSION: Record<string, FileFormat> = {
  csv: 'csv',
  tsv: 'csv',
  txt: 'csv',
  jsonl: 'jsonl',
  ndjson: 'jsonl',
  parquet: 'parquet',
  pq: 'parquet',
};

/** The format of `file`, or undefined when its extension says nothing. */
export function formatFromPath(file: string): FileFormat | undefined {
  const ext = extensionOf(file);
  return ext === undefined ? undefined : BY_EXTENSION[ext];
}

/** True for `.tsv` files (tab-delimited unless the stream sets a delimiter). */
export function isTabSeparated(file: string): boolean {
  return extensionOf(file) === 'tsv';
}

function extensionOf(file: string): string | undefined {
  const parts = file.toLowerCase().split('/').pop()?.split('.') ?? [];
  while (parts.length > 1 && (parts.at(-1) === 'gz' || parts.at(-1) === 'zst')) parts.pop();
  return parts.length > 1 ? parts.at(-1) : undefined;
}
