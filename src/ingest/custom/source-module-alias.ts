/**
 * Makes `import ... from 'basin/source'` work in a user's project without
 * installing anything: the specifier is resolved to a tiny shim module that
 * re-exports this process's `defineSource` and `z` (kept on a global symbol).
 *
 * Two resolvers, because tsx loads a `.ts` file as ESM or CommonJS depending
 * on the project's package.json `type`: an ESM resolve hook (`module.register`)
 * and a CommonJS `Module._resolveFilename` wrapper. Both answer only the exact
 * specifier `basin/source`, so everything else resolves as usual. The shims
 * live in a private temporary folder (mode 0700) removed when the process exits.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import Module, { register } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { defineSource } from './define-source.js';

/** The specifier custom source modules import the helper from. */
export const SOURCE_MODULE_SPECIFIER = 'basin/source';

const GLOBAL_KEY = Symbol.for('basin.source-module');
const EXPORT_NAMES = ['defineSource', 'z'] as const;

let installed = false;

type ResolveFilename = (request: string, ...rest: unknown[]) => string;

/** Installs the `basin/source` resolution once per process. */
export function installSourceModuleAlias(): void {
  if (installed) return;
  (globalThis as Record<symbol, unknown>)[GLOBAL_KEY] = Object.freeze({ defineSource, z });

  const dir = mkdtempSync(path.join(tmpdir(), 'basin-source-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const read = `const api = globalThis[Symbol.for(${JSON.stringify(GLOBAL_KEY.description)})];\n`;
  const esmShim = path.join(dir, 'source.mjs');
  const cjsShim = path.join(dir, 'source.cjs');
  writeFileSync(esmShim, read + EXPORT_NAMES.map((n) => `export const ${n} = api.${n};\n`).join(''));
  writeFileSync(cjsShim, read + EXPORT_NAMES.map((n) => `exports.${n} = api.${n};\n`).join(''));

  const hooks = [
    'export async function resolve(specifier, context, nextResolve) {',
    `  if (specifier === ${JSON.stringify(SOURCE_MODULE_SPECIFIER)}) {`,
    `    return { url: ${JSON.stringify(pathToFileURL(esmShim).href)}, format: 'module', shortCircuit: true };`,
    '  }',
    '  return nextResolve(specifier, context);',
    '}',
  ].join('\n');
  register(`data:text/javascript,${encodeURIComponent(hooks)}`);

  const moduleInternals = Module as unknown as { _resolveFilename: ResolveFilename };
  const previous = moduleInternals._resolveFilename;
  moduleInternals._resolveFilename = function resolveBasinSource(this: unknown, request: string, ...rest: unknown[]): string {
    if (request === SOURCE_MODULE_SPECIFIER) return cjsShim;
    return previous.call(this, request, ...rest);
  };
  installed = true;
}
