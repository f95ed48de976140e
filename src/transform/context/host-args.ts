/**
 * The dbt context's view of the template engine's host-call convention:
 * keyword arguments arrive as a trailing `Kwargs`; `return()` throws a
 * `MacroReturn` that ends the innermost macro call.
 */
export { splitArgs as hostArgs, returnValue as macroReturn } from '../jinja/host-interop.js';
