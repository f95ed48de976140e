/** Jinja2's built-in filters, assembled by name. */
import type { FilterImpl } from '../runtime/runtime-env.js';
import { COLLECTION_FILTERS } from './collection-filters.js';
import { HTML_FILTERS } from './html-filters.js';
import { NUMBER_FILTERS } from './number-filters.js';
import { TEXT_FILTERS } from './text-filters.js';

/** A fresh map of the built-in filters (`d` = default, `count` = length, `e` = escape). */
export function builtinFilters(): Map<string, FilterImpl> {
  const map = new Map<string, FilterImpl>([
    ...Object.entries(TEXT_FILTERS),
    ...Object.entries(COLLECTION_FILTERS),
    ...Object.entries(NUMBER_FILTERS),
    ...Object.entries(HTML_FILTERS),
  ]);
  map.set('d', COLLECTION_FILTERS.default as FilterImpl);
  return map;
}
