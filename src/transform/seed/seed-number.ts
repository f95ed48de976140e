/**
 * Number recognition as agate's `Number.cast` (en_US) does it for dbt seeds:
 * surrounding blanks and `%` signs are stripped, a leading `-` is kept aside,
 * currency symbols are stripped, `,` group separators are removed, and the
 * rest must be a decimal literal (`12`, `-3.5`, `.5`, `1e6`, `+7`).
 * Unlike Python's Decimal, `NaN` and `Infinity` are not numbers here (dbt would
 * type such a column as a number and then fail to load it).
 */

/** agate's default currency symbols. */
const CURRENCY_SYMBOLS = ['؋', '$', 'ƒ', '៛', '¥', '₡', '₱', '£', '€', '¢', '﷼', '₪', '₩', '₭', '₮', '₦', '฿', '₤', '₫'];

const DECIMAL_LITERAL = /^([+-])?(?:(\d+)(?:\.(\d*))?|\.(\d+))(?:[eE]([+-]?\d+))?$/;

/** A recognised number. */
export interface SeedNumber {
  /** True when the value is a whole number (`3`, `3.0`, `3e2`), as agate's normalised precision sees it. */
  integral: boolean;
  /** The exact value when `integral` and at most 20 digits long. */
  integer: bigint | undefined;
  /** The value as a double. */
  double: number;
}

function strip(text: string, ch: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.startsWith(ch, start)) start += ch.length;
  while (end > start && text.endsWith(ch, end)) end -= ch.length;
  return text.slice(start, end);
}

const PLAIN_INTEGER = /^-?\d{1,15}$/;
const PLAIN_DECIMAL = /^-?\d{1,15}\.\d*[1-9]$/;

/** Parses a seed field as a number, or returns undefined when agate would not. */
export function parseSeedNumber(raw: string): SeedNumber | undefined {
  // Fast paths for the common spellings; the general path below gives the same results.
  if (PLAIN_INTEGER.test(raw)) {
    const double = Number(raw);
    return { integral: true, integer: BigInt(double), double };
  }
  if (PLAIN_DECIMAL.test(raw)) return { integral: false, integer: undefined, double: Number(raw) };
  let d = strip(raw.trim(), '%');
  let negative = false;
  if (d.startsWith('-')) {
    negative = true;
    d = d.slice(1);
  }
  for (const symbol of CURRENCY_SYMBOLS) d = strip(d, symbol);
  d = d.replaceAll(',', '').trim();
  const m = DECIMAL_LITERAL.exec(d);
  if (!m) return undefined;
  if (m[1] === '-') negative = !negative;
  const whole = m[2] ?? '';
  const fraction = m[3] ?? m[4] ?? '';
  const exponent = m[5] === undefined ? 0 : Number.parseInt(m[5], 10);
  const sign = negative ? '-' : '';
  const double = Number(`${sign}${whole || '0'}.${fraction || '0'}e${exponent}`);
  if (!Number.isFinite(double)) return undefined;
  // Normalise like Decimal.normalize(): significant digits and a power of ten.
  let digits = `${whole}${fraction}`.replace(/^0+/, '');
  let shift = exponent - fraction.length;
  if (digits === '') return { integral: true, integer: 0n, double: 0 };
  const trailing = digits.length - digits.replace(/0+$/, '').length;
  digits = digits.slice(0, digits.length - trailing);
  shift += trailing;
  const integral = shift >= 0;
  // Whole numbers of more than 20 digits are beyond every integer type; keep them as doubles only.
  const integer = integral && digits.length + shift <= 20 ? BigInt(sign + digits) * 10n ** BigInt(shift) : undefined;
  return { integral, integer, double };
}
