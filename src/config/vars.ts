/**
 * dbt's `var()` scoping: project-wide keys, overridden by the keys under a
 * mapping named after the package; a package's own dbt_project.yml vars are
 * defaults that the root project's vars override.
 */
import { isPlainObject } from './yaml-file.js';

function scoped(vars: Record<string, unknown>, packageName: string): Record<string, unknown> {
  const scope = vars[packageName];
  return isPlainObject(scope) ? { ...vars, ...scope } : { ...vars };
}

/**
 * The vars visible to nodes of `packageName`. `rootVars` are the root
 * project's (dbt_project.yml plus basin.yml); `packageVars` are the package's
 * own dbt_project.yml vars (omit for the root project).
 */
export function varsForPackage(
  rootVars: Record<string, unknown>,
  packageName: string,
  packageVars: Record<string, unknown> = {},
): Record<string, unknown> {
  return { ...scoped(packageVars, packageName), ...scoped(rootVars, packageName) };
}
