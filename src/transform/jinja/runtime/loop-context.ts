/** The `loop` variable of `{% for %}` blocks. */
import { pyEq } from '../python-ops.js';
import { Undefined } from '../python-values.js';
import { RenderError } from '../render-error.js';
import { CALL, type TemplateCallable } from './call.js';

const NOTHING = Symbol('nothing');

/** Jinja2's LoopContext: index, length, first/last, cycle(), changed(), ... */
export class LoopContext implements TemplateCallable {
  /** Current zero-based position; set by the loop. */
  index0 = -1;
  readonly #items: readonly unknown[];
  readonly #strict: boolean;
  readonly #recurse: ((iterable: unknown) => string) | undefined;
  #lastChanged: unknown = NOTHING;
  /** Nesting level of recursive loops, starting at 0. */
  readonly depth0: number;

  constructor(items: readonly unknown[], depth0: number, strict: boolean, recurse?: (iterable: unknown) => string) {
    this.#items = items;
    this.depth0 = depth0;
    this.#strict = strict;
    this.#recurse = recurse;
  }

  get length(): number {
    return this.#items.length;
  }
  get index(): number {
    return this.index0 + 1;
  }
  get revindex(): number {
    return this.#items.length - this.index0;
  }
  get revindex0(): number {
    return this.#items.length - this.index0 - 1;
  }
  get first(): boolean {
    return this.index0 === 0;
  }
  get last(): boolean {
    return this.index0 === this.#items.length - 1;
  }
  get depth(): number {
    return this.depth0 + 1;
  }
  get previtem(): unknown {
    if (this.index0 > 0) return this.#items[this.index0 - 1];
    return new Undefined('previtem', undefined, this.#strict, 'there is no previous item');
  }
  get nextitem(): unknown {
    if (this.index0 + 1 < this.#items.length) return this.#items[this.index0 + 1];
    return new Undefined('nextitem', undefined, this.#strict, 'there is no next item');
  }
  /** Cycles among the arguments. */
  cycle(...args: unknown[]): unknown {
    if (args.length === 0) throw new RenderError('no items for cycling given');
    return args[this.index0 % args.length];
  }
  /** True on the first call and whenever the arguments differ from the previous call. */
  changed(...args: unknown[]): boolean {
    if (this.#lastChanged !== NOTHING && pyEq(this.#lastChanged, args)) return false;
    this.#lastChanged = args;
    return true;
  }
  [CALL](positional: readonly unknown[]): unknown {
    if (!this.#recurse) throw new RenderError('Tried to call non recursive loop. Maybe you forgot the \'recursive\' modifier.');
    return this.#recurse(positional[0]);
  }
  toString(): string {
    return `<LoopContext ${this.index}/${this.length}>`;
  }
}
