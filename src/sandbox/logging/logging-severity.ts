/**
 * Cloud Logging's LogSeverity: the names and their numeric order
 * (DEFAULT 0 ... EMERGENCY 800), as filters compare them (`severity>=ERROR`
 * or `severity>=500`).
 */

/** Severity names by their numeric value. */
export const SEVERITIES: Readonly<Record<string, number>> = {
  DEFAULT: 0,
  DEBUG: 100,
  INFO: 200,
  NOTICE: 300,
  WARNING: 400,
  ERROR: 500,
  CRITICAL: 600,
  ALERT: 700,
  EMERGENCY: 800,
};

/** The numeric value of a severity name or number (case-insensitive), or undefined. */
export function severityRank(value: string): number | undefined {
  const named = SEVERITIES[value.toUpperCase()];
  if (named !== undefined) return named;
  return /^\d+$/.test(value) ? Number(value) : undefined;
}
