/** The catalog's search and filters: pure, so they are cheap to run on every keystroke. */
import type { CatalogAssetJson, ConnectionJson } from '../api/types';

export interface CatalogFilter {
  text: string;
  kind: string;
  audience: string;
  tag: string;
}

function matchesText(haystack: Array<string | null | undefined>, needle: string): boolean {
  if (needle === '') return true;
  return haystack.some((h) => h !== null && h !== undefined && h.toLowerCase().includes(needle));
}

/** The lowercased text an asset is searched by: name, key, description, relation, tags, column names and descriptions. */
export function assetSearchText(a: CatalogAssetJson): string {
  return [a.name, a.key, a.description, a.relation ?? '', ...a.tags, ...a.columns.flatMap((c) => [c.name, c.description])].join('\n').toLowerCase();
}

/** Whether an asset passes the filter; `text` is its `assetSearchText` (computed once per catalog). */
export function assetMatches(a: CatalogAssetJson, text: string, f: CatalogFilter): boolean {
  if (f.kind !== '' && a.kind !== f.kind) return false;
  if (f.audience !== '' && !a.audiences.includes(f.audience)) return false;
  if (f.tag !== '' && !a.tags.includes(f.tag)) return false;
  const needle = f.text.trim().toLowerCase();
  return needle === '' || text.includes(needle);
}

/** Whether a connection passes the filter: search over its fields and its streams' names. */
export function connectionMatches(c: ConnectionJson, f: CatalogFilter): boolean {
  if (f.kind !== '' && f.kind !== 'connection') return false;
  if (f.audience !== '' && c.audience !== f.audience) return false;
  if (f.tag !== '') return false;
  const needle = f.text.trim().toLowerCase();
  return matchesText([c.name, c.type, c.pipeline, c.schema, c.owner, c.notes, c.audience, ...c.streams.map((s) => s.name)], needle);
}
