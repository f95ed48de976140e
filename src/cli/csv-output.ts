import type { QueryResult } from '../warehouse/warehouse.js';

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A query result as RFC 4180 CSV with a header row. */
export function formatCsv(result: QueryResult): string {
  const names = result.columns.map((c) => c.name);
  const lines = [names.map(cell).join(',')];
  for (const row of result.rows) lines.push(names.map((n) => cell(row[n])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
