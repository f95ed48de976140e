#!/usr/bin/env node
/**
 * Builds Basin's web UI: bundles ui/main.tsx (React, CSS) with esbuild into
 * dist/ui/assets/ with content-hashed names, and writes dist/ui/index.html
 * from ui/index.html pointing at them. No CDN, no external font: everything
 * the browser loads comes from `basin serve`. Run: node scripts/build-ui.mjs
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist', 'ui');

await rm(out, { recursive: true, force: true });
await mkdir(path.join(out, 'assets'), { recursive: true });
const result = await build({
  entryPoints: [path.join(root, 'ui', 'main.tsx')],
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['chrome110', 'firefox110', 'safari16'],
  jsx: 'automatic',
  minify: true,
  sourcemap: true,
  outdir: path.join(out, 'assets'),
  // Pages loaded with React.lazy(() => import(...)) become chunks of their own (the lineage page's layout engine is large).
  splitting: true,
  entryNames: '[name]-[hash]',
  chunkNames: 'chunks/[name]-[hash]',
  assetNames: '[name]-[hash]',
  define: { 'process.env.NODE_ENV': '"production"' },
  metafile: true,
  logLevel: 'warning',
});

const files = Object.keys(result.metafile.outputs);
const script = files.find((f) => f.endsWith('.js') && result.metafile.outputs[f].entryPoint !== undefined);
// esbuild does not load the CSS of lazily imported chunks by itself: link every stylesheet up front (they are small).
const styles = files.filter((f) => f.endsWith('.css'));
if (!script) throw new Error('esbuild produced no script for ui/main.tsx');
const href = (file) => `/${path.relative(out, path.resolve(root, file)).split(path.sep).join('/')}`;
const template = await readFile(path.join(root, 'ui', 'index.html'), 'utf8');
const tags = [...styles.map((f) => `<link rel="stylesheet" href="${href(f)}">`), `<script type="module" src="${href(script)}"></script>`].join('\n    ');
await writeFile(path.join(out, 'index.html'), template.replace('<!-- assets -->', tags));
const size = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
process.stdout.write(`built dist/ui (${(size / 1024).toFixed(0)} KiB incl. source maps)\n`);
