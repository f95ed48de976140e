/**
 * Boolean recognition as dbt configures agate: only `true` and `false`, in
 * any case, after removing commas and blanks. agate's other defaults (`yes`,
 * `no`, `y`, `n`, `t`, `f`, `1`, `0`) are not booleans in dbt seeds: `1`/`0`
 * are integers and the rest text.
 */
export function parseSeedBoolean(raw: string): boolean | undefined {
  const t = raw.replaceAll(',', '').trim().toLowerCase();
  if (t === 'true') return true;
  if (t === 'false') return false;
  return undefined;
}
