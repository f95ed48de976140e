/**
 * Evaluates a parsed Logging filter against a log entry, and derives what
 * the list needs to scan cheaply: the timestamp range the filter implies
 * (from its top-level AND), and whether it mentions `timestamp` at all (the
 * API's 24-hour default applies when it does not). `compileFilter` checks
 * field names and values up front, so a bad filter is a 400 before any work.
 */
import { FilterError, type FilterNode, type FilterOp } from './logging-filter-parse.js';
import { severityRank } from './logging-severity.js';
import { parseRfc3339Micros } from './logging-time.js';

/** A LogEntry in its JSON form. */
export type LogEntryJson = Record<string, unknown>;

/** LogEntry fields a filter may name. */
const FIELDS = new Set([
  'logName', 'resource', 'timestamp', 'receiveTimestamp', 'severity', 'insertId', 'httpRequest', 'labels', 'operation',
  'trace', 'spanId', 'traceSampled', 'sourceLocation', 'textPayload', 'jsonPayload', 'protoPayload', 'split',
]);
const TIME_FIELDS = new Set(['timestamp', 'receiveTimestamp']);

/** A filter ready to run. */
export interface CompiledFilter {
  matches(entry: LogEntryJson): boolean;
  /** Inclusive timestamp bounds (µs) every match lies in; undefined ends are open. */
  lower: number | undefined;
  upper: number | undefined;
  /** Whether the filter restricts `timestamp` anywhere. */
  mentionsTimestamp: boolean;
}

type Compiled = (entry: LogEntryJson) => boolean;

function lookup(entry: LogEntryJson, path: readonly string[]): unknown {
  let value: unknown = entry;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function compareScalar(actual: unknown, op: FilterOp, expected: string, regex: RegExp | undefined): boolean {
  if (actual === undefined || actual === null) return false;
  if (Array.isArray(actual)) return actual.some((a) => compareScalar(a, op, expected, regex));
  if (typeof actual === 'object') return op === ':' && JSON.stringify(actual).toLowerCase().includes(expected.toLowerCase());
  const text = String(actual);
  if (op === ':') return text.toLowerCase().includes(expected.toLowerCase());
  if (op === '=~') return regex?.test(text) ?? false;
  if (op === '!~') return !(regex?.test(text) ?? false);
  let cmp: number;
  const numeric = Number(expected);
  if ((typeof actual === 'number' || (typeof actual === 'string' && /^-?\d+(\.\d+)?$/.test(actual))) && expected !== '' && Number.isFinite(numeric)) {
    cmp = Number(actual) - numeric;
  } else if (typeof actual === 'boolean') {
    cmp = text === expected.toLowerCase() ? 0 : 1;
    if (op !== '=' && op !== '!=') return false;
  } else {
    cmp = text < expected ? -1 : text > expected ? 1 : 0;
  }
  return holds(cmp, op);
}

function holds(cmp: number, op: FilterOp): boolean {
  switch (op) {
    case '=': return cmp === 0;
    case '!=': return cmp !== 0;
    case '<': return cmp < 0;
    case '<=': return cmp <= 0;
    case '>': return cmp > 0;
    case '>=': return cmp >= 0;
    default: return false;
  }
}

function compileCmp(path: string[], op: FilterOp, value: string): Compiled {
  const field = path[0] ?? '';
  if (!FIELDS.has(field)) throw new FilterError(`Unparseable filter: unknown field "${path.join('.')}"`);
  if (op === '!=') {
    const eq = compileCmp(path, '=', value);
    return (e) => !eq(e);
  }
  if (TIME_FIELDS.has(field) && path.length === 1) {
    const micros = parseRfc3339Micros(value);
    if (micros === undefined) throw new FilterError(`Invalid timestamp value ${JSON.stringify(value)} for field ${field}: expected RFC 3339, e.g. "2025-01-01T00:00:00Z"`);
    if (op === ':' || op === '=~' || op === '!~') throw new FilterError(`Operator ${op} is not supported for field ${field}`);
    return (e) => {
      const actual = typeof e[field] === 'string' ? parseRfc3339Micros(e[field]) : undefined;
      return actual !== undefined && holds(actual - micros, op);
    };
  }
  if (field === 'severity' && path.length === 1 && op !== ':' && op !== '=~' && op !== '!~') {
    const rank = severityRank(value);
    if (rank === undefined) throw new FilterError(`Invalid severity value ${JSON.stringify(value)}: expected DEFAULT, DEBUG, INFO, NOTICE, WARNING, ERROR, CRITICAL, ALERT or EMERGENCY`);
    return (e) => holds((severityRank(String(e['severity'] ?? 'DEFAULT')) ?? 0) - rank, op);
  }
  // `field:*` asks whether the field is present.
  if (op === ':' && value === '*') return (e) => lookup(e, path) !== undefined && lookup(e, path) !== null;
  let regex: RegExp | undefined;
  if (op === '=~' || op === '!~') {
    try {
      regex = new RegExp(value);
    } catch {
      throw new FilterError(`Invalid regular expression ${JSON.stringify(value)}`);
    }
  }
  return (e) => compareScalar(lookup(e, path), op, value, regex);
}

function compileNode(node: FilterNode): Compiled {
  switch (node.kind) {
    case 'cmp':
      return compileCmp(node.path, node.op, node.value);
    case 'not': {
      const inner = compileNode(node.item);
      return (e) => !inner(e);
    }
    case 'and': {
      const items = node.items.map(compileNode);
      return (e) => items.every((f) => f(e));
    }
    case 'or': {
      const items = node.items.map(compileNode);
      return (e) => items.some((f) => f(e));
    }
  }
}

function mentions(node: FilterNode, field: string): boolean {
  if (node.kind === 'cmp') return node.path.length === 1 && node.path[0] === field;
  if (node.kind === 'not') return mentions(node.item, field);
  return node.items.some((n) => mentions(n, field));
}

/** Timestamp bounds implied by the conjunction at the root (µs, inclusive). */
function bounds(node: FilterNode | undefined): { lower: number | undefined; upper: number | undefined } {
  let lower: number | undefined;
  let upper: number | undefined;
  const visit = (n: FilterNode): void => {
    if (n.kind === 'and') return n.items.forEach(visit);
    if (n.kind !== 'cmp' || n.path.length !== 1 || n.path[0] !== 'timestamp') return;
    const t = parseRfc3339Micros(n.value);
    if (t === undefined) return;
    if (n.op === '>=' || n.op === '>' || n.op === '=') lower = Math.max(lower ?? t, t);
    if (n.op === '<=' || n.op === '<' || n.op === '=') upper = Math.min(upper ?? t, t);
  };
  if (node) visit(node);
  return { lower, upper };
}

/** Compiles a parsed filter (undefined = match all). Throws FilterError for unknown fields or bad values. */
export function compileFilter(node: FilterNode | undefined): CompiledFilter {
  const run = node ? compileNode(node) : () => true;
  return { matches: run, ...bounds(node), mentionsTimestamp: node ? mentions(node, 'timestamp') : false };
}
