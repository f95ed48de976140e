/** True when a generic test argument is a `ref(...)` or `source(...)` expression (dbt evaluates these). */
export function isRefExpression(value: string): boolean {
  return /^\s*(ref|source)\s*\(.*\)\s*$/s.test(value);
}
