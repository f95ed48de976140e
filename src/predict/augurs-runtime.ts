import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as ets from '@bsull/augurs/ets';
import * as mstl from '@bsull/augurs/mstl';

let ready = false;

const wasmBeside = (specifier: string, file: string): Buffer =>
  readFileSync(path.join(path.dirname(createRequire(import.meta.url).resolve(specifier)), file));

/**
 * The augurs MSTL and ETS bindings, with their WebAssembly instantiated on
 * first use (synchronously, from the files shipped beside the bindings).
 */
export function augurs(): { MSTL: typeof mstl.MSTL; AutoETS: typeof ets.AutoETS } {
  if (!ready) {
    mstl.initSync({ module: wasmBeside('@bsull/augurs/mstl', 'mstl_bg.wasm') });
    ets.initSync({ module: wasmBeside('@bsull/augurs/ets', 'ets_bg.wasm') });
    ready = true;
  }
  return { MSTL: mstl.MSTL, AutoETS: ets.AutoETS };
}
