/** A compiled ephemeral model, ready to inline as a CTE. */
export interface EphemeralCte {
  /** The CTE name, dbt's `__dbt__cte__<model>`. */
  name: string;
  sql: string;
}

/** dbt's name for the CTE of an ephemeral model. */
export function ephemeralCteName(modelName: string): string {
  return `__dbt__cte__${modelName}`;
}

/** Strips leading whitespace and SQL comments, returning the offset of the first token. */
function firstTokenOffset(sql: string): number {
  let i = 0;
  for (;;) {
    while (i < sql.length && /\s/.test(sql[i] as string)) i++;
    if (sql.startsWith('--', i)) {
      const nl = sql.indexOf('\n', i);
      i = nl === -1 ? sql.length : nl + 1;
    } else if (sql.startsWith('/*', i)) {
      const end = sql.indexOf('*/', i + 2);
      i = end === -1 ? sql.length : end + 2;
    } else {
      return i;
    }
  }
}

/**
 * Inlines ephemeral models as CTEs ahead of `sql`, in the order given (which
 * must put dependencies first). When `sql` already starts with `WITH`, the
 * CTEs join its list; otherwise a `with` clause is prepended. `with recursive`
 * keeps its keyword.
 */
export function injectCtes(sql: string, ctes: EphemeralCte[]): string {
  if (ctes.length === 0) return sql;
  const defs = ctes.map((c) => `${c.name} as (\n${c.sql.trim()}\n)`).join(',\n');
  const start = firstTokenOffset(sql);
  const head = sql.slice(start);
  const withMatch = /^with(\s+recursive)?\b/i.exec(head);
  if (withMatch) {
    const keyword = withMatch[0];
    return `${sql.slice(0, start)}${keyword} ${defs},\n${head.slice(keyword.length).trimStart()}`;
  }
  return `${sql.slice(0, start)}with ${defs}\n${head}`;
}
