/** What filters, tests and compiled templates need from their environment at run time. */

/** A filter implementation: the filtered value, then the call's arguments. */
export type FilterImpl = (env: RuntimeEnv, value: unknown, args: readonly unknown[], kwargs: Record<string, unknown>) => unknown;

/** A test implementation (`x is name(args)`). */
export type TestImpl = (env: RuntimeEnv, value: unknown, args: readonly unknown[], kwargs: Record<string, unknown>) => boolean;

/** The run-time view of an environment. */
export interface RuntimeEnv {
  /** StrictUndefined instead of Jinja2's default Undefined. */
  readonly strict: boolean;
  readonly filters: ReadonlyMap<string, FilterImpl>;
  readonly tests: ReadonlyMap<string, TestImpl>;
  /** Names visible to every template, below the render context. */
  readonly globals: Readonly<Record<string, unknown>>;
}

/** A scope: a prototype chain of variable objects ending at the render context. */
export type Frame = Record<string | symbol, unknown>;

/** Accumulates rendered output. */
export class Out {
  s = '';
}
