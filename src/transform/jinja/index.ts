/**
 * Basin's Jinja2-compatible template engine (public API). See README.md for
 * the value model and the host-interop contract.
 */
export { Environment, type EnvironmentOptions, type HostFilter } from './environment.js';
export { Template, type SnapshotBlock, type DocsBlock } from './template.js';
export {
  Kwargs,
  splitArgs,
  MacroReturn,
  returnValue,
  isMacro,
  MACRO,
  HOST_MAPPING,
  type MacroFunction,
  type MacroInfo,
} from './host-interop.js';
export { Markup, Namespace, PyFloat, Undefined, tuple, isTuple, toFloat } from './python-values.js';
export { pyStr, pyRepr } from './python-str.js';
export { truthy } from './python-ops.js';
