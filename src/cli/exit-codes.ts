import { BasinError } from '../core/errors.js';

/** Exit codes of every command: 0 ok (warnings allowed), 1 failures in the work, 2 bad usage or config. */
export const EXIT_OK = 0;
export const EXIT_FAILURES = 1;
export const EXIT_USAGE = 2;

const USAGE_CODES = new Set([
  'CONFIG_INVALID',
  'CONFIG_NOT_FOUND',
  'USAGE',
  'TEMPLATE_SYNTAX',
  'GRAPH_CYCLE',
  'SELECTION',
  'WAREHOUSE_CONNECT',
  'WAREHOUSE_LOCKED',
  'READ_ONLY',
  'EXTERNAL_ACCESS',
]);

/** The exit code for an error that stopped a command before or outside its work. */
export function exitCodeForError(err: unknown): number {
  if (err instanceof BasinError && USAGE_CODES.has(err.code)) return EXIT_USAGE;
  if (err instanceof BasinError) return EXIT_FAILURES;
  return EXIT_USAGE;
}
