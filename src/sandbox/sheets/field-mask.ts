/**
 * Google's partial-response `fields` parameter: `properties.title,sheets(properties(sheetId,title))`,
 * `sheets/properties`, `*`. Parsed into a tree and applied to a JSON answer
 * (arrays apply the mask to each element). Unknown fields select nothing,
 * as in the API.
 */

/** A parsed mask: field name -> sub-mask (`true` = the whole value). */
export type FieldMask = Map<string, FieldMask | true>;

function splitTop(text: string): string[] | undefined {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let k = 0; k < text.length; k++) {
    const ch = text[k];
    if (ch === '(') depth++;
    else if (ch === ')' && --depth < 0) return undefined;
    else if (ch === ',' && depth === 0) {
      out.push(text.slice(start, k).trim());
      start = k + 1;
    }
  }
  if (depth !== 0) return undefined;
  out.push(text.slice(start).trim());
  return out.filter((s) => s !== '');
}

function merge(into: FieldMask, path: string[], leaf: FieldMask | true): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (rest.length === 0) {
    const existing = into.get(head);
    if (existing === true || leaf === true) into.set(head, true);
    else if (existing) for (const [k, v] of leaf) merge(existing, [k], v);
    else into.set(head, leaf);
    return;
  }
  let child = into.get(head);
  if (child === true) return;
  if (!child) {
    child = new Map();
    into.set(head, child);
  }
  merge(child, rest, leaf);
}

/** Parses a `fields` value; undefined when it is malformed. */
export function parseFieldMask(text: string): FieldMask | undefined {
  const items = splitTop(text);
  if (!items) return undefined;
  const mask: FieldMask = new Map();
  for (const item of items) {
    const open = item.indexOf('(');
    const pathText = open < 0 ? item : item.slice(0, open);
    const path = pathText.split(/[./]/).map((s) => s.trim());
    if (path.some((s) => !/^(\*|[A-Za-z_][A-Za-z0-9_]*)$/.test(s))) return undefined;
    let leaf: FieldMask | true = true;
    if (open >= 0) {
      if (!item.endsWith(')')) return undefined;
      const sub = parseFieldMask(item.slice(open + 1, -1));
      if (!sub) return undefined;
      leaf = sub;
    }
    merge(mask, path, leaf);
  }
  return mask;
}

/** `value` restricted to `mask`. */
export function applyFieldMask(value: unknown, mask: FieldMask | true): unknown {
  if (mask === true || mask.has('*')) return value;
  if (Array.isArray(value)) return value.map((v) => applyFieldMask(v, mask));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, sub] of mask) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = applyFieldMask(v, sub);
  }
  return out;
}
