/**
 * The logger every engine receives by injection. Nothing in Basin writes to the
 * console directly except the CLI's own logger implementation.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** A logger that adds `fields` to every entry. */
  child(fields: Record<string, unknown>): Logger;
}

/** One recorded log entry. */
export interface LogEntry {
  level: LogLevel;
  message: string;
  fields: Record<string, unknown>;
  time: Date;
}

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** A logger that sends entries at or above `minLevel` to `sink`. */
export function createLogger(
  sink: (entry: LogEntry) => void,
  minLevel: LogLevel = 'info',
  baseFields: Record<string, unknown> = {},
): Logger {
  const emit = (level: LogLevel, message: string, fields?: Record<string, unknown>): void => {
    if (LEVELS[level] < LEVELS[minLevel]) return;
    sink({ level, message, fields: { ...baseFields, ...fields }, time: new Date() });
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (fields) => createLogger(sink, minLevel, { ...baseFields, ...fields }),
  };
}

/** A logger that discards everything (tests, library callers that want quiet). */
export const silentLogger: Logger = createLogger(() => undefined, 'error');

/** A logger that keeps its entries in memory, for tests. */
export function createMemoryLogger(minLevel: LogLevel = 'debug'): Logger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const logger = createLogger((e) => entries.push(e), minLevel);
  return Object.assign(logger, { entries });
}
