import { toJson } from './json-text.js';

/**
 * One value as an RFC 4180 CSV field: NULL is empty, a Date its ISO-8601
 * form, binary `\x` and hex digits, other objects and arrays JSON; quoted
 * (quotes doubled) when it holds a comma, quote or line break.
 */
export function csvField(value: unknown): string {
  return quoteCsv(csvText(value));
}

/** The text a value is written as, before quoting (`csvField`). */
export function csvText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
  return typeof value === 'object' ? toJson(value, 0) : String(value);
}

/** `text` quoted as a CSV field when it needs to be. */
export function quoteCsv(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
