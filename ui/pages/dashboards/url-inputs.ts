/**
 * Input values in the URL query string, pure: the page's link is shareable
 * and the back button steps through the choices. Only inputs the viewer set
 * are in the URL; the server fills in the defaults.
 */

/** The value a dropdown's "All" option sends. */
export const ALL_OPTION = '__all__';

/** The date range the server answers for `all`. */
export const ALL_RANGE = { start: '0001-01-01', end: '9999-12-31' };

/** The values of `names` present in `query`. */
export function inputsFromQuery(query: URLSearchParams, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const v = query.get(name);
    if (v !== null) out[name] = v;
  }
  return out;
}

/** `query` with `name` set to `value` (removed when undefined), as `?a=b` (or '' when empty). */
export function withInput(query: URLSearchParams, name: string, value: string | undefined): string {
  const next = new URLSearchParams(query);
  if (value === undefined) next.delete(name);
  else next.set(name, value);
  const s = next.toString();
  return s ? `?${s}` : '';
}

/** The export endpoint's URL for `format` with the current inputs. */
export function exportUrl(name: string, format: 'html' | 'pdf', inputs: Record<string, string>): string {
  const q = new URLSearchParams({ format, ...inputs });
  return `/api/dashboards/${encodeURIComponent(name)}/export?${q.toString()}`;
}

/** A date range value as the URL writes it. */
export function rangeParam(start: string, end: string): string {
  return `${start}..${end}`;
}
