import { fnmatch, hasWildcard } from './fnmatch.js';

/**
 * dbt's `is_selected_node` for unversioned nodes: true when the selector is
 * the node's name (last fqn part), or a dotted prefix of the fqn (folders),
 * or a dotted pattern whose wildcard part fnmatches the rest of the fqn.
 */
export function fqnSelectorMatches(fqn: readonly string[], selector: string): boolean {
  if (fqn.length === 0) return false;
  if (fqn[fqn.length - 1] === selector) return true;
  const flat = fqn.flatMap((segment) => segment.split('.'));
  const parts = selector.split('.');
  if (flat.length < parts.length) return false;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (hasWildcard(part)) {
      return fnmatch(flat.slice(i).join('.'), parts.slice(i).join('.'));
    }
    if (flat[i] !== part) return false;
  }
  return true;
}

/** dbt's fqn method: matches with the package included, or across packages (package dropped). */
export function fqnMethodMatches(fqn: readonly string[], selector: string): boolean {
  return fqnSelectorMatches(fqn, selector) || fqnSelectorMatches(fqn.slice(1), selector);
}
