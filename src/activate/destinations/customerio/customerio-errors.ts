/**
 * The Track API's error bodies as record messages: v2
 * `{ errors: [{ reason, field, message, batch_index }] }` (207 for a batch
 * with refused items, 400 for a refused request), v1 `{ meta: { error } }`
 * or `{ meta: { errors: [...] } }`.
 */

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function describe(e: { field?: unknown; message?: unknown; reason?: unknown }): string {
  const message = typeof e.message === 'string' && e.message !== '' ? e.message : typeof e.reason === 'string' ? e.reason : 'refused by Customer.io';
  return typeof e.field === 'string' && e.field !== '' && !message.includes(e.field) ? `${e.field}: ${message}` : message;
}

/** v2 errors of a batch answer by batch index, and the errors without one (they concern the whole request). */
export function batchErrors(text: string): { byIndex: Map<number, string>; general: string[] } {
  const byIndex = new Map<number, string>();
  const general: string[] = [];
  const list = (parse(text) as { errors?: unknown } | undefined)?.errors;
  if (!Array.isArray(list)) return { byIndex, general };
  for (const item of list as Array<Record<string, unknown> | null>) {
    if (!item) continue;
    const message = describe(item);
    const index = item['batch_index'];
    if (typeof index === 'number' && Number.isInteger(index)) byIndex.set(index, byIndex.has(index) ? `${byIndex.get(index)}; ${message}` : message);
    else general.push(message);
  }
  return { byIndex, general };
}

/** The message of a v1 error answer. */
export function v1Error(text: string, status: number): string {
  const meta = (parse(text) as { meta?: { error?: unknown; errors?: unknown } } | undefined)?.meta;
  if (typeof meta?.error === 'string') return meta.error;
  if (Array.isArray(meta?.errors)) return meta.errors.map(String).join('; ');
  return `Customer.io answered ${status}`;
}
