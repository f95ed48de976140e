import type { QueryResult } from '../warehouse/warehouse.js';

function text(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  return String(value);
}

/** A query result as an aligned text table, at most `limit` rows. */
export function formatTable(result: QueryResult, limit: number): string {
  const names = result.columns.map((c) => c.name);
  const shown = result.rows.slice(0, limit).map((row) => names.map((n) => text(row[n]).replace(/\n/g, '\\n')));
  const widths = names.map((n, i) => Math.min(60, Math.max(n.length, ...shown.map((r) => (r[i] ?? '').length))));
  const fit = (s: string, w: number): string => (s.length > w ? `${s.slice(0, w - 1)}…` : s.padEnd(w));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => fit(c, widths[i] ?? 0)).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  const out = [line(names), rule, ...shown.map(line)];
  const more = result.rows.length - shown.length;
  out.push(`${result.rows.length} row${result.rows.length === 1 ? '' : 's'}${more > 0 ? ` (${more} not shown)` : ''}`);
  return `${out.join('\n')}\n`;
}
