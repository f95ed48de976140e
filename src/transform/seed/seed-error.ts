import { BasinError, formatLocation } from '../../core/errors.js';

/** A seed file cannot be read. The message starts with `file:line:`. */
export class SeedError extends BasinError {
  readonly file: string;
  readonly line: number | undefined;
  /** The message without the location prefix. */
  readonly detail: string;
  constructor(file: string, line: number | undefined, detail: string, options: { cause?: unknown } = {}) {
    super('SEED', `${formatLocation({ file, line })}: ${detail}`, options);
    this.name = 'SeedError';
    this.file = file;
    this.line = line;
    this.detail = detail;
  }
}
