/** Jinja2's default global functions: range, dict, namespace, cycler, joiner, lipsum. */
import { splitArgs } from '../host-interop.js';
import { Namespace, numValue } from '../python-values.js';
import { RenderError } from '../render-error.js';

/** Python's `range()` as a list. */
export function range(...args: unknown[]): number[] {
  const { positional } = splitArgs(args);
  let start = 0;
  let stop: number;
  let step = 1;
  if (positional.length === 1) stop = numValue(positional[0]);
  else {
    start = numValue(positional[0]);
    stop = numValue(positional[1]);
    if (positional.length > 2) step = numValue(positional[2]);
  }
  if (step === 0) throw new RenderError('range() arg 3 must not be zero', 'ValueError');
  const out: number[] = [];
  if (step > 0) for (let i = start; i < stop; i += step) out.push(i);
  else for (let i = start; i > stop; i += step) out.push(i);
  return out;
}

/** `dict(a=1)` / `dict(other, b=2)`. */
function dict(...args: unknown[]): Record<string, unknown> {
  const { positional, kwargs } = splitArgs(args);
  const out: Record<string, unknown> = {};
  const src = positional[0];
  if (Array.isArray(src)) for (const pair of src) out[String((pair as unknown[])[0])] = (pair as unknown[])[1];
  else if (src !== undefined && src !== null) Object.assign(out, src);
  return Object.assign(out, kwargs);
}

/** `namespace(a=1)`: an object whose attributes can be assigned with `{% set ns.a = ... %}`. */
function namespace(...args: unknown[]): Namespace {
  const { positional, kwargs } = splitArgs(args);
  const ns = new Namespace();
  for (const p of positional) if (p !== null && typeof p === 'object') Object.assign(ns, p);
  return Object.assign(ns, kwargs);
}

/** Jinja2's Cycler. */
class Cycler {
  #pos = 0;
  constructor(readonly items: readonly unknown[]) {}
  get current(): unknown {
    return this.items[this.#pos];
  }
  next(): unknown {
    const v = this.items[this.#pos];
    this.#pos = (this.#pos + 1) % this.items.length;
    return v;
  }
  reset(): null {
    this.#pos = 0;
    return null;
  }
}

function cycler(...args: unknown[]): Cycler {
  const { positional } = splitArgs(args);
  if (positional.length === 0) throw new RenderError('at least one item has to be provided');
  return new Cycler(positional);
}

function joiner(...args: unknown[]): () => string {
  const { positional, kwargs } = splitArgs(args);
  const sep = String(positional[0] ?? kwargs.sep ?? ', ');
  let used = false;
  return () => {
    if (!used) {
      used = true;
      return '';
    }
    return sep;
  };
}

function lipsum(): string {
  return 'Lorem ipsum dolor sit amet, consectetur adipiscing elit.';
}

/** The default globals every template sees (below the render context). */
export function defaultGlobals(): Record<string, unknown> {
  return Object.assign(Object.create(null) as Record<string, unknown>, { range, dict, namespace, cycler, joiner, lipsum });
}
