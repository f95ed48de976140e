/**
 * HubSpot's error bodies, read into what the destination needs: the items of
 * a 207 (`errors: [{ category, message, context: { ids | objectWriteTraceId } }]`)
 * and a refused request (`{ status: 'error', category, message }`, a
 * VALIDATION_ERROR listing its problems as
 * `Property values were not valid: [{ name, error, message }]`).
 */

/** One item of a batch answer's `errors`. */
export interface BatchErrorItem {
  category: string;
  message: string;
  /** The inputs' ids (or idProperty values) it concerns. */
  ids: string[];
  /** The inputs' `objectWriteTraceId`s it concerns. */
  traceIds: string[];
}

/** A request HubSpot refused as a whole (400). */
export interface Refusal {
  category: string;
  /** HubSpot's message, its property problems spelled out one by one. */
  message: string;
  /** The property problems of a VALIDATION_ERROR, when it lists them. */
  problems: PropertyProblem[];
}

/** One entry of a VALIDATION_ERROR's list. */
export interface PropertyProblem {
  name: string;
  error: string;
  message: string;
}

/** Problems with a property itself (every record carrying it fails), not with one value. */
const PROPERTY_ERRORS = new Set(['PROPERTY_DOESNT_EXIST', 'READ_ONLY_VALUE', 'PROPERTY_NOT_FOUND']);

/** The JSON of a body, or undefined. */
export function parseBody(text: string): unknown {
  try {
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : []);

/** The `errors` of a batch answer (200 / 201 / 207). */
export function batchErrorItems(body: unknown): BatchErrorItem[] {
  const list = (body as { errors?: unknown } | undefined)?.errors;
  if (!Array.isArray(list)) return [];
  return list.flatMap((e: Record<string, unknown> | null) => {
    if (!e || typeof e !== 'object') return [];
    const context = (e['context'] ?? {}) as Record<string, unknown>;
    return [
      {
        category: typeof e['category'] === 'string' ? e['category'] : 'ERROR',
        message: typeof e['message'] === 'string' && e['message'] !== '' ? e['message'] : 'refused by HubSpot',
        ids: strings(context['ids']),
        traceIds: strings(context['objectWriteTraceId']),
      },
    ];
  });
}

/** The property problems of a VALIDATION_ERROR message, or [] when it lists none. */
export function propertyProblems(message: string): PropertyProblem[] {
  const start = message.indexOf('[');
  if (!message.startsWith('Property values were not valid') || start < 0) return [];
  const list = parseBody(message.slice(start));
  if (!Array.isArray(list)) return [];
  return list.flatMap((p: Record<string, unknown> | null) =>
    p && typeof p['message'] === 'string' ? [{ name: String(p['name'] ?? ''), error: String(p['error'] ?? ''), message: p['message'] }] : [],
  );
}

/** A 400 body as a refusal. */
export function refusalOf(text: string): Refusal {
  const body = parseBody(text) as { category?: unknown; message?: unknown } | undefined;
  const category = typeof body?.category === 'string' ? body.category : 'BAD_REQUEST';
  const raw = typeof body?.message === 'string' ? body.message : text.slice(0, 300);
  const problems = propertyProblems(raw);
  const message =
    problems.length > 0 ? problems.map((p) => (p.name !== '' && !p.message.includes(p.name) ? `${p.name}: ${p.message}` : p.message)).join('; ') : raw;
  return { category, message, problems };
}

/** Whether the refusal is about values of some records only (worth splitting the batch to find them). */
export function isValueRefusal(refusal: Refusal): boolean {
  return refusal.category === 'VALIDATION_ERROR' && refusal.problems.length > 0 && refusal.problems.every((p) => !PROPERTY_ERRORS.has(p.error));
}
