/** Argument helpers shared by the built-in filters. */
import { truthy } from '../python-ops.js';
import { Undefined, isString } from '../python-values.js';
import { getItem } from '../runtime/attributes.js';
import type { RuntimeEnv } from '../runtime/runtime-env.js';

/** The argument at position `i` or keyword `name`, else `dflt`. */
export function param(args: readonly unknown[], kwargs: Record<string, unknown>, i: number, name: string, dflt: unknown): unknown {
  if (i < args.length) return args[i];
  if (Object.hasOwn(kwargs, name)) return kwargs[name];
  return dflt;
}

/** A boolean argument. */
export function flag(args: readonly unknown[], kwargs: Record<string, unknown>, i: number, name: string, dflt: boolean): boolean {
  return truthy(param(args, kwargs, i, name, dflt));
}

/** Jinja2's `ignore_case` postprocessor. */
export function ignoreCase(v: unknown): unknown {
  return isString(v) ? String(v).toLowerCase() : v;
}

/**
 * Jinja2's `make_attrgetter`: `attribute` may be dotted (`a.b.0`); each part
 * is looked up with item-then-attribute semantics.
 */
export function attrGetter(
  env: RuntimeEnv,
  attribute: unknown,
  postprocess?: (v: unknown) => unknown,
  dflt?: unknown,
): (item: unknown) => unknown {
  if (attribute === null || attribute === undefined) return postprocess ?? ((v) => v);
  const parts: unknown[] =
    typeof attribute === 'string' ? attribute.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)) : [attribute];
  return (item: unknown) => {
    let v = item;
    for (const p of parts) {
      v = getItem(v, p, env.strict);
      if (dflt !== undefined && dflt !== null && v instanceof Undefined) {
        v = dflt;
        break;
      }
    }
    return postprocess ? postprocess(v) : v;
  };
}

/** Like `attrGetter` but `attribute` may list several comma-separated attributes. */
export function multiAttrGetter(
  env: RuntimeEnv,
  attribute: unknown,
  postprocess?: (v: unknown) => unknown,
): (item: unknown) => unknown {
  if (typeof attribute !== 'string' || !attribute.includes(',')) return attrGetter(env, attribute, postprocess);
  const getters = attribute.split(',').map((a) => attrGetter(env, a.trim(), postprocess));
  return (item) => getters.map((g) => g(item));
}
