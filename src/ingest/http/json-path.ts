/**
 * Dotted paths into parsed JSON: `data`, `paging.next.after`, `results.0.id`.
 * The empty path (or `$`) is the value itself.
 */

/** The value at `path` in `value`, or undefined when any step is missing. */
export function getPath(value: unknown, path: string | undefined): unknown {
  if (path === undefined || path === '' || path === '$') return value;
  let current = value;
  for (const step of path.replace(/^\$\./, '').split('.')) {
    if (current === null || current === undefined) return undefined;
    if (Array.isArray(current)) {
      if (!/^\d+$/.test(step)) return undefined;
      current = current[Number(step)];
    } else if (typeof current === 'object') {
      current = (current as Record<string, unknown>)[step];
    } else return undefined;
  }
  return current;
}
