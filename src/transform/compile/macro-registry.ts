import { ConfigError } from '../../core/errors.js';
import type { MacroDefinition } from '../project/types.js';
import type { BoundMacro, ParsedTemplate } from './template-port.js';

/** One macro with the template that defines it. */
export interface RegisteredMacro extends MacroDefinition {
  template: ParsedTemplate;
}

/** A macro file to register, with its parsed template. */
export interface MacroFile {
  packageName: string;
  originalFilePath: string;
  source: string;
  template: ParsedTemplate;
}

const BOUND = Symbol('basin.boundMacros');

/**
 * Every macro of the project, its packages and Basin's built-ins, and the
 * shared prototype that render contexts inherit so macros bind lazily to the
 * context that looks them up (dbt binds macros into each node's context).
 *
 * Name resolution, as dbt: the root project's macros, then installed
 * packages', then built-ins; each package is also a namespace
 * (`dbt_utils.star(...)`, `dbt.current_timestamp()`).
 */
export class MacroRegistry {
  readonly #byPackage = new Map<string, Map<string, RegisteredMacro>>();
  readonly #global = new Map<string, RegisteredMacro>();
  readonly base: object;

  constructor(
    files: MacroFile[],
    readonly rootPackage: string,
    readonly builtinPackage: string,
  ) {
    for (const file of files) {
      const pkg = this.#byPackage.get(file.packageName) ?? new Map<string, RegisteredMacro>();
      this.#byPackage.set(file.packageName, pkg);
      for (const name of file.template.macroNames()) {
        const previous = pkg.get(name);
        if (previous && file.packageName !== builtinPackage) {
          throw new ConfigError(
            `macro '${name}' is defined twice in package '${file.packageName}': ${previous.originalFilePath} and ${file.originalFilePath}`,
            { location: { file: file.originalFilePath } },
          );
        }
        pkg.set(name, {
          uniqueId: `macro.${file.packageName}.${name}`,
          packageName: file.packageName,
          name,
          originalFilePath: file.originalFilePath,
          fileSource: file.source,
          isGenericTest: name.startsWith('test_'),
          template: file.template,
        });
      }
    }
    const order = [
      builtinPackage,
      ...[...this.#byPackage.keys()].filter((p) => p !== builtinPackage && p !== rootPackage).sort(),
      rootPackage,
    ];
    for (const p of order) for (const [name, m] of this.#byPackage.get(p) ?? []) this.#global.set(name, m);
    this.base = this.#buildBase();
  }

  /** All macros, for the manifest. */
  all(): RegisteredMacro[] {
    return [...this.#byPackage.values()].flatMap((m) => [...m.values()]);
  }

  /** The macro a bare name resolves to. */
  resolve(name: string): RegisteredMacro | undefined {
    return this.#global.get(name);
  }

  /** The macro `name` of `packageName`. */
  inPackage(packageName: string, name: string): RegisteredMacro | undefined {
    return this.#byPackage.get(packageName)?.get(name);
  }

  /** True when `name` resolves to a Basin built-in (no project or package override). */
  isBuiltin(name: string): boolean {
    return this.#global.get(name)?.packageName === this.builtinPackage;
  }

  /** Package names that have macros. */
  packages(): string[] {
    return [...this.#byPackage.keys()];
  }

  /** Binds a macro to a context (cached per context object). */
  bind(macro: RegisteredMacro, context: object): BoundMacro {
    const holder = context as { [BOUND]?: Map<RegisteredMacro, BoundMacro> };
    let cache = Object.prototype.hasOwnProperty.call(holder, BOUND) ? holder[BOUND] : undefined;
    if (!cache) {
      cache = new Map();
      Object.defineProperty(holder, BOUND, { value: cache, enumerable: false });
    }
    let fn = cache.get(macro);
    if (!fn) {
      fn = macro.template.macro(macro.name, context);
      cache.set(macro, fn);
    }
    return fn;
  }

  #buildBase(): object {
    const base: Record<string, unknown> = {};
    const registry = this;
    // Assigning a name that a macro getter provides (a template's own macro of
    // the same name, or `{% set %}`) shadows it on the receiver.
    const shadow = (name: string) =>
      function (this: object, value: unknown) {
        Object.defineProperty(this, name, { value, writable: true, configurable: true, enumerable: true });
      };
    for (const [name, macro] of this.#global) {
      Object.defineProperty(base, name, {
        enumerable: true,
        configurable: true,
        get(this: object) {
          return registry.bind(macro, this);
        },
        set: shadow(name),
      });
    }
    for (const [pkgName, macros] of this.#byPackage) {
      if (macros.size === 0) continue;
      Object.defineProperty(base, pkgName, {
        enumerable: true,
        configurable: true,
        get(this: object) {
          const ctx = this;
          const ns: Record<string, unknown> = {};
          for (const [name, macro] of macros) {
            Object.defineProperty(ns, name, { enumerable: true, get: () => registry.bind(macro, ctx) });
          }
          Object.defineProperty(ctx, pkgName, { value: ns, enumerable: true, configurable: true, writable: true });
          return ns;
        },
        set: shadow(pkgName),
      });
    }
    return base;
  }
}
