import { createLogger, type LogLevel, type Logger } from '../core/logger.js';

/** The CLI's logger: human lines on stderr (so --json stdout stays clean). */
export function createTerminalLogger(level: LogLevel, stream: NodeJS.WritableStream = process.stderr): Logger {
  return createLogger((entry) => {
    const time = entry.time.toISOString().slice(11, 19);
    const prefix = entry.level === 'info' ? '' : `${entry.level.toUpperCase()} `;
    const { node, ...rest } = entry.fields;
    const where = typeof node === 'string' ? ` [${node}]` : '';
    const extra = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : '';
    stream.write(`${time}  ${prefix}${entry.message}${where}${extra}\n`);
  }, level);
}
