/**
 * Errors raised while evaluating a template, before a file/line is attached.
 * The compiler catches them at expression and statement boundaries and turns
 * them into `TemplateError`s with a location (see runtime/locate-error.ts).
 */

/** A Python-style runtime error (TypeError, ValueError, ...) without a location yet. */
export class RenderError extends Error {
  constructor(message: string, readonly pyType: string = 'TypeError') {
    super(message);
    this.name = 'RenderError';
  }
}

/** Jinja2's UndefinedError: an undefined value was used in a way that needs a value. */
export class UndefinedError extends RenderError {
  constructor(message: string) {
    super(message, 'UndefinedError');
    this.name = 'UndefinedError';
  }
}
