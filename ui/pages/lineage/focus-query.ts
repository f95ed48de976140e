/**
 * The lineage search box: an asset name or key, optionally written like a dbt
 * selector (`2+fct_mrr+1`, `+fct_mrr`, `fct_mrr+`), resolved against the
 * project's asset keys. Pure.
 */

/** Levels meaning "all the way" (the API's maximum). */
export const ALL_LEVELS = 99;

/** What the search asks for: an asset and, when the text said so, the levels up and down. */
export interface FocusQuery {
  key: string;
  up?: number;
  down?: number;
}

const SELECTOR = /^(?:(\d*)\+)?(.*?)(?:\+(\d*))?$/;

/** Finds the key `text` names: exact key, then exact name (models first), then a key containing it. */
export function resolveAssetKey(text: string, keys: readonly string[]): string | undefined {
  const t = text.trim().toLowerCase();
  if (t === '') return undefined;
  const exact = keys.find((k) => k.toLowerCase() === t);
  if (exact) return exact;
  const named = keys.filter((k) => k.slice(k.indexOf(':') + 1).toLowerCase() === t);
  if (named.length > 0) return named.find((k) => k.startsWith('model:')) ?? named[0];
  return keys.find((k) => k.toLowerCase().includes(t));
}

/** Parses the search text; undefined when it names no asset. Plain names leave the levels as they are. */
export function parseFocusQuery(text: string, keys: readonly string[]): FocusQuery | undefined {
  const m = SELECTOR.exec(text.trim());
  if (!m) return undefined;
  const [, up, name = '', down] = m;
  const key = resolveAssetKey(name, keys);
  if (!key) return undefined;
  if (up === undefined && down === undefined) return { key };
  const levels = (n: string | undefined): number => (n === undefined ? 0 : n === '' ? ALL_LEVELS : Math.min(ALL_LEVELS, Number(n)));
  return { key, up: levels(up), down: levels(down) };
}
