/** Syntax errors raised by the lexer and parser, located by source offset. */

/** A syntax error at offset `pos`; the template turns it into a TemplateError with line/column. */
export class JinjaSyntaxError extends Error {
  constructor(message: string, readonly pos: number) {
    super(message);
    this.name = 'JinjaSyntaxError';
  }
}

/** 1-based line and column of an offset in `source`. */
export function lineColumn(source: string, pos: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(pos, source.length);
  for (let i = source.indexOf('\n'); i !== -1 && i < end; i = source.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: end - lineStart + 1 };
}
