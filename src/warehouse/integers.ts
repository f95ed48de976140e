/** A bigint as a JS number when it is a safe integer, else the bigint itself. */
export function safeInteger(value: bigint): number | bigint {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

/** An integer written in decimal text as a number when safe, else a bigint. */
export function safeIntegerFromText(text: string): number | bigint {
  // Up to 15 digits (plus sign) always fits in a double exactly.
  if (text.length <= 15) return Number(text);
  return safeInteger(BigInt(text));
}
