/**
 * An exposure's `depends_on:` entries, written as dbt writes them:
 * `ref('orders')`, `ref('pkg', 'orders')`, `ref('orders', v=2)` and
 * `source('stripe', 'charges')`. Parsed without rendering: they are plain
 * calls with literal arguments.
 */
import type { RefCall } from './types.js';

const STRING = String.raw`\s*(['"])([^'"]*)\1\s*`;
const REF = new RegExp(String.raw`^\s*ref\(${STRING}(?:,${STRING})?(?:,\s*(?:v|version)\s*=\s*(?:(['"])([^'"]*)\5|([\w.]+))\s*)?\)\s*$`);
const SOURCE = new RegExp(String.raw`^\s*source\(${STRING},${STRING}\)\s*$`);

/** A parsed `depends_on` entry, or undefined when it is neither a ref nor a source call. */
export function parseExposureDependency(text: string): { ref: RefCall } | { source: [string, string] } | undefined {
  const ref = REF.exec(text);
  if (ref) {
    const [first, second] = [ref[2]!, ref[4]];
    const version = ref[6] ?? ref[7];
    const call: RefCall = second === undefined ? { name: first } : { package: first, name: second };
    if (version !== undefined) call.version = version;
    return { ref: call };
  }
  const source = SOURCE.exec(text);
  if (source) return { source: [source[2]!, source[4]!] };
  return undefined;
}
