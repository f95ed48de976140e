/**
 * Small text helpers for building SQL that every dialect shares.
 */

/** Removes trailing semicolons and whitespace, so a select can be wrapped in parentheses. */
export function trimStatement(sql: string): string {
  return sql.replace(/[\s;]+$/, '');
}

/** Doubles `quote` inside `text` and wraps it in `quote`. */
export function quoteWith(text: string, quote: string): string {
  return quote + text.split(quote).join(quote + quote) + quote;
}
