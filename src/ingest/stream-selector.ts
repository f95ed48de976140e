import { BasinError } from '../core/errors.js';

/** A `basin ingest` selector: `stripe`, `stripe.customers`, `source:stripe.*`, wildcards `*` and `?`. */
interface ParsedSelector {
  connection: RegExp;
  stream: RegExp | undefined;
}

const toRegExp = (glob: string): RegExp =>
  new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);

function parse(selector: string): ParsedSelector {
  const raw = selector.startsWith('source:') ? selector.slice('source:'.length) : selector;
  const parts = raw.split('.');
  if (raw === '' || parts.length > 2 || parts.some((p) => p === '')) {
    throw new BasinError('SELECTION', `'${selector}' is not a source selector; use <connection>, <connection>.<stream> or source:<connection>[.<stream>]`);
  }
  return { connection: toRegExp(parts[0] as string), stream: parts[1] === undefined ? undefined : toRegExp(parts[1]) };
}

/**
 * Which streams `selectors` pick (union). No selectors: everything.
 * Returns a predicate over (connection, stream).
 */
export function streamSelection(selectors: readonly string[] | undefined): (connection: string, stream: string) => boolean {
  const parsed = (selectors ?? []).flatMap((s) => s.split(/\s+/).filter(Boolean)).map(parse);
  if (parsed.length === 0) return () => true;
  return (connection, stream) => parsed.some((p) => p.connection.test(connection) && (p.stream === undefined || p.stream.test(stream)));
}

/** True when any selector names the connection (so its source must be opened). */
export function selectsConnection(selectors: readonly string[] | undefined, connection: string): boolean {
  const parsed = (selectors ?? []).flatMap((s) => s.split(/\s+/).filter(Boolean)).map(parse);
  return parsed.length === 0 || parsed.some((p) => p.connection.test(connection));
}
