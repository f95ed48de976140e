/**
 * dbt reads seeds with agate null values `('null', '')`, compared after
 * trimming and lower-casing; agate's wider defaults (`na`, `n/a`, `none`, `.`)
 * are not used by dbt, so those stay text.
 */
export const SEED_NULL_VALUES: readonly string[] = ['', 'null'];

/** True when a CSV field is NULL for dbt: empty, blank, or `null` in any case (quoted or not). */
export function isSeedNull(raw: string): boolean {
  const t = raw.trim();
  return t === '' || t.toLowerCase() === 'null';
}
