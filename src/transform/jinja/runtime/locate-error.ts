/** Attaching template locations to errors raised while rendering. */
import { BasinError, TemplateError, errorMessage, type SourceLocation } from '../../../core/errors.js';
import { MacroReturn } from '../host-interop.js';
import { RenderError } from '../render-error.js';

/** Thrown by `{% break %}` / `{% continue %}` and caught by the enclosing loop. */
export const BREAK: unique symbol = Symbol('jinja.break');
export const CONTINUE: unique symbol = Symbol('jinja.continue');

/**
 * Converts an error thrown while evaluating the template node at `where()` into a
 * located `TemplateError` (the original is kept as `cause`). Already located
 * errors (TemplateErrors, BasinErrors with a `location`) and control-flow
 * throwables (MacroReturn, break/continue) pass through unchanged.
 */
export function locateError(e: unknown, where: () => SourceLocation): unknown {
  if (e === BREAK || e === CONTINUE || e instanceof MacroReturn || e instanceof TemplateError) return e;
  if (e instanceof BasinError && (e as { location?: unknown }).location !== undefined) return e;
  const detail = e instanceof RenderError ? e.message : errorMessage(e);
  return new TemplateError('TEMPLATE_RUNTIME', detail, where(), { cause: e });
}
