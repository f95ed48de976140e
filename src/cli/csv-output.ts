import { csvField } from '../core/csv-text.js';
import type { QueryResult } from '../warehouse/warehouse.js';

/** A query result as RFC 4180 CSV with a header row. */
export function formatCsv(result: QueryResult): string {
  const names = result.columns.map((c) => c.name);
  const lines = [names.map(csvField).join(',')];
  for (const row of result.rows) lines.push(names.map((n) => csvField(row[n])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
