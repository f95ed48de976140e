import { fnmatch, hasWildcard } from './fnmatch.js';

/**
 * dbt's `is_selected_node` for unversioned nodes, compiled once per selector:
 * true when the selector is the node's name (last fqn part), or a dotted
 * prefix of the fqn (folders), or a dotted pattern whose wildcard part
 * fnmatches the rest of the fqn. Dots inside fqn parts count as separators.
 */
export function compileFqnSelector(selector: string): (fqn: readonly string[], start?: number) => boolean {
  const parts = selector.split('.');
  const wildcardAt = parts.findIndex((p) => hasWildcard(p));
  const fixed = wildcardAt === -1 ? parts : parts.slice(0, wildcardAt);
  const tail = wildcardAt === -1 ? undefined : parts.slice(wildcardAt).join('.');
  return (fqn, start = 0) => {
    if (fqn.length <= start) return false;
    if (fqn[fqn.length - 1] === selector) return true;
    let flat: readonly string[] = fqn;
    let offset = start;
    for (let i = start; i < fqn.length; i++) {
      if (fqn[i]!.includes('.')) {
        flat = fqn.slice(start).flatMap((s) => s.split('.'));
        offset = 0;
        break;
      }
    }
    if (flat.length - offset < parts.length) return false;
    for (let i = 0; i < fixed.length; i++) if (flat[offset + i] !== fixed[i]) return false;
    if (tail === undefined) return true;
    return fnmatch(flat.slice(offset + fixed.length).join('.'), tail);
  };
}

/** dbt's `is_selected_node` (uncompiled form). */
export function fqnSelectorMatches(fqn: readonly string[], selector: string): boolean {
  return compileFqnSelector(selector)(fqn);
}

/**
 * dbt's fqn method, compiled once per selector: matches with the package
 * included, or across packages (package dropped).
 */
export function compileFqnMethod(selector: string): (fqn: readonly string[]) => boolean {
  const match = compileFqnSelector(selector);
  return (fqn) => match(fqn, 0) || match(fqn, 1);
}
