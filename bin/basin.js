#!/usr/bin/env node
// The `basin` command. `npm install` (prepare) compiles the TypeScript sources
// to dist/ and bundles the CLI into dist/bundle/ (one file loads much faster
// than two hundred small modules).
import { main } from '../dist/bundle/main.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(err instanceof Error ? err.stack ?? err.message : String(err));
    process.exitCode = 2;
  },
);
